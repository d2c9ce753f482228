// A throwaway Dovecot IMAP server for one test file: its own config, run and mail directories in a
// temporary directory, users from a passwd-file, stopped (pid in base_dir/master.pid) and removed
// by stop().
//
//   const dovecot = await startDovecot({ tls: true });
//   dovecot.addUser('rep@example.com', 'secret');
//   await dovecot.append('rep@example.com', rawMessage); // as another mail client would
//   ...
//   await dovecot.stop();
//
// With { submission: true } it also takes mail to send (Dovecot's submission service and LMTP,
// through the relay of smtp-relay.ts), delivered to the recipients' harness mailboxes.
//
// Dovecot comes from Debian (apt-get install -y dovecot-imapd dovecot-submissiond dovecot-lmtpd). It runs as root (tests and CI do)
// and drops to its own users. When it is missing the start fails loudly: no test skips.
import { execFile, spawn } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ImapFlow } from 'imapflow';
import { dovecotConfig, type DovecotOptions } from './dovecot-config.ts';
import { startIntrospection } from './dovecot-oauth2.ts';
import { startSmtpRelay, type SmtpRelay } from './smtp-relay.ts';
import { closedPort } from './tcp-ports.ts';

export const DOVECOT_INSTALL = 'apt-get install -y dovecot-imapd dovecot-submissiond dovecot-lmtpd';
const DOVECOT_BINARY = process.env['DOVECOT_BINARY'] ?? '/usr/sbin/dovecot';

const run = promisify(execFile);

export { ALL_MAIL_FOLDER, SENT_FOLDER, type DovecotOptions } from './dovecot-config.ts';

export interface Dovecot {
  host: '127.0.0.1';
  /** Plain IMAP, or implicit TLS when started with `tls`. */
  port: number;
  /** With `tls`: the port for STARTTLS; null otherwise. */
  starttlsPort: number | null;
  /** With `tls`: the self-signed certificate (PEM), to be trusted as its own CA; null otherwise. */
  certificate: string | null;
  /** With `submission`: the SMTP submission port (plain, or implicit TLS with `tls`); null otherwise. */
  submissionPort: number | null;
  /** With `submission`: the relay between submission and LMTP (it can refuse recipients); null otherwise. */
  relay: SmtpRelay | null;
  /** Adds (or changes the password of) a user; Dovecot rereads the file on the next sign-in. */
  addUser(username: string, password: string): void;
  /** With `oauth2`: an access token that signs `username` in (Dovecot asks the harness about it). */
  addAccessToken(username: string, token: string): void;
  /** Places a raw message in a user's mailbox with IMAP APPEND, as another mail client would. */
  append(username: string, rawMessage: string | Buffer, mailbox?: string): Promise<void>;
  /** The raw messages of a user's folder, oldest first, read over IMAP. */
  messages(username: string, mailbox?: string): Promise<string[]>;
  /** Stops Dovecot (connections drop) and starts it again on the same ports and mail. */
  restart(): Promise<void>;
  /**
   * Makes Dovecot renumber a user's INBOX, as a restored or migrated server does: a new
   * UIDVALIDITY, the same messages. Dovecot is stopped for it and started again.
   */
  renumber(username: string): Promise<void>;
  /** What Dovecot logged so far (its warnings say which of its limits a test reached). */
  logText(): string;
  /** Stops Dovecot and removes its directory. Safe to call twice. */
  stop(): Promise<void>;
}

export function requireDovecot(): string {
  if (!existsSync(DOVECOT_BINARY)) {
    throw new Error(`Dovecot not found at ${DOVECOT_BINARY}: install it with "${DOVECOT_INSTALL}". Dovecot tests never skip.`);
  }
  if (process.getuid?.() !== 0) throw new Error('The Dovecot test harness runs Dovecot as root; run the tests as root (CI does).');
  return DOVECOT_BINARY;
}

