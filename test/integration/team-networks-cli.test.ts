// `glint team allow-network / networks / remove-network`, the real command on a real store: stable
// output and --json, normalised CIDRs, bad usage (not a network, too wide) exiting 2 and refusals
// exiting 1 with one line; and a server started on the same data then judges an open from the
// allow-listed network human (its first read of the team's list comes after the change).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UA } from '../fixtures/hits/real-world.ts';
import { glintCommand } from '../support/glint-serve.ts';
import { startServer } from '../support/start-server.ts';
import { openPixel, readFeed, registerEmail } from './server/helpers.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'glint-team-networks-'));
const glint = glintCommand({ ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('glint team networks', () => {
  it('adds, lists and removes networks with stable output', async () => {
    expect((await glint('user', 'add', 'lead@northwind.example', '--team', 'Northwind')).code).toBe(0);
    const added = await glint('team', 'allow-network', 'Northwind', '3.80.12.9/24', '--label', 'Paris VPN');
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toMatch(/^Team Northwind \(tm_[\w-]+\): allow-listed 3\.80\.12\.0\/24 \(Paris VPN\)\n$/);
    const json = await glint('team', 'allow-network', 'Northwind', '2001:DB8:5::1/48', '--json');
    expect(JSON.parse(json.stdout)).toEqual({
      teamId: expect.stringMatching(/^tm_/),
      teamName: 'Northwind',
      network: { cidr: '2001:db8:5::/48', label: null, addedBy: expect.stringMatching(/^glint CLI/), addedAt: expect.any(String) },
    });

    const listed = await glint('team', 'networks', 'Northwind');
    const rows = listed.stdout
      .trim()
      .split('\n')
      .map((line) => line.split('\t'));
    expect(rows.map(([cidr, label]) => [cidr, label])).toEqual([
      ['3.80.12.0/24', 'Paris VPN'],
      ['2001:db8:5::/48', '-'],
    ]);
    expect(rows[0]?.[2]).toMatch(/^\d{4}-\d\d-\d\dT/);
    const listedJson = JSON.parse((await glint('team', 'networks', 'Northwind', '--json')).stdout) as {
      limit: number;
      networks: unknown[];
    };
    expect(listedJson).toMatchObject({ limit: 100, networks: [{ cidr: '3.80.12.0/24' }, { cidr: '2001:db8:5::/48' }] });

    expect(await glint('team', 'remove-network', 'Northwind', '2001:db8:5:0::/48')).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/: removed 2001:db8:5::\/48\n$/),
    });
  });

  it('exits 2 for what is not a network or too wide, 1 for refusals, with one line', async () => {
    expect(await glint('team', 'allow-network', 'Northwind', 'office')).toMatchObject({
      code: 2,
      stderr: 'glint: This is not a network: write an address or a CIDR such as 203.0.113.0/24 or 2001:db8::/48. (see --help)\n',
    });
    expect((await glint('team', 'allow-network', 'Northwind', '2600::/16')).stderr).toContain('the widest accepted is /32');
    expect(await glint('team', 'allow-network', 'Northwind', '192.0.2.0/24', '--label', 'two\nlines')).toMatchObject({
      code: 2,
      stderr: 'glint: --label must be one line of text, without tabs or other control characters (see --help)\n',
    });
    expect(await glint('team', 'allow-network', 'Northwind', '3.80.12.0/24')).toMatchObject({
      code: 1,
      stderr: "glint: 3.80.12.0/24 is already on the team's allow-list.\n",
    });
    expect(await glint('team', 'remove-network', 'Northwind', '192.0.2.0/24')).toMatchObject({
      code: 1,
      stderr: "glint: 192.0.2.0/24 is not on the team's allow-list.\n",
    });
    expect(await glint('team', 'networks', 'Nowhere')).toMatchObject({ code: 1, stderr: 'glint: no team named or with id "Nowhere"\n' });
  });

  it('is what a running server on the same data judges hits with', async () => {
    const server = await startServer({ dataDir, env: { TRUST_PROXY: 'true' } });
    try {
      const rep = await server.addUser(undefined, { team: 'Southwind' });
      expect((await glint('team', 'allow-network', 'Southwind', '3.80.12.0/24')).code).toBe(0);
      const { token } = await registerEmail(server, rep, { sentAt: new Date(Date.now() - 3_600_000).toISOString() });
      await openPixel(server, token, { 'x-forwarded-for': '3.80.12.1', 'user-agent': UA.chromeWindows });
      await openPixel(server, token, { 'x-forwarded-for': '3.80.13.1', 'user-agent': UA.chromeWindows });
      const events = [];
      for (let cursor = '0'; events.length < 2;) {
        const page = await readFeed(server, rep, `?cursor=${cursor}&wait=5&includeMachine=true`);
        if (page.events.length === 0) break;
        events.push(...page.events.filter((event) => event.email.token === token));
        cursor = String(page.cursor);
      }
      expect(events.map((event) => [event.label, event.reason])).toEqual([
        ['human', 'no-machine-signal'],
        ['machine', 'datacenter-network'],
      ]);
    } finally {
      await server.close();
    }
  });
});
