// Tests a mailbox connection the way the watcher will use it: sign in over IMAP and check that
// the server offers IDLE (the watcher waits on it). SMTP is not tried yet: nothing sends mail
// until the campaigns come, and the result says so. A failure comes back as a typed reason and
// a sentence for the rep, never as a thrown error; the credential is never logged.
import type { MailboxSettings } from './connection-settings.ts';
import { describeFailure, type ConnectionFailure } from './connection-failures.ts';
import { createImapClient } from './imap-client.ts';
import { checkMailHost, type CheckedHost, type MailboxHostPolicy } from './mail-host-policy.ts';

export type { ConnectionFailure } from './connection-failures.ts';

export type ConnectionTestResult =
  | { ok: true; checked: 'imap'; capabilities: string[]; message: string }
  | { ok: false; checked: 'imap'; failure: ConnectionFailure; message: string };

export interface ConnectionTestOptions {
  /** Longest the whole test may take, in ms (default 10 s): a silent server is a timeout. */
  timeoutMs?: number;
  /** Certificates (PEM) to trust besides the system's, e.g. a test server's own. */
  trustedCertificates?: string | readonly string[];
  /** Which addresses may be reached (default any); a refused host throws MailHostRefusedError. */
  hostPolicy?: MailboxHostPolicy;
  /** The IMAP host as the caller already resolved and checked it: connect there, not resolve again. */
  checkedImapHost?: CheckedHost | null;
}

export const DEFAULT_TEST_TIMEOUT_MS = 10_000;
const SMTP_NOT_TESTED = 'SMTP was not tested: it is only used once campaigns send mail.';

export async function testMailboxConnection(settings: MailboxSettings, options: ConnectionTestOptions = {}): Promise<ConnectionTestResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TEST_TIMEOUT_MS;
  const { imap } = settings;
  const connectTo =
    options.checkedImapHost !== undefined ? options.checkedImapHost : await checkMailHost(imap.host, options.hostPolicy ?? 'any');
  if (connectTo === null) return failed('unreachable', describeFailure('unreachable', settings, timeoutMs));
  const client = createImapClient(settings, { timeoutMs, trustedCertificates: options.trustedCertificates, connectTo });
  // Errors also arrive as events after connect() has rejected; they are answered there.
  client.on('error', () => undefined);

  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const outcome = await Promise.race([client.connect().then(() => 'connected' as const), deadline]);
    if (outcome === 'timeout') return failed('timeout', describeFailure('timeout', settings, timeoutMs));
    const capabilities = [...client.capabilities.keys()].sort();
    if (!client.capabilities.has('IDLE')) return failed('capability-missing', describeFailure('capability-missing', settings, timeoutMs));
    return {
      ok: true,
      checked: 'imap',
      capabilities,
      message: `Signed in to ${imap.host} as ${settings.username}; the server offers IDLE, so replies are seen as they arrive. ${SMTP_NOT_TESTED}`,
    };
  } catch (error) {
    const failure = classifyError(error);
    return failed(failure, describeFailure(failure, settings, timeoutMs));
  } finally {
    // A polite LOGOUT, within what is left of the bound; then the socket is closed either way.
    if (client.usable) await Promise.race([client.logout().catch(() => undefined), deadline]);
    clearTimeout(timer);
    client.close();
  }
}

const failed = (failure: ConnectionFailure, message: string): ConnectionTestResult => ({
  ok: false,
  checked: 'imap',
  failure,
  message: `${message} ${SMTP_NOT_TESTED}`,
});

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
