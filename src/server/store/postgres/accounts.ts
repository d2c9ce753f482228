// Teams, users, API tokens and signing keys on PostgreSQL: one statement per method, rows mapped
// as on SQLite.
import { type KeyRow, type TeamRow, type UserRow, toAccount, toKey, toTeam, toUser } from '../rows/accounts.ts';
import type { AccountStore } from '../store.ts';
import type { PgDatabase } from './database.ts';

const USER_SELECT = `SELECT u.id, u.email, u.password_hash, u.team_id, t.name AS team_name, t.plan, u.created_at
  FROM users u JOIN teams t ON t.id = u.team_id`;

export function accountQueries(db: PgDatabase): AccountStore {
  return {
    async createTeam(team) {
      await db.query('INSERT INTO teams (id, name, plan, created_at) VALUES ($1, $2, $3, $4)', [
        team.id,
        team.name,
        team.plan,
        team.createdAt.getTime(),
      ]);
    },
    async findTeam(idOrName) {
      // An id match wins over another team's name match, as SQLite's OR lookup returns it first.
      const [row] = await db.query<TeamRow>('SELECT * FROM teams WHERE id = $1 OR name = $1 ORDER BY id = $1 DESC LIMIT 1', [idOrName]);
      return row ? toTeam(row) : null;
    },
    async setTeamPlan(teamId, plan) {
      const rows = await db.query('UPDATE teams SET plan = $1 WHERE id = $2 RETURNING id', [plan, teamId]);
      return rows.length > 0;
    },
    async createUser(user) {
      const rows = await db.query(
        `INSERT INTO users (id, email, password_hash, team_id, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (email) DO NOTHING RETURNING id`,
        [user.id, user.email, user.passwordHash, user.teamId, user.createdAt.getTime()],
      );
      return rows.length > 0;
    },
    async findUserCredentials(email) {
      const [row] = await db.query<UserRow>(`${USER_SELECT} WHERE u.email = $1`, [email]);
      return row ? toUser(row) : null;
    },
    async getUser(userId) {
      const [row] = await db.query<UserRow>(`${USER_SELECT} WHERE u.id = $1`, [userId]);
      return row ? toAccount(row) : null;
    },
    async addApiToken(tokenHash, userId, at) {
      await db.query('INSERT INTO api_tokens (token_hash, user_id, created_at) VALUES ($1, $2, $3)', [tokenHash, userId, at.getTime()]);
    },
    async findUserByApiToken(tokenHash) {
      const [row] = await db.query<UserRow>(`${USER_SELECT} JOIN api_tokens a ON a.user_id = u.id WHERE a.token_hash = $1`, [tokenHash]);
      return row ? toAccount(row) : null;
    },
    async revokeApiToken(tokenHash) {
      const rows = await db.query('DELETE FROM api_tokens WHERE token_hash = $1 RETURNING token_hash', [tokenHash]);
      return rows.length > 0;
    },
    async addSigningKey(key) {
      await db.query('INSERT INTO signing_keys (kid, user_id, sealed_secret, created_at) VALUES ($1, $2, $3, $4)', [
        key.kid,
        key.userId,
        key.sealedSecret,
        key.createdAt.getTime(),
      ]);
    },
    // Keys created in the same millisecond: the later one added wins, as with SQLite's rowid.
    async getUserSigningKey(userId) {
      const [row] = await db.query<KeyRow>('SELECT * FROM signing_keys WHERE user_id = $1 ORDER BY created_at DESC, added DESC LIMIT 1', [
        userId,
      ]);
      return row ? toKey(row) : null;
    },
    async findSigningKey(kid) {
      const [row] = await db.query<KeyRow>('SELECT * FROM signing_keys WHERE kid = $1', [kid]);
      return row ? toKey(row) : null;
    },
    async firstSigningKey() {
      const [row] = await db.query<KeyRow>('SELECT * FROM signing_keys ORDER BY created_at, added LIMIT 1');
      return row ? toKey(row) : null;
    },
    // Read first: every start (the CLI's too) checks, and only the first need write. Two instances
    // starting at once: one insert wins, and both read the winner's.
    async claimServerKeyCheck(sealed, at) {
      const [kept] = await db.query<{ sealed: string }>('SELECT sealed FROM server_key_check WHERE id = 1');
      if (kept) return kept.sealed;
      await db.query('INSERT INTO server_key_check (id, sealed, created_at) VALUES (1, $1, $2) ON CONFLICT (id) DO NOTHING', [
        sealed,
        at.getTime(),
      ]);
      const [row] = await db.query<{ sealed: string }>('SELECT sealed FROM server_key_check WHERE id = 1');
      if (!row) throw new Error('server_key_check has no row after its insert');
      return row.sealed;
    },
  };
}
