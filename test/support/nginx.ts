// Debian's nginx (nginx-light) for one test, run from docs/deploy.md: the page's ```nginx block is
// the site configuration, its @NAME@ values filled in here, wrapped in a main configuration of
// the test's own (pid, logs and temporary files in a temporary directory, in the foreground), so
// the test runs what the page tells an operator to run. A missing nginx fails loudly.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

export const NGINX_INSTALL = 'apt-get install -y --no-install-recommends nginx-light';
const NGINX_BIN = process.env['NGINX_BIN'] ?? '/usr/sbin/nginx';
const DEPLOY_PAGE = resolve(import.meta.dirname, '../../docs/deploy.md');

/** The site configuration docs/deploy.md shows (its first ```nginx block), @NAME@ values unfilled. */
export function deployTemplate(page = readFileSync(DEPLOY_PAGE, 'utf8')): string {
  const match = /```nginx\n([\s\S]*?)```/.exec(page);
  if (!match?.[1]) throw new Error('docs/deploy.md has no ```nginx block');
  return match[1];
}

/** Fills every @NAME@ of the template; a value left unfilled or given for nothing is an error. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  const used = new Set<string>();
  const filled = template.replace(/@([A-Z_]+)@/g, (_whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`docs/deploy.md's nginx block needs @${name}@, which the test does not fill`);
    used.add(name);
    return value;
  });
  const unused = Object.keys(values).filter((name) => !used.has(name));
  if (unused.length > 0) throw new Error(`docs/deploy.md's nginx block no longer has ${unused.map((name) => `@${name}@`).join(', ')}`);
  return filled;
}

export async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done, fail) => server.once('error', fail).listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise((done) => server.close(done));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** A self-signed certificate for localhost and 127.0.0.1 (openssl), in `dir`. */
export async function makeLocalCertificate(dir: string): Promise<{ cert: string; key: string }> {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  const subject = ['-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'];
  await promisify(execFile)('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    key,
    '-out',
    cert,
    '-days',
    '2',
    ...subject,
  ]);
  return { cert, key };
}

export interface RunningNginx {
  /** The master process (its workers are its children). */
  pid: number;
  /** https://localhost:PORT */
  httpsUrl: string;
  httpUrl: string;
  /** The certificate to trust (PEM file). */
  certificateFile: string;
  /** The site configuration as filled in from docs/deploy.md. */
  siteConfig: string;
  log(): string;
  stop(): Promise<void>;
}

export interface NginxOptions {
  httpsPort?: number;
  /** worker_processes: 1 for tests (default); 'auto' (one per core, Debian's nginx.conf) for a benchmark. */
  workerProcesses?: number | 'auto';
}

/** Starts nginx with docs/deploy.md's block in front of `instances` (host:port each), on `httpsPort` if given. */
export async function startNginx(instances: readonly string[], options: NginxOptions = {}): Promise<RunningNginx> {
  if (!existsSync(NGINX_BIN))
    throw new Error(`nginx not found at ${NGINX_BIN}: install it with "${NGINX_INSTALL}". This test never skips.`);
  const dir = mkdtempSync(join(tmpdir(), 'glint-nginx-'));
  const { cert, key } = await makeLocalCertificate(dir);
  const [httpsPort, httpPort] = [options.httpsPort ?? (await freeLoopbackPort()), await freeLoopbackPort()];
  const siteConfig = fillTemplate(deployTemplate(), {
    INSTANCES: instances.map((address) => `server ${address} max_fails=1 fail_timeout=5s;`).join('\n    '),
    SERVER_NAME: 'localhost',
    // Loopback only: a test never listens on the machine's other addresses.
    HTTPS_PORT: `127.0.0.1:${httpsPort}`,
    HTTP_PORT: `127.0.0.1:${httpPort}`,
    CERTIFICATE: cert,
    CERTIFICATE_KEY: key,
    UPLOAD_LIMIT: '101m',
    LOG_DIR: dir,
  });
  writeFileSync(join(dir, 'glint.conf'), siteConfig);
  const temp = (name: string): string => {
    mkdirSync(join(dir, name));
    return join(dir, name);
  };
  const main = [
    // As root (tests and CI), workers would switch to nobody, who cannot enter the 0700 directory.
    process.getuid?.() === 0 ? 'user root;' : '',
    'daemon off;',
    `worker_processes ${options.workerProcesses ?? 1};`,
    `pid ${join(dir, 'nginx.pid')};`,
    `error_log ${join(dir, 'error.log')} warn;`,
    'events { worker_connections 1024; }',
    'http {',
    `  client_body_temp_path ${temp('client-body')};`,
    `  proxy_temp_path ${temp('proxy')};`,
    `  fastcgi_temp_path ${temp('fastcgi')};`,
    `  uwsgi_temp_path ${temp('uwsgi')};`,
    `  scgi_temp_path ${temp('scgi')};`,
    `  include ${join(dir, 'glint.conf')};`,
    '}',
  ].join('\n');
  writeFileSync(join(dir, 'nginx.conf'), main);
  const child: ChildProcess = spawn(NGINX_BIN, ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const logFile = (name: string): string => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8') : '');
  // nginx's own log, then the site's (docs/deploy.md's error_log, where the upstream warnings go).
  const log = (): string => output + logFile('error.log') + logFile('glint-error.log');
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await untilListening(httpsPort, exited, log);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    pid: child.pid ?? 0,
    httpsUrl: `https://localhost:${httpsPort}`,
    httpUrl: `http://localhost:${httpPort}`,
    certificateFile: cert,
    siteConfig,
    log,
    stop,
  };
}

async function untilListening(port: number, exited: Promise<void>, log: () => string): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (gone) throw new Error(`nginx exited: ${log()}`);
    const accepted = await new Promise<boolean>((done) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        done(true);
      });
      socket.once('error', () => done(false));
    }).catch(() => false);
    if (accepted) return;
    if (Date.now() > deadline) throw new Error(`nginx did not listen on ${port}: ${log()}`);
    await Promise.race([exited, new Promise((done) => setImmediate(done))]);
  }
}
