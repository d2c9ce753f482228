// Tests a mailbox connection the way Glint will use it, both sides at once under one time limit:
// IMAP signs in and checks that the server offers IDLE (the watcher waits on it); SMTP connects,
// sets up TLS as configured and signs in (campaigns send follow-ups through it; smtp-check.ts).
// A side that hears nothing asks whether the port expects TLS at once (tls-probe.ts).
// Each side's failure comes back as a typed reason and a sentence for the rep, never as a thrown
// error; the credential is never logged.
import type { ConnectionSideResult, ConnectionTestResult } from '../../shared/mailbox-api.ts';
import type { MailboxSettings } from './connection-settings.ts';
import { describeFailure, type ConnectionFailure } from './connection-failures.ts';
import { createImapClient } from './imap-client.ts';
import { checkMailHost, type CheckedHost, type MailboxHostPolicy } from './mail-host-policy.ts';
import { checkSmtp } from './smtp-check.ts';
import { silentServerFailure } from './tls-probe.ts';

export type { ConnectionFailure } from './connection-failures.ts';
export type { ConnectionTestResult } from '../../shared/mailbox-api.ts';

export interface ConnectionTestOptions {
  /** Longest the whole test may take, in ms (default 10 s): a silent server is a timeout. */
  timeoutMs?: number;
  /** Certificates (PEM) to trust besides the system's, e.g. a test server's own. */
  trustedCertificates?: string | readonly string[];
  /** Which addresses may be reached (default any); a refused host throws MailHostRefusedError. */
  hostPolicy?: MailboxHostPolicy;
  /** The IMAP host as the caller already resolved and checked it: connect there, not resolve again. */
  checkedImapHost?: CheckedHost | null;
  /** The same for the SMTP host. */
  checkedSmtpHost?: CheckedHost | null;
}

export const DEFAULT_TEST_TIMEOUT_MS = 10_000;

export async function testMailboxConnection(settings: MailboxSettings, options: ConnectionTestOptions = {}): Promise<ConnectionTestResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TEST_TIMEOUT_MS;
  const policy = options.hostPolicy ?? 'any';
  const [imapHost, smtpHost] = await Promise.all([
    options.checkedImapHost !== undefined ? options.checkedImapHost : checkMailHost(settings.imap.host, policy),
    options.checkedSmtpHost !== undefined ? options.checkedSmtpHost : checkMailHost(settings.smtp.host, policy),
  ]);
  const { trustedCertificates } = options;
  const [imap, smtp] = await Promise.all([
    testImap(settings, { timeoutMs, trustedCertificates, connectTo: imapHost }),
    checkSmtp(settings, { timeoutMs, trustedCertificates, connectTo: smtpHost }),
  ]);
  const message = `${imap.side.message} ${smtp.message}`;
  const sides = { imap: imap.side, smtp, capabilities: imap.capabilities };
  const failure = !imap.side.ok ? imap.side.failure : !smtp.ok ? smtp.failure : null;
  return failure === null ? { ok: true, message, ...sides } : { ok: false, failure, message, ...sides };
}

interface ImapTestOptions {
  timeoutMs: number;
  trustedCertificates: string | readonly string[] | undefined;
  connectTo: CheckedHost | null;
}

async function testImap(
  settings: MailboxSettings,
  { timeoutMs, trustedCertificates, connectTo }: ImapTestOptions,
): Promise<{ side: ConnectionSideResult; capabilities: string[] }> {
  const failed = (failure: ConnectionFailure) => ({
    side: { ok: false as const, failure, message: `IMAP: ${describeFailure(failure, settings, timeoutMs)}` },
    capabilities: [],
  });
  const silent = async (at: CheckedHost) => {
    const { failure, message } = await silentServerFailure(settings, 'imap', at, timeoutMs);
    return { side: { ok: false as const, failure, message: `IMAP: ${message}` }, capabilities: [] };
  };
  if (connectTo === null) return failed('unreachable');
  const client = createImapClient(settings, { timeoutMs, trustedCertificates, connectTo });
  // Errors also arrive as events after connect() has rejected; they are answered there.
  client.on('error', () => undefined);

  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const outcome = await Promise.race([client.connect().then(() => 'connected' as const), deadline]);
    if (outcome === 'timeout') return await silent(connectTo);
    if (!client.capabilities.has('IDLE')) return failed('capability-missing');
    const message = `IMAP: signed in to ${settings.imap.host} as ${settings.username}; the server offers IDLE, so replies are seen as they arrive.`;
    return { side: { ok: true, message }, capabilities: [...client.capabilities.keys()].sort() };
  } catch (error) {
    const failure = classifyError(error);
    return failure === 'timeout' ? await silent(connectTo) : failed(failure);
  } finally {
    // A polite LOGOUT, within what is left of the bound; then the socket is closed either way.
    if (client.usable) await Promise.race([client.logout().catch(() => undefined), deadline]);
    clearTimeout(timer);
    client.close();
  }
}

interface ErrorFacts {
  code?: unknown;
  authenticationFailed?: unknown;
  tlsFailed?: unknown;
  library?: unknown;
  _err?: unknown;
  cause?: unknown;
}

const TIMEOUT_CODES = new Set(['CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT', 'ETIMEOUT', 'ETIMEDOUT']);
const TLS_CODE = /^(ERR_SSL|ERR_TLS|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_|HOSTNAME_|ClosedAfterConnectTLS|STARTTLS)/;

/** What went wrong, from the error and the errors it wraps. */
export function classifyError(error: unknown): ConnectionFailure {
  const chain: ErrorFacts[] = [];
  for (let current: unknown = error; current && typeof current === 'object' && chain.length < 5;) {
    const facts = current as ErrorFacts;
    chain.push(facts);
    current = facts._err ?? facts.cause;
  }
  if (chain.some((facts) => facts.authenticationFailed === true)) return 'wrong-credentials';
  const codes = chain.map((facts) => (typeof facts.code === 'string' ? facts.code : ''));
  if (chain.some((facts) => facts.tlsFailed === true || facts.library === 'SSL routines') || codes.some((code) => TLS_CODE.test(code)))
    return 'tls';
  if (codes.some((code) => TIMEOUT_CODES.has(code))) return 'timeout';
  return 'unreachable';
}
