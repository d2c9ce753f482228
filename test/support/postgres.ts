// A throwaway PostgreSQL cluster for one test file: initdb in a temporary directory, run on a free
// loopback port (its unix socket in that directory too), stopped and removed by stop().
//
//   const cluster = await startPostgres();
//   const url = await cluster.createDatabase('contract_1'); // postgres://postgres@127.0.0.1:PORT/contract_1
//   ...
//   await cluster.stop();
//
// The server comes from Debian (apt-get install -y --no-install-recommends postgresql; the binaries
// live in /usr/lib/postgresql/<version>/bin, off the PATH). When they are missing the start fails
// loudly, locally and in CI: no test skips (as test/support/chromium.ts does for Chromium).
// initdb and postgres refuse to run as root: a root process (tests and CI run as root) runs them
// as the package's `postgres` system user, in directories that user owns.
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

export const POSTGRES_INSTALL = 'apt-get install -y --no-install-recommends postgresql';
const SYSTEM_USER = 'postgres';
/** initdb -U: the superuser every URL connects as (trust authentication, no password). */
const SUPERUSER = 'postgres';
const DATABASE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

const run = promisify(execFile);

export interface PostgresCluster {
  /** The cluster's `postgres` database, as the superuser. */
  url: string;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Kills the server (immediate shutdown) and removes its directory. Safe to call twice. */
  stop(): Promise<void>;
}

/** The directory holding initdb and pg_ctl (PG_BINDIR, else the newest Debian install), or a loud error. */
export function requirePostgresBinaries(): string {
  const given = process.env['PG_BINDIR'];
  const candidates = given
    ? [given]
    : (existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql') : [])
        .filter((version) => /^\d+$/.test(version))
        .sort((a, b) => Number(b) - Number(a))
        .map((version) => `/usr/lib/postgresql/${version}/bin`);
  const found = candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
  if (!found) {
    throw new Error(
      `PostgreSQL server binaries (initdb, pg_ctl) not found in ${given ?? '/usr/lib/postgresql/*/bin'}: install them with "${POSTGRES_INSTALL}" (or set PG_BINDIR). PostgreSQL tests never skip.`,
    );
  }
  return found;
}

/** uid and gid of the postgres system user when this process is root (else null: run directly). */
function serverAccount(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith(`${SYSTEM_USER}:`));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined) {
    throw new Error(
      `Running as root, PostgreSQL needs the "${SYSTEM_USER}" system user, which the Debian package creates: install it with "${POSTGRES_INSTALL}". PostgreSQL tests never skip.`,
    );
  }
  return { uid: Number(uid), gid: Number(gid) };
}

/** A port nothing listens on right now (pg_ctl start fails if another process takes it first). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** The end of the server's log, for errors. */
const tail = (file: string): string => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-20).join('\n') : '');

/**
 * Runs `start` with a port free a moment ago; another process may take it meanwhile, so a start
 * that failed to bind is tried again on another one.
 */
async function startOnFreePort(start: (port: number) => Promise<void>, log: string): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    rmSync(log, { force: true });
    try {
      await start(port);
      return port;
    } catch (error) {
      const output = tail(log);
      if (attempt < 3 && /could not bind|already in use/i.test(output)) continue;
      throw new Error(`PostgreSQL did not start on port ${port}: ${String(error)}\n${output}`, { cause: error });
    }
  }
}

export interface PostgresOptions {
  /** Keep PostgreSQL's own durability (fsync, synchronous commits), e.g. for a benchmark. */
  durable?: boolean;
}

export async function startPostgres(options: PostgresOptions = {}): Promise<PostgresCluster> {
  const bin = requirePostgresBinaries();
  const account = serverAccount();
  // The directory must be reachable by the postgres user: mkdtemp makes it 0700, owned by it below
  // (so TMPDIR, when set, must be a directory that user can enter, as /tmp is).
  const dir = mkdtempSync(join(tmpdir(), 'glint-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  if (account) chownSync(dir, account.uid, account.gid);
  // [file, args] running a server tool as the postgres user when root, else directly.
  const serverCommand = (tool: string, args: string[]): [string, string[]] =>
    account ? ['runuser', ['-u', SYSTEM_USER, '--', join(bin, tool), ...args]] : [join(bin, tool), args];
  const asServer = (tool: string, args: string[]): Promise<unknown> =>
    // cwd: the postgres user may not be allowed into ours.
    run(...serverCommand(tool, args), { cwd: dir, env: { ...process.env, LC_ALL: 'C', TZ: 'UTC' } });
  const stopArgs = ['stop', '-D', data, '-m', 'immediate', '-w'];
  let running = false;
  let stopped = false;
  // If the test process ends without stop() (a crash), the server must not outlive it.
  const onExit = (): void => {
    try {
      if (running) execFileSync(...serverCommand('pg_ctl', stopArgs), { cwd: dir, stdio: 'ignore' });
    } catch {
      // already gone
    }
    rmSync(dir, { recursive: true, force: true });
  };

  async function stop(): Promise<void> {
    if (stopped) return;
    stopped = true;
    process.off('exit', onExit);
    try {
      if (running) await asServer('pg_ctl', stopArgs);
      running = false;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  try {
    // --no-sync here, fsync/full_page_writes/synchronous_commit off below (unless `durable`):
    // durability is not under test in a throwaway cluster (it is gone after the file), and
    // skipping the disk flushes makes initdb, CREATE DATABASE and every commit much faster.
    // Commits are still visible at once; only a crash of the machine could lose them.
    await asServer('initdb', [
      '-D',
      data,
      '-U',
      SUPERUSER,
      '--auth=trust',
      '--encoding=UTF8',
      '--locale=C',
      '--no-sync',
      '--no-instructions',
    ]);
    const fast = options.durable ? {} : { fsync: 'off', full_page_writes: 'off', synchronous_commit: 'off' };
    const settings = {
      listen_addresses: "'127.0.0.1'",
      unix_socket_directories: `'${dir}'`,
      ...fast,
      // Small: several test files may run a cluster each at the same time.
      shared_buffers: "'32MB'",
    };
    // Written as root into the postgres user's own file: its owner stays the same.
    const conf = join(data, 'postgresql.conf');
    const lines = Object.entries(settings).map(([key, value]) => `${key} = ${value}`);
    writeFileSync(conf, `${readFileSync(conf, 'utf8')}\n# glint test cluster\n${lines.join('\n')}\n`);
    process.on('exit', onExit);
    const port = await startOnFreePort(async (candidate) => {
      running = true;
      // -w: returns once the server accepts connections.
      await asServer('pg_ctl', ['start', '-D', data, '-l', log, '-w', '-t', '60', '-o', `-p ${candidate}`]);
    }, log);
    const url = `postgres://${SUPERUSER}@127.0.0.1:${port}/postgres`;
    return {
      url,
      async createDatabase(name) {
        if (!DATABASE_NAME.test(name)) throw new Error(`not a plain database name: ${name}`);
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          await client.query(`CREATE DATABASE ${name}`);
        } finally {
          await client.end();
        }
        return `postgres://${SUPERUSER}@127.0.0.1:${port}/${name}`;
      },
      stop,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
