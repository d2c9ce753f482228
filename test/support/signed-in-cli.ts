// The real `glint` command signed in as a rep, as the README's walk-through has a person set it
// up: a data directory, the rep added by `glint user add`, `glint serve` started on it, and
// GLINT_SERVER and GLINT_TOKEN set for every later command.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { glintCommand, spawnServe, type GlintResult, type ServeProcess } from './glint-serve.ts';

export interface SignedInCli {
  /** The server's DATA_DIR, also a scratch folder for the files a test hands the command. */
  dataDir: string;
  glint(...args: string[]): Promise<GlintResult>;
  /** Adds the rep and starts the server: for beforeAll. */
  start(): Promise<void>;
  /** Stops the server and removes the data directory: for afterAll. */
  stop(): Promise<void>;
}

/** Made at once (tests build paths from `dataDir` at module level); nothing runs before start(). */
export function signedInCli(name: string, rep = 'rep@example.com'): SignedInCli {
  const dataDir = mkdtempSync(join(tmpdir(), `glint-${name}-`));
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  const glint = glintCommand(env);
  let serve: ServeProcess | undefined;
  return {
    dataDir,
    glint,
    async start() {
      const added = await glint('user', 'add', rep, '--json');
      env.GLINT_TOKEN = (JSON.parse(added.stdout) as { apiToken: string }).apiToken;
      serve = await spawnServe(env);
      env.GLINT_SERVER = serve.url;
    },
    async stop() {
      await serve?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