export async function startDovecot(options: DovecotOptions = {}): Promise<Dovecot> {
  const binary = requireDovecot();
  const dir = mkdtempSync(join(tmpdir(), 'glint-dovecot-'));
  // Dovecot's own users must reach the mail and run directories through the parents.
  chmodSync(dir, 0o755);
  const mailDir = join(dir, 'mail');
  mkdirSync(mailDir, { mode: 0o755 });
  const { uid, gid } = dovecotAccount();
  chownSync(mailDir, uid, gid);
  const passwdFile = join(dir, 'passwd');
  writeFileSync(passwdFile, '', { mode: 0o644 });
  const certificate = options.tls ? await makeCertificate(dir) : null;
  const passwords = new Map<string, string>();
  const configFile = join(dir, 'dovecot.conf');
  const logFile = join(dir, 'dovecot.log');

  const introspection = options.oauth2 ? await startIntrospection(dir) : null;
  const relay = options.submission ? await startSmtpRelay() : null;
  const ports = await startOnFreePorts(
    async (candidate) => {
      const mailPorts =
        relay && candidate.submissionPort !== null
          ? { submission: candidate.submissionPort, lmtp: candidate.lmtpPort ?? 0, relay: relay.port }
          : null;
      writeFileSync(
        configFile,
        dovecotConfig({ dir, mailDir, passwdFile, logFile, ...candidate, mailPorts, options, oauth2Passdb: introspection?.passdb ?? '' }),
      );
      rmSync(logFile, { force: true });
      try {
        await startMaster(binary, configFile, dir);
        await untilListening(candidate.port, logFile);
        if (mailPorts) await untilListening(mailPorts.submission, logFile);
        return null;
      } catch (error) {
        await stopMaster(dir).catch(() => undefined);
        return new Error(`Dovecot did not start: ${String(error)}\n${tail(logFile)}`, { cause: error });
      }
    },
    { starttls: options.tls === true, mail: relay !== null },
  ).catch(async (error: unknown) => {
    await introspection?.close();
    await relay?.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  if (relay && ports.lmtpPort !== null) relay.deliverTo(ports.lmtpPort);

  const imapClient = (username: string): ImapFlow => {
    const password = passwords.get(username);
    if (password === undefined) throw new Error(`no Dovecot user ${username}: addUser() first`);
    return new ImapFlow({
      host: dovecot.host,
      port: dovecot.port,
      secure: options.tls === true,
      ...(certificate ? { tls: { ca: certificate } } : {}),
      auth: { user: username, pass: password },
      logger: false,
    });
  };

  const dovecot: Dovecot = {
    host: '127.0.0.1',
    port: ports.port,
    starttlsPort: ports.starttlsPort,
    submissionPort: ports.submissionPort,
    relay,
    certificate,
    addUser(username, password) {
      if (/[:\n]/.test(username) || /\n/.test(password)) throw new Error('passwd-file users may not contain ":" or line breaks');
      passwords.set(username, password);
      const lines = [...passwords].map(([user, secret]) => `${user}:{PLAIN}${secret}\n`);
      writeFileSync(passwdFile, lines.join(''));
    },
    async append(username, rawMessage, mailbox = 'INBOX') {
      const client = imapClient(username);
      await client.connect();
      try {
        await client.append(mailbox, rawMessage);
      } finally {
        await client.logout();
      }
    },
    async messages(username, mailbox = 'INBOX') {
      const client = imapClient(username);
      await client.connect();
      try {
        const opened = await client.mailboxOpen(mailbox);
        if (opened.exists === 0) return [];
        const raws: string[] = [];
        for await (const message of client.fetch('1:*', { source: true })) raws.push(message.source?.toString('utf8') ?? '');
        return raws;
      } finally {
        await client.logout();
      }
    },
    async restart() {
      await stopMaster(dir);
      await startMaster(binary, configFile, dir);
      await untilListening(ports.port, logFile);
      if (ports.submissionPort !== null) await untilListening(ports.submissionPort, logFile);
    },
    async renumber(username) {
      await stopMaster(dir);
      const maildir = join(mailDir, username, 'Maildir');
      const uidList = join(maildir, 'dovecot-uidlist');
      // Header "3 V<uidvalidity> N<next uid> ...": a larger UIDVALIDITY and no UIDs, so every message is numbered anew.
      const uidValidity = Number(/^\d+ V(\d+)/.exec(readFileSync(uidList, 'utf8'))?.[1] ?? '0');
      for (const name of readdirSync(maildir)) if (name.startsWith('dovecot.index')) rmSync(join(maildir, name), { force: true });
      writeFileSync(uidList, `3 V${uidValidity + 1} N1\n`);
      chownSync(uidList, dovecotAccount().uid, dovecotAccount().gid);
      await startMaster(binary, configFile, dir);
      await untilListening(ports.port, logFile);
    },
    addAccessToken(username, token) {
      if (!introspection) throw new Error('start Dovecot with { oauth2: true } to sign in with access tokens');
      introspection.tokens.set(token, username);
    },
    logText() {
      return existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
    },
    async stop() {
      await introspection?.close();
      await relay?.close();
      if (!existsSync(dir)) return;
      await stopMaster(dir);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return dovecot;
}

interface Ports {
  port: number;
  starttlsPort: number | null;
  submissionPort: number | null;
  lmtpPort: number | null;
}

/**
 * Ports free a moment ago; another process may take one meanwhile, so a failed start tries others.
 * Any failure is tried again: on a loaded machine a start can also fail for want of memory, and a
 * broken configuration still fails all three times, with Dovecot's words.
 */
async function startOnFreePorts(
  start: (ports: Ports) => Promise<Error | null>,
  wanted: { starttls: boolean; mail: boolean },
): Promise<Ports> {
  let failure: Error | null = null;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const ports = {
      port: await closedPort(),
      starttlsPort: wanted.starttls ? await closedPort() : null,
      submissionPort: wanted.mail ? await closedPort() : null,
      lmtpPort: wanted.mail ? await closedPort() : null,
    };
    failure = await start(ports);
    if (failure === null) return ports;
  }
  throw new Error(`Dovecot failed to start 3 times; the last time: ${failure?.message ?? ''}`, { cause: failure });
}

/**
 * Runs `dovecot -c FILE`, which forks its master into the background and exits. Its output goes to
 * a file, not a pipe: the master would keep a pipe open, and the start would never be seen to end.
 * What it says before its log is open (a configuration error, a failed fork) is only there.
 */
async function startMaster(binary: string, configFile: string, dir: string): Promise<void> {
  const outputFile = join(dir, 'master-output.log');
  const output = openSync(outputFile, 'w');
  try {
    const child = spawn(binary, ['-c', configFile], { stdio: ['ignore', output, output] });
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', resolve);
    });
    if (code !== 0) throw new Error(`dovecot exited with code ${String(code)}: ${readFileSync(outputFile, 'utf8').trim()}`);
  } finally {
    closeSync(output);
  }
}

/** A self-signed certificate for 127.0.0.1 and localhost, made with openssl for this server only. */
async function makeCertificate(dir: string): Promise<string> {
  const certFile = join(dir, 'cert.pem');
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    join(dir, 'key.pem'),
    '-out',
    certFile,
    '-days',
    '2',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1,DNS:localhost',
  ]);
  return readFileSync(certFile, 'utf8');
}

function dovecotAccount(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('dovecot:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined) throw new Error(`the dovecot system user is missing: install it with "${DOVECOT_INSTALL}"`);
  return { uid: Number(uid), gid: Number(gid) };
}

/**
 * Resolves once the port accepts connections; the master may daemonize a moment before its
 * listener runs (a TLS port says nothing before the handshake, so a connection is the sign).
 * Gives up after a few seconds with what Dovecot logged.
 */
async function untilListening(port: number, logFile: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const answered = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (answered) return;
    if (Date.now() > deadline) throw new Error(`nothing answers on port ${port}\n${tail(logFile)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function stopMaster(dir: string): Promise<void> {
  const pidFile = join(dir, 'run', 'master.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  // The master takes its children down before it exits; wait for that, so the directory is free.
  const deadline = Date.now() + 10_000;
  while (isAlive(pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGKILL');
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const tail = (file: string): string => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-20).join('\n') : '');
