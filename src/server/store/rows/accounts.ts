// Team, user and signing-key rows as both stores read them, and their records.
import { planSchema } from '../../../shared/plans.ts';
import type { SigningKeyRecord, Team, UserAccount, UserCredentials } from '../types.ts';

export interface TeamRow {
  id: string;
  name: string;
  plan: string;
  created_at: number;
}
export interface UserRow {
  id: string;
  email: string;
  password_hash: string;
  team_id: string;
  team_name: string;
  plan: string;
  created_at: number;
}
export interface KeyRow {
  kid: string;
  user_id: string;
  sealed_secret: string;
  created_at: number;
}

export const toTeam = (row: TeamRow): Team => ({
  id: row.id,
  name: row.name,
  plan: planSchema.catch('free').parse(row.plan),
  createdAt: new Date(row.created_at),
});
export const toUser = (row: UserRow): UserCredentials => ({
  id: row.id,
  email: row.email,
  passwordHash: row.password_hash,
  teamId: row.team_id,
  teamName: row.team_name,
  plan: planSchema.catch('free').parse(row.plan),
  createdAt: new Date(row.created_at),
});
export const toAccount = (row: UserRow): UserAccount => {
  const { passwordHash: _hidden, ...account } = toUser(row);
  return account;
};
export const toKey = (row: KeyRow): SigningKeyRecord => ({
  kid: row.kid,
  userId: row.user_id,
  sealedSecret: row.sealed_secret,
  createdAt: new Date(row.created_at),
});
