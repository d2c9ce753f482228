// Store contract: the networks a team allow-listed, kept per team, at most `limit` of them, each
// once, with who added it and when.
import { describe, expect, it } from 'vitest';
import type { TeamNetworkRecord } from '../../../src/server/store/store.ts';
import { ACME, GLOBEX, at } from './records.ts';
import type { ContractContext } from './store-harness.ts';

const network = (teamId: string, cidr: string, fields: Partial<TeamNetworkRecord> = {}): TeamNetworkRecord => ({
  teamId,
  cidr,
  label: null,
  addedBy: 'alice@acme.example',
  addedAt: at(100),
  ...fields,
});

export function teamNetworkContract(context: ContractContext): void {
  describe('team networks', () => {
    it("keeps each team's networks apart, IPv4 and IPv6, oldest first, with label, author and time", async () => {
      const { store } = context;
      const vpn = network(ACME.id, '3.80.12.0/24', { label: 'Paris VPN', addedAt: at(200) });
      const office = network(ACME.id, '2001:db8:1::/48', { addedBy: 'glint CLI (ops)', addedAt: at(100) });
      const other = network(GLOBEX.id, '3.80.12.0/24', { addedBy: 'carol@globex.example' });
      expect(await store.addTeamNetwork(vpn, 100)).toBe('added');
      expect(await store.addTeamNetwork(office, 100)).toBe('added');
      expect(await store.addTeamNetwork(other, 100)).toBe('added');
      expect(await store.listTeamNetworks(ACME.id)).toEqual([office, vpn]);
      expect(await store.listTeamNetworks(GLOBEX.id)).toEqual([other]);
    });

    it('keeps a network once per team, unchanged when added again', async () => {
      const { store } = context;
      await store.addTeamNetwork(network(ACME.id, '3.80.12.0/24', { label: 'first' }), 100);
      expect(await store.addTeamNetwork(network(ACME.id, '3.80.12.0/24', { label: 'second' }), 100)).toBe('exists');
      expect((await store.listTeamNetworks(ACME.id)).map((n) => n.label)).toEqual(['first']);
    });

    it('refuses a network past the limit, counting only the same team', async () => {
      const { store } = context;
      await store.addTeamNetwork(network(GLOBEX.id, '198.51.100.0/24'), 2);
      expect(await store.addTeamNetwork(network(ACME.id, '198.51.100.0/24'), 2)).toBe('added');
      expect(await store.addTeamNetwork(network(ACME.id, '203.0.113.0/24'), 2)).toBe('added');
      expect(await store.addTeamNetwork(network(ACME.id, '192.0.2.0/24'), 2)).toBe('full');
      expect(await store.addTeamNetwork(network(ACME.id, '203.0.113.0/24'), 2)).toBe('exists');
      expect(await store.listTeamNetworks(ACME.id)).toHaveLength(2);
    });

    it("removes a network of the team only, never another team's", async () => {
      const { store } = context;
      await store.addTeamNetwork(network(ACME.id, '3.80.12.0/24'), 100);
      expect(await store.removeTeamNetwork(GLOBEX.id, '3.80.12.0/24')).toBe(false);
      expect(await store.listTeamNetworks(ACME.id)).toHaveLength(1);
      expect(await store.removeTeamNetwork(ACME.id, '3.80.12.0/24')).toBe(true);
      expect(await store.removeTeamNetwork(ACME.id, '3.80.12.0/24')).toBe(false);
      expect(await store.listTeamNetworks(ACME.id)).toEqual([]);
    });
  });
}
