// Teams, users, API tokens and signing keys on SQLite: one prepared statement per method.
import { type KeyRow, type TeamRow, type UserRow, toAccount, toKey, toTeam, toUser } from '../rows/accounts.ts';
import type { AccountStore } from '../store.ts';
import type { SqliteDatabase } from './database.ts';

const USER_SELECT = `SELECT u.id, u.email, u.password_hash, u.team_id, t.name AS team_name, t.plan, u.created_at
  FROM users u JOIN teams t ON t.id = u.team_id`;

export function accountQueries(db: SqliteDatabase): AccountStore {
  const insertTeam = db.prepare('INSERT INTO teams (id, name, plan, created_at) VALUES (?, ?, ?, ?)');
  const selectTeam = db.prepare<[string, string], TeamRow>('SELECT * FROM teams WHERE id = ? OR name = ? LIMIT 1');
  const updatePlan = db.prepare('UPDATE teams SET plan = ? WHERE id = ?');
  const insertUser = db.prepare(
    'INSERT INTO users (id, email, password_hash, team_id, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (email) DO NOTHING',
  );
  const userByEmail = db.prepare<[string], UserRow>(`${USER_SELECT} WHERE u.email = ?`);
  const userById = db.prepare<[string], UserRow>(`${USER_SELECT} WHERE u.id = ?`);
  const insertToken = db.prepare('INSERT INTO api_tokens (token_hash, user_id, created_at) VALUES (?, ?, ?)');
  const userByToken = db.prepare<[string], UserRow>(`${USER_SELECT} JOIN api_tokens a ON a.user_id = u.id WHERE a.token_hash = ?`);
  const deleteToken = db.prepare('DELETE FROM api_tokens WHERE token_hash = ?');
  const insertKey = db.prepare('INSERT INTO signing_keys (kid, user_id, sealed_secret, created_at) VALUES (?, ?, ?, ?)');
  const keyOfUser = db.prepare<[string], KeyRow>(
    'SELECT * FROM signing_keys WHERE user_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1',
  );
  const keyByKid = db.prepare<[string], KeyRow>('SELECT * FROM signing_keys WHERE kid = ?');
  const oldestKey = db.prepare<[], KeyRow>('SELECT * FROM signing_keys ORDER BY created_at, rowid LIMIT 1');
  const insertKeyCheck = db.prepare('INSERT INTO server_key_check (id, sealed, created_at) VALUES (1, ?, ?) ON CONFLICT (id) DO NOTHING');
  const keyCheck = db.prepare<[], { sealed: string }>('SELECT sealed FROM server_key_check WHERE id = 1');

  return {
    async createTeam(team) {
      insertTeam.run(team.id, team.name, team.plan, team.createdAt.getTime());
    },
    async findTeam(idOrName) {
      const row = selectTeam.get(idOrName, idOrName);
      return row ? toTeam(row) : null;
    },
    async setTeamPlan(teamId, plan) {
      return updatePlan.run(plan, teamId).changes > 0;
    },
    async createUser(user) {
      const result = insertUser.run(user.id, user.email, user.passwordHash, user.teamId, user.createdAt.getTime());
      return result.changes > 0;
    },
    async findUserCredentials(email) {
      const row = userByEmail.get(email);
      return row ? toUser(row) : null;
    },
    async getUser(userId) {
      const row = userById.get(userId);
      return row ? toAccount(row) : null;
    },
    async addApiToken(tokenHash, userId, at) {
      insertToken.run(tokenHash, userId, at.getTime());
    },
    async findUserByApiToken(tokenHash) {
      const row = userByToken.get(tokenHash);
      return row ? toAccount(row) : null;
    },
    async revokeApiToken(tokenHash) {
      return deleteToken.run(tokenHash).changes > 0;
    },
    async addSigningKey(key) {
      insertKey.run(key.kid, key.userId, key.sealedSecret, key.createdAt.getTime());
    },
    async getUserSigningKey(userId) {
      const row = keyOfUser.get(userId);
      return row ? toKey(row) : null;
    },
    async findSigningKey(kid) {
      const row = keyByKid.get(kid);
      return row ? toKey(row) : null;
    },
    async firstSigningKey() {
      const row = oldestKey.get();
      return row ? toKey(row) : null;
    },
    // Read first: every start (the CLI's too) checks, and only the first need write.
    async claimServerKeyCheck(sealed, at) {
      const kept = keyCheck.get();
      if (kept) return kept.sealed;
      insertKeyCheck.run(sealed, at.getTime());
      const row = keyCheck.get();
      if (!row) throw new Error('server_key_check has no row after its insert');
      return row.sealed;
    },
  };
}
