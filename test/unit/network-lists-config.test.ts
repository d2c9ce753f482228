// The network-list variables: defaults (a daily refresh, the providers' own URLs), a mirror per
// list, and a sentence naming each bad value.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config.ts';

describe('network-list configuration', () => {
  it('refreshes daily from the providers by default, bounded in time and size', () => {
    expect(loadConfig({}).networkLists).toEqual({ refresh: 'daily', timeoutMs: 60_000, maxBytes: 64 * 1024 * 1024, urls: {} });
  });

  it('reads a mirror per list, the switch and the limits', () => {
    const config = loadConfig({
      NETWORK_LISTS_REFRESH: 'off',
      NETWORK_LISTS_TIMEOUT_S: '2.5',
      NETWORK_LISTS_MAX_MB: '8',
      NETWORK_LISTS_URL_AWS: 'http://127.0.0.1:9000/ip-ranges.json',
      NETWORK_LISTS_URL_ICLOUD_PRIVATE_RELAY: 'https://mirror.example/egress-ip-ranges.csv',
    }).networkLists;
    expect(config).toEqual({
      refresh: 'off',
      timeoutMs: 2500,
      maxBytes: 8 * 1024 * 1024,
      urls: { aws: 'http://127.0.0.1:9000/ip-ranges.json', 'icloud-private-relay': 'https://mirror.example/egress-ip-ranges.csv' },
    });
  });

  it('names each bad value', () => {
    expect(() => loadConfig({ NETWORK_LISTS_REFRESH: 'weekly' })).toThrow(ConfigError);
    expect(() => loadConfig({ NETWORK_LISTS_REFRESH: 'weekly' })).toThrow(/NETWORK_LISTS_REFRESH: must be daily or off/);
    expect(() => loadConfig({ NETWORK_LISTS_URL_AZURE: 'ftp://mirror.example/tags.json' })).toThrow(
      /NETWORK_LISTS_URL_AZURE: must be an http\(s\) URL/,
    );
    expect(() => loadConfig({ NETWORK_LISTS_TIMEOUT_S: 'soon' })).toThrow(/NETWORK_LISTS_TIMEOUT_S: must be a number such as 60/);
  });
});
