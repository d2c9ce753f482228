// The README flow with the store in PostgreSQL (DATABASE_URL), through the real `glint` binary:
// serve, user add, email create, one pixel fetch, feed; then the server is SIGKILLed and started
// again, and the open is still there. PostgreSQL is a throwaway cluster (test/support/postgres.ts).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GLINT_BIN, glintCommand, spawnServe, type GlintResult, type ServeProcess } from '../support/glint-serve.ts';
import { startPostgres, type PostgresCluster } from '../support/postgres.ts';
import { BROWSER_UA } from './server/helpers.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'glint-pg-cli-'));
let cluster: PostgresCluster;
let env: NodeJS.ProcessEnv;
let serve: ServeProcess | undefined;

interface FeedOutput {
  events: { kind: string; label: string; email: { token: string; subject: string } }[];
}

const glint = (...args: string[]): Promise<GlintResult> => glintCommand(env)(...args);

async function feedOf(apiToken: string): Promise<FeedOutput> {
  const feed = await glint('feed', '--server', serve?.url ?? '', '--token', apiToken, '--json');
  expect(feed.stderr).toBe('');
  return JSON.parse(feed.stdout) as FeedOutput;
}

beforeAll(async () => {
  cluster = await startPostgres();
  const databaseUrl = await cluster.createDatabase('glint_cli');
  env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  serve = await spawnServe(env);
});

afterAll(async () => {
  await serve?.stop();
  await cluster?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('glint on PostgreSQL', () => {
  it('says where the store is, without the password', async () => {
    // The test cluster trusts loopback connections, so any password connects.
    const withPassword = new URL(env.DATABASE_URL ?? '');
    withPassword.password = 'not-shown-anywhere';
    const second = spawn('node', [GLINT_BIN, 'serve'], {
      env: { ...env, DATABASE_URL: withPassword.href },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    second.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    second.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = once(second, 'exit');
    while (!output.includes('Tracking URLs') && second.exitCode === null) await Promise.race([once(second.stdout, 'data'), exited]);
    second.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    expect(output).toContain(`(store: PostgreSQL ${withPassword.username}@${withPassword.host}/glint_cli; files in ${dataDir})`);
    expect(output).not.toContain('not-shown-anywhere');
    expect(code).toBe(0);
  });

  it('user add -> email create -> pixel -> feed, and the open survives a SIGKILL', async () => {
    const added = await glint('user', 'add', 'rep@example.com');
    expect(added.code).toBe(0);
    const apiToken = added.stdout.trim().split('\n').at(-1) ?? '';
    expect(apiToken).toMatch(/^gl_[A-Za-z0-9_-]{22}$/);
    const other = await glint('user', 'add', 'someone-else@example.com');
    const otherToken = other.stdout.trim().split('\n').at(-1) ?? '';

    const created = await glint(
      'email',
      'create',
      '--server',
      serve?.url ?? '',
      '--token',
      apiToken,
      '--subject',
      'The deck',
      '--to',
      'buyer@example.org',
      '--json',
    );
    expect(created.stderr).toBe('');
    const email = JSON.parse(created.stdout) as { token: string; pixelUrl: string };
    const pixel = await fetch(email.pixelUrl, { headers: { 'user-agent': BROWSER_UA } });
    expect(pixel.status).toBe(200);
    expect(pixel.headers.get('content-type')).toBe('image/gif');

    const opened = [
      expect.objectContaining({
        kind: 'open',
        label: 'human',
        email: expect.objectContaining({ token: email.token, subject: 'The deck' }),
      }),
    ];
    expect((await feedOf(apiToken)).events).toEqual(opened);
    expect((await feedOf(otherToken)).events).toEqual([]);

    // No shutdown flush: what was answered must already be committed in PostgreSQL.
    await serve?.stop('SIGKILL');
    serve = await spawnServe(env);
    expect((await feedOf(apiToken)).events).toEqual(opened);
    expect((await glint('user', 'add', 'rep@example.com')).code).toBe(1);
  });

  it('refuses a DATABASE_URL that is not PostgreSQL, in one line', async () => {
    const refused = await glintCommand({ ...env, DATABASE_URL: 'mysql://x@127.0.0.1/db' })('serve');
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toEqual([expect.stringContaining('DATABASE_URL: must be a PostgreSQL URL')]);
  });
});
