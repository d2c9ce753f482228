// The SMTP side of a connection test: connect (to the address the host policy checked, the name
// kept for the certificate), TLS as configured, EHLO and AUTH with the rep's credential, as the
// campaign sender will (nodemailer's verify(); nothing is sent). The credential is never logged.
import { createTransport } from 'nodemailer';
import type { ConnectionSideResult } from '../../shared/mailbox-api.ts';
import { describeFailure, type ConnectionFailure } from './connection-failures.ts';
import type { MailboxSettings } from './connection-settings.ts';
import type { CheckedHost } from './mail-host-policy.ts';
import { silentServerFailure } from './tls-probe.ts';

export interface SmtpCheckOptions {
  timeoutMs: number;
  trustedCertificates?: string | readonly string[] | undefined;
  /** Where to connect; null: the host did not resolve. */
  connectTo: CheckedHost | null;
}

export async function checkSmtp(settings: MailboxSettings, options: SmtpCheckOptions): Promise<ConnectionSideResult> {
  const { smtp } = settings;
  const { timeoutMs, connectTo } = options;
  const failed = (failure: ConnectionFailure): ConnectionSideResult => ({
    ok: false,
    failure,
    message: `SMTP: ${describeFailure(failure, settings, timeoutMs, 'smtp')}`,
  });
  const silent = async (at: CheckedHost): Promise<ConnectionSideResult> => {
    const { failure, message } = await silentServerFailure(settings, 'smtp', at, timeoutMs);
    return { ok: false, failure, message: `SMTP: ${message}` };
  };
  if (connectTo === null) return failed('unreachable');
  const transport = createTransport({
    host: connectTo.address,
    ...(connectTo.servername === undefined ? {} : { servername: connectTo.servername }),
    port: smtp.port,
    secure: smtp.tls === 'tls',
    requireTLS: smtp.tls === 'starttls',
    ignoreTLS: smtp.tls === 'none',
    ...(options.trustedCertificates === undefined ? {} : { tls: { ca: [options.trustedCertificates].flat() } }),
    auth:
      settings.auth.method === 'password'
        ? { user: settings.username, pass: settings.auth.password }
        : { type: 'OAuth2', user: settings.username, accessToken: settings.auth.accessToken },
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    logger: false,
  });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const outcome = await Promise.race([transport.verify().then(() => 'verified' as const), deadline]);
    if (outcome === 'timeout') return await silent(connectTo);
    return { ok: true, message: `SMTP: signed in to ${smtp.host}:${smtp.port} as ${settings.username}, so follow-ups can be sent.` };
  } catch (error) {
    const failure = classifySmtpError(error);
    return failure === 'timeout' ? await silent(connectTo) : failed(failure);
  } finally {
    clearTimeout(timer);
    transport.close();
  }
}

interface SmtpErrorFacts {
  code?: unknown;
  originalCode?: unknown;
  library?: unknown;
}

const TLS_CODE = /^(ERR_SSL|ERR_TLS|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_|HOSTNAME_)/;

/** What went wrong, from nodemailer's code and the system error's code it keeps as originalCode. */
export function classifySmtpError(error: unknown): ConnectionFailure {
  const facts = (error && typeof error === 'object' ? error : {}) as SmtpErrorFacts;
  const code = typeof facts.code === 'string' ? facts.code : '';
  const original = typeof facts.originalCode === 'string' ? facts.originalCode : '';
  if (code === 'EAUTH' || code === 'ENOAUTH') return 'wrong-credentials';
  if (code === 'ETLS' || facts.library === 'SSL routines' || TLS_CODE.test(original)) return 'tls';
  if (code === 'ETIMEDOUT' || original === 'ETIMEDOUT') return 'timeout';
  return 'unreachable';
}
