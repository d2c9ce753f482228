// Team network rows as both stores read them, and their records.
import type { TeamNetworkRecord } from '../team-network-store.ts';

export interface TeamNetworkRow {
  team_id: string;
  cidr: string;
  label: string | null;
  added_by: string;
  added_at: number;
}

export const toTeamNetwork = (row: TeamNetworkRow): TeamNetworkRecord => ({
  teamId: row.team_id,
  cidr: row.cidr,
  label: row.label,
  addedBy: row.added_by,
  addedAt: new Date(row.added_at),
});
