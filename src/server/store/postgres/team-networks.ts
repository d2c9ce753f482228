// Team networks on PostgreSQL. An add locks the team's row first, so two adds at once cannot both
// pass the limit.
import { type TeamNetworkRow, toTeamNetwork } from '../rows/team-networks.ts';
import type { TeamNetworkStore } from '../team-network-store.ts';
import type { PgDatabase } from './database.ts';

export function teamNetworkQueries(db: PgDatabase): TeamNetworkStore {
  return {
    async listTeamNetworks(teamId) {
      const rows = await db.query<TeamNetworkRow>('SELECT * FROM team_networks WHERE team_id = $1 ORDER BY added_at, cidr', [teamId]);
      return rows.map(toTeamNetwork);
    },
    async addTeamNetwork(network, limit) {
      return db.transaction(async (tx) => {
        await tx.query('SELECT id FROM teams WHERE id = $1 FOR UPDATE', [network.teamId]);
        const [existing] = await tx.query('SELECT cidr FROM team_networks WHERE team_id = $1 AND cidr = $2', [
          network.teamId,
          network.cidr,
        ]);
        if (existing) return 'exists';
        const [counted] = await tx.query<{ count: number }>('SELECT count(*)::int AS count FROM team_networks WHERE team_id = $1', [
          network.teamId,
        ]);
        if ((counted?.count ?? 0) >= limit) return 'full';
        await tx.query('INSERT INTO team_networks (team_id, cidr, label, added_by, added_at) VALUES ($1, $2, $3, $4, $5)', [
          network.teamId,
          network.cidr,
          network.label,
          network.addedBy,
          network.addedAt.getTime(),
        ]);
        return 'added';
      });
    },
    async removeTeamNetwork(teamId, cidr) {
      const rows = await db.query('DELETE FROM team_networks WHERE team_id = $1 AND cidr = $2 RETURNING cidr', [teamId, cidr]);
      return rows.length > 0;
    },
  };
}
