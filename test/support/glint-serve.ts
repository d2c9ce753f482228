// Runs the real `glint serve` as a child process (what a person starts), for tests that need the
// process itself: its exit code, a SIGKILL, a restart on the same DATA_DIR. In-process tests use
// start-server.ts instead.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

export const GLINT_BIN = resolve(import.meta.dirname, '../../bin/glint.js');

export interface ServeProcess {
  child: ChildProcess;
  /** http://127.0.0.1:PORT, as the server printed it. */
  url: string;
  /** Everything it wrote to stdout and stderr so far, from its first line. */
  output(): string;
  /** Sends `signal` (SIGTERM by default) unless the process has ended, and waits for its exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `glint serve` with `env` (set PORT=0 and DATA_DIR) and resolves once it listens. */
export async function spawnServe(env: NodeJS.ProcessEnv): Promise<ServeProcess> {
  // No network-list downloads unless a test asks for them.
  const child = spawn('node', [GLINT_BIN, 'serve'], { env: { NETWORK_LISTS_REFRESH: 'off', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((found, reject) => {
    child.stdout?.on('data', () => {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) found(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`glint serve exited (${code}): ${output}`)));
  });
  return {
    child,
    url,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

export interface GlintResult {
  stdout: string;
  stderr: string;
  /** The exit code: 0, 1 (a failure) or 2 (bad usage). */
  code: number;
}

/** Runs one `glint` command to its end with `env`, as a person would in a shell. */
export function glintCommand(env: NodeJS.ProcessEnv): (...args: string[]) => Promise<GlintResult> {
  const run = promisify(execFile);
  return async (...args) => {
    try {
      const { stdout, stderr } = await run('node', [GLINT_BIN, ...args], { env, timeout: 30_000 });
      return { stdout, stderr, code: 0 };
    } catch (error) {
      const failed = error as GlintResult;
      return { stdout: failed.stdout, stderr: failed.stderr, code: failed.code };
    }
  };
}
