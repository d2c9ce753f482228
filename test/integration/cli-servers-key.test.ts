// `glint user add` on PostgreSQL run without the servers' key (docs/deploy.md, "The glint command
// on a deployment"): it used to make a key file of its own and seal the first user's signing key
// with it, so that user got 500s from the servers and the servers then refused to restart. Now it
// refuses with a sentence and writes nothing; with the servers' key the user works on a server.
// With another key, a second server and the CLI are refused even before any user exists: the
// first server left a sealed check value.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { glintCommand, spawnServe, type ServeProcess } from '../support/glint-serve.ts';
import { startPostgres, type PostgresCluster } from '../support/postgres.ts';

const SERVERS_KEY = 'the-servers-key-0123456789abcdef0123456789';
const cliDir = mkdtempSync(join(tmpdir(), 'glint-cli-key-'));
const serverDir = mkdtempSync(join(tmpdir(), 'glint-cli-key-server-'));
let cluster: PostgresCluster;
let databaseUrl: string;
let serve: ServeProcess | undefined;

/** The environment of an administrator's shell: no key of the servers' unless given. */
function shell(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', ...extra };
  if (extra['GLINT_SECRET_KEY'] === undefined) delete env['GLINT_SECRET_KEY'];
  return env;
}

beforeAll(async () => {
  cluster = await startPostgres();
  databaseUrl = await cluster.createDatabase('glint_cli_key');
  // A server of the deployment, started before any user exists (nothing stored to check a key with).
  serve = await spawnServe(shell({ DATA_DIR: serverDir, GLINT_SECRET_KEY: SERVERS_KEY, PORT: '0', HOST: '127.0.0.1' }));
});

afterAll(async () => {
  await serve?.stop();
  await cluster?.stop();
  rmSync(cliDir, { recursive: true, force: true });
  rmSync(serverDir, { recursive: true, force: true });
});

describe('another key on the same database', () => {
  it('refuses a second server and the CLI at once, though no user (no signing key) exists yet', async () => {
    const otherKey = 'another-key-0123456789abcdef0123456789abcd';
    const mismatch = 'The server key does not open the secrets stored in this database';
    await expect(
      spawnServe(
        shell({ DATA_DIR: mkdtempSync(join(tmpdir(), 'glint-other-key-')), GLINT_SECRET_KEY: otherKey, PORT: '0', HOST: '127.0.0.1' }),
      ),
    ).rejects.toThrow(`glint serve exited (1): glint: ${mismatch}`);
    const refused = await glintCommand(shell({ DATA_DIR: cliDir, GLINT_SECRET_KEY: otherKey }))('user', 'add', 'rep@example.com');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(mismatch);
  });
});

describe('glint user add on PostgreSQL without the servers key', () => {
  it('refuses in one sentence and makes neither a key file nor the user', async () => {
    const refused = await glintCommand(shell({ DATA_DIR: cliDir }))('user', 'add', 'rep@example.com', '--team', 'Acme');
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toEqual([expect.stringContaining("Give this command the servers' GLINT_SECRET_KEY")]);
    expect(existsSync(join(cliDir, 'secret.key'))).toBe(false);

    // The same command with the servers' key: the address was never taken, and the user works.
    const created = await glintCommand(shell({ DATA_DIR: cliDir, GLINT_SECRET_KEY: SERVERS_KEY }))(
      'user',
      'add',
      'rep@example.com',
      '--json',
    );
    expect(created.code).toBe(0);
    const { apiToken } = JSON.parse(created.stdout) as { apiToken: string };
    const me = await fetch(`${serve?.url ?? ''}/api/v1/me`, { headers: { authorization: `Bearer ${apiToken}` } });
    expect(me.status).toBe(200);
  });
});
