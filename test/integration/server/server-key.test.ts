// Secrets at rest: the data directory is private, and the server key seals the link-signing keys.
// Starting with another key must fail at once with a sentence saying so, not later as a 500 on
// every sign-in and click, nor by sealing new keys under a second key.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { GLINT_BIN, spawnServe } from '../../support/glint-serve.ts';
import { startServer } from '../../support/start-server.ts';

const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), 'glint-server-key-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const MISMATCH = 'The server key does not open the secrets stored in this database';

describe('data directory', () => {
  it('is created readable by the server user only, key file included', async () => {
    const fresh = join(dataDir, 'fresh', 'data');
    const server = await startServer({ dataDir: fresh });
    await server.close();
    expect((await stat(fresh)).mode & 0o777).toBe(0o700);
    expect((await stat(join(fresh, 'secret.key'))).mode & 0o777).toBe(0o600);
  });
});

describe('server key', () => {
  it('restarts with the same key, and refuses to start (server and CLI) with another one', async () => {
    const first = await startServer({ dataDir });
    const alice = await first.addUser('alice@example.com');
    await first.close();

    const again = await startServer({ dataDir });
    const me = await fetch(`${again.baseUrl}/api/v1/me`, { headers: alice.headers });
    expect(((await me.json()) as { signingKey: unknown }).signingKey).toEqual(alice.signingKey);
    await again.close();

    const otherKey = { GLINT_SECRET_KEY: 'another key of at least thirty-two characters' };
    await expect(startServer({ dataDir, env: otherKey })).rejects.toThrow(MISMATCH);

    const env = { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...otherKey };
    await expect(spawnServe(env)).rejects.toThrow(/glint serve exited \(1\): glint: The server key does not open/);
    const add = run('node', [GLINT_BIN, 'user', 'add', 'bob@example.com'], { env, timeout: 30_000 });
    await expect(add).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining(MISMATCH) });
  });
});
