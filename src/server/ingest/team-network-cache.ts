// Each team's allow-listed networks, compiled (allowed-networks.ts) and kept for the hot path:
// ingestion asks for the owner's list on every hit and must not query the store each time. The
// user's team is remembered (a user never changes team); a team's list is read again when the API
// changes it (invalidate) and otherwise after TEAM_NETWORKS_TTL_MS, so a change made by
// `glint team allow-network` from another process reaches a running server within that time.
import { TEAM_NETWORKS_TTL_MS } from '../../shared/tracking-config.ts';
import { LruCache } from '../lib/lru-cache.ts';
import { CACHED_TEAM_NETWORK_LISTS, CACHED_USERS } from '../store/cache-sizes.ts';
import type { Store } from '../store/store.ts';
import { allowedNetworks, type AllowedNetworks } from './allowed-networks.ts';

type Networks = AllowedNetworks | undefined;

interface Entry {
  loadedAt: number;
  /** A promise while the list is read, then the compiled list (undefined: the team lists none). */
  networks: Networks | Promise<Networks>;
}

export interface TeamNetworkCacheOptions {
  ttlMs?: number;
  /** Milliseconds since the epoch (tests move it). */
  now?: () => number;
}

export class TeamNetworkCache {
  private readonly store: Pick<Store, 'getUser' | 'listTeamNetworks'>;
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly teamOfUser = new LruCache<string, string>(CACHED_USERS);
  private readonly teams = new LruCache<string, Entry>(CACHED_TEAM_NETWORK_LISTS);

  constructor(store: Pick<Store, 'getUser' | 'listTeamNetworks'>, options: TeamNetworkCacheOptions = {}) {
    this.store = store;
    this.ttlMs = options.ttlMs ?? TEAM_NETWORKS_TTL_MS;
    this.now = options.now ?? Date.now;
  }

  /** The networks of the user's team; a plain value when cached (no await on the hot path). */
  forUser(userId: string): Networks | Promise<Networks> {
    const teamId = this.teamOfUser.get(userId);
    return teamId === undefined ? this.loadUser(userId) : this.forTeam(teamId);
  }

  /** Forgets a team's list after a change, so the next hit reads the new one. */
  invalidate(teamId: string): void {
    this.teams.delete(teamId);
  }

  private async loadUser(userId: string): Promise<Networks> {
    const user = await this.store.getUser(userId);
    if (!user) return undefined;
    this.teamOfUser.set(userId, user.teamId);
    return this.forTeam(user.teamId);
  }

  private forTeam(teamId: string): Networks | Promise<Networks> {
    const now = this.now();
    const cached = this.teams.get(teamId);
    if (cached && now - cached.loadedAt < this.ttlMs) return cached.networks;
    const entry: Entry = { loadedAt: now, networks: undefined };
    entry.networks = this.store.listTeamNetworks(teamId).then(
      (list) => {
        const compiled = list.length === 0 ? undefined : allowedNetworks(list.map((network) => network.cidr));
        entry.networks = compiled;
        return compiled;
      },
      (error: unknown) => {
        // A failed read is not remembered: the next hit tries again.
        if (this.teams.peek(teamId) === entry) this.teams.delete(teamId);
        throw error;
      },
    );
    this.teams.set(teamId, entry);
    return entry.networks;
  }
}
