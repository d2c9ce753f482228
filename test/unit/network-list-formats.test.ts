// Each provider's format read by its parser: the ranges of a well-formed file, a sentence for a
// malformed one; the link to Azure's weekly file found in its download page; special-purpose and
// absurdly wide ranges handled.
import { describe, expect, it } from 'vitest';
import { parseAwsIpRanges } from '../../src/server/ingest/network-lists/formats/aws-ip-ranges.ts';
import { azureFileLink, parseAzureServiceTags } from '../../src/server/ingest/network-lists/formats/azure-service-tags.ts';
import { parseGoogleCloudJson } from '../../src/server/ingest/network-lists/formats/google-cloud-json.ts';
import { parseOracleJson } from '../../src/server/ingest/network-lists/formats/oracle-json.ts';
import { parsePrefixCsv } from '../../src/server/ingest/network-lists/formats/prefix-csv.ts';
import { ListFormatError } from '../../src/server/ingest/network-lists/list-format-error.ts';
import { usableRanges } from '../../src/server/ingest/network-lists/usable-ranges.ts';
import {
  awsIpRanges,
  azureServiceTags,
  geofeedCsv,
  googleCloudJson,
  oracleJson,
  privateRelayCsv,
} from '../fixtures/network-lists/provider-formats.ts';

const RANGES = ['11.0.0.0/24', '11.0.1.0/24', '2001:db9:1::/48'];

describe('provider formats', () => {
  it('reads the ranges of each format', () => {
    expect(parseAwsIpRanges(awsIpRanges(RANGES))).toEqual(RANGES);
    expect(parseGoogleCloudJson(googleCloudJson(RANGES))).toEqual(RANGES);
    expect(parseAzureServiceTags(azureServiceTags(RANGES))).toEqual(RANGES);
    expect(parseOracleJson(oracleJson(RANGES))).toEqual(RANGES);
    expect(parsePrefixCsv(geofeedCsv(RANGES), 'a geofeed')).toEqual(RANGES);
    expect(parsePrefixCsv(privateRelayCsv(RANGES), 'the relay list')).toEqual(RANGES);
  });

  it('says what is wrong with a malformed file', () => {
    expect(() => parseAwsIpRanges('{"prefixes": []}')).toThrow(/not AWS's ip-ranges.json: at syncToken/);
    expect(() => parseGoogleCloudJson(googleCloudJson(RANGES).slice(0, 40))).toThrow(/not valid JSON \(truncated\?\)/);
    expect(() => parseOracleJson('{"last_updated_timestamp":"x","regions":[{"region":"a","cidrs":[{"tags":[]}]}]}')).toThrow(
      /at regions.0.cidrs.0.cidr/,
    );
    expect(() => parsePrefixCsv('11.0.0.0/24,NL\n<html>\n', 'a geofeed')).toThrow(/line 2 does not start with an address range/);
    expect(() => parsePrefixCsv('11.0.0.0/24,NL\n11.0.1.0/2', 'a geofeed')).toThrow(/last line is cut off/);
    expect(() => parseAwsIpRanges('[]')).toThrow(ListFormatError);
  });

  it("finds the current ServiceTags file in Azure's download page", () => {
    const page = `<a href="https://download.microsoft.com/download/7/1/D/71D86715-5596-4529-9B13-DA13A5DE5B63/ServiceTags_Public_20261130.json" class="mscom-link">`;
    expect(azureFileLink(page)).toBe(
      'https://download.microsoft.com/download/7/1/D/71D86715-5596-4529-9B13-DA13A5DE5B63/ServiceTags_Public_20261130.json',
    );
    expect(() => azureFileLink('<html>no link</html>')).toThrow(/links no ServiceTags_Public_YYYYMMDD.json/);
  });
});

describe('usableRanges', () => {
  it('drops special-purpose ranges, merges overlapping and adjacent ones, and writes them back as CIDRs', async () => {
    expect(
      await usableRanges([
        '11.0.0.0/24',
        '192.0.2.0/24',
        '2002::/16',
        '2001:db8::/32',
        '10.0.0.0/8',
        ' 11.0.1.0/24 ',
        '11.0.0.7/32',
        '11.0.3.9/23',
        '11.0.5.0/24',
        '11.0.6.0/24',
        '2a02:26f7:b3c0::/64',
        '2a02:26f7:b3c0:1::/64',
        '2600:1f18::/32',
      ]),
    ).toEqual(['11.0.0.0/22', '11.0.5.0/24', '11.0.6.0/24', '2600:1f18::/32', '2a02:26f7:b3c0::/63']);
  });

  it('refuses a list with a non-CIDR or an absurdly wide range', async () => {
    await expect(usableRanges(['11.0.0.0/24', '11.0.0.0/33'])).rejects.toThrow(/"11.0.0.0\/33" is not an address range/);
    await expect(usableRanges(['2600::1::/64'])).rejects.toThrow(/not an address range/);
    await expect(usableRanges(['0.0.0.0/0'])).rejects.toThrow(/wider than any provider's range/);
    await expect(usableRanges(['2600::/12'])).rejects.toThrow(/wider than any provider's range/);
  });
});
