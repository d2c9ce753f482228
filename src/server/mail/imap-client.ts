// One ImapFlow client from a rep's mailbox settings, as the connection test and the watcher both
// open it: the TLS mode mapped onto imapflow's options, extra trusted certificates, and imapflow's
// own logger off (it would print the protocol, credentials included).
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import type { MailboxSettings } from './connection-settings.ts';
import type { CheckedHost } from './mail-host-policy.ts';

export interface ImapClientOptions {
  /** Longest a connect or a greeting may take, in ms. */
  timeoutMs: number;
  /** Longest the socket may stay silent, in ms (default: timeoutMs). */
  socketTimeoutMs?: number;
  /** Certificates (PEM) to trust besides the system's, e.g. a test server's own. */
  trustedCertificates?: string | readonly string[] | undefined;
  /** The checked address to connect to instead of resolving the host again (mail-host-policy.ts). */
  connectTo?: CheckedHost | undefined;
  /** Passed through to imapflow (IDLE timing of the watcher). */
  idle?: Pick<ImapFlowOptions, 'disableAutoIdle' | 'autoIdleDelay' | 'maxIdleTime'>;
}

export function createImapClient(settings: MailboxSettings, options: ImapClientOptions): ImapFlow {
  const { imap } = settings;
  return new ImapFlow({
    host: options.connectTo?.address ?? imap.host,
    ...(options.connectTo?.servername === undefined ? {} : { servername: options.connectTo.servername }),
    port: imap.port,
    secure: imap.tls === 'tls',
    // STARTTLS is required when asked for, and never attempted on a clear-text loopback setting.
    doSTARTTLS: imap.tls === 'starttls' ? true : imap.tls === 'none' ? false : undefined,
    ...(options.trustedCertificates === undefined ? {} : { tls: { ca: [options.trustedCertificates].flat() } }),
    auth:
      settings.auth.method === 'password'
        ? { user: settings.username, pass: settings.auth.password }
        : { user: settings.username, accessToken: settings.auth.accessToken },
    logger: false,
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.socketTimeoutMs ?? options.timeoutMs,
    ...(options.idle ?? { disableAutoIdle: true }),
  });
}
