// The team network cache ingestion reads on every hit: the store is read once per team (not per
// hit), again after a change (invalidate) or once the time to live has passed, and a failed read
// is not remembered.
import { describe, expect, it } from 'vitest';
import { inAllowedNetwork } from '../../src/server/ingest/allowed-networks.ts';
import { parseIp } from '../../src/server/ingest/ip-match.ts';
import { TeamNetworkCache } from '../../src/server/ingest/team-network-cache.ts';
import type { TeamNetworkRecord, UserAccount } from '../../src/server/store/store.ts';

function fakeStore(networks: Map<string, string[]>) {
  const reads = { users: 0, lists: 0, failNext: false };
  const store = {
    async getUser(userId: string): Promise<UserAccount | null> {
      reads.users += 1;
      const teamId = userId.startsWith('acme') ? 'team_acme' : 'team_globex';
      return { id: userId, email: `${userId}@example.com`, teamId, teamName: teamId, plan: 'free', createdAt: new Date(0) };
    },
    async listTeamNetworks(teamId: string): Promise<TeamNetworkRecord[]> {
      reads.lists += 1;
      if (reads.failNext) {
        reads.failNext = false;
        throw new Error('database unavailable');
      }
      return (networks.get(teamId) ?? []).map((cidr) => ({ teamId, cidr, label: null, addedBy: 'x', addedAt: new Date(0) }));
    },
  };
  return { store, reads };
}

const allows = (networks: Awaited<ReturnType<TeamNetworkCache['forUser']>>, ip: string): boolean => inAllowedNetwork(networks, parseIp(ip));

describe('TeamNetworkCache', () => {
  it('reads each team once for many hits, and answers cached hits without a promise', async () => {
    const { store, reads } = fakeStore(new Map([['team_acme', ['3.80.12.0/24']]]));
    const cache = new TeamNetworkCache(store);
    expect(allows(await cache.forUser('acme-alice'), '3.80.12.1')).toBe(true);
    for (let i = 0; i < 100; i += 1) {
      const answer = cache.forUser(i % 2 === 0 ? 'acme-alice' : 'acme-bob');
      if (i > 1) expect(answer).not.toBeInstanceOf(Promise);
      expect(allows(await answer, '3.80.12.1')).toBe(true);
    }
    expect(await cache.forUser('globex-carol')).toBeUndefined();
    expect(reads).toMatchObject({ users: 3, lists: 2 });
  });

  it('reads the list again after invalidate, and after the time to live', async () => {
    const networks = new Map([['team_acme', ['3.80.12.0/24']]]);
    const { store, reads } = fakeStore(networks);
    let now = 0;
    const cache = new TeamNetworkCache(store, { ttlMs: 1000, now: () => now });
    await cache.forUser('acme-alice');
    networks.set('team_acme', []);
    expect(allows(await cache.forUser('acme-alice'), '3.80.12.1')).toBe(true);
    cache.invalidate('team_acme');
    expect(allows(await cache.forUser('acme-alice'), '3.80.12.1')).toBe(false);
    networks.set('team_acme', ['2001:db8::/32']);
    now = 999;
    expect(allows(await cache.forUser('acme-alice'), '2001:db8::1')).toBe(false);
    now = 2000;
    expect(allows(await cache.forUser('acme-alice'), '2001:db8::1')).toBe(true);
    expect(reads.lists).toBe(3);
  });

  it('does not remember a failed read', async () => {
    const { store, reads } = fakeStore(new Map([['team_acme', ['3.80.12.0/24']]]));
    const cache = new TeamNetworkCache(store);
    reads.failNext = true;
    await expect(cache.forUser('acme-alice')).rejects.toThrow('database unavailable');
    expect(allows(await cache.forUser('acme-alice'), '3.80.12.1')).toBe(true);
  });
});
