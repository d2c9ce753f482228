// Team networks on SQLite. Calls are synchronous, so counting and inserting in one call cannot
// interleave with another add.
import { type TeamNetworkRow, toTeamNetwork } from '../rows/team-networks.ts';
import type { TeamNetworkStore } from '../team-network-store.ts';
import type { SqliteDatabase } from './database.ts';

export function teamNetworkQueries(db: SqliteDatabase): TeamNetworkStore {
  const list = db.prepare<[string], TeamNetworkRow>('SELECT * FROM team_networks WHERE team_id = ? ORDER BY added_at, cidr');
  const count = db.prepare<[string], { count: number }>('SELECT count(*) AS count FROM team_networks WHERE team_id = ?');
  const exists = db.prepare<[string, string], { cidr: string }>('SELECT cidr FROM team_networks WHERE team_id = ? AND cidr = ?');
  const insert = db.prepare('INSERT INTO team_networks (team_id, cidr, label, added_by, added_at) VALUES (?, ?, ?, ?, ?)');
  const remove = db.prepare('DELETE FROM team_networks WHERE team_id = ? AND cidr = ?');

  return {
    async listTeamNetworks(teamId) {
      return list.all(teamId).map(toTeamNetwork);
    },
    async addTeamNetwork(network, limit) {
      if (exists.get(network.teamId, network.cidr)) return 'exists';
      if ((count.get(network.teamId)?.count ?? 0) >= limit) return 'full';
      insert.run(network.teamId, network.cidr, network.label, network.addedBy, network.addedAt.getTime());
      return 'added';
    },
    async removeTeamNetwork(teamId, cidr) {
      return remove.run(teamId, cidr).changes > 0;
    },
  };
}
