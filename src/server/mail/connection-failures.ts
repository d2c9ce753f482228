// Why a mailbox connection failed, as a reason code and as a sentence a rep can act on, for the
// IMAP side (the watcher) or the SMTP side (campaign follow-ups).
import type { ConnectionFailure } from '../../shared/mailbox-api.ts';
import type { MailboxSettings } from './connection-settings.ts';

export { CONNECTION_FAILURES, type ConnectionFailure } from '../../shared/mailbox-api.ts';

export type MailSide = 'imap' | 'smtp';

export function describeFailure(failure: ConnectionFailure, settings: MailboxSettings, timeoutMs: number, side: MailSide = 'imap'): string {
  const endpoint = settings[side];
  const server = `${endpoint.host}:${endpoint.port}`;
  switch (failure) {
    case 'wrong-credentials':
      if (side === 'smtp') {
        return settings.auth.method === 'password'
          ? `${server} refused the password for ${settings.username}: check the SMTP username and password (for Gmail and Microsoft 365, an app password).`
          : `${server} refused the access token for ${settings.username}: it may have expired or lack the SMTP scope.`;
      }
      return settings.auth.method === 'password'
        ? `${endpoint.host} refused the username or password for ${settings.username}. For Gmail and Microsoft 365, use an app password, not your usual one.`
        : `${endpoint.host} refused the access token for ${settings.username}: it may have expired or lack the IMAP scope.`;
    case 'tls':
      return `The secure connection to ${server} failed: the server's certificate is not trusted, or the server does not speak ${endpoint.tls === 'starttls' ? 'STARTTLS' : 'TLS'} on that port. Check the port and the TLS mode.`;
    case 'unreachable':
      return `Could not reach ${server}: check the host name and the port, and that the server accepts connections from here.`;
    case 'timeout':
      return `${server} did not answer within ${duration(timeoutMs)}: the host or port may be wrong, or a firewall drops the connection.`;
    case 'capability-missing':
      return `${endpoint.host} signed you in but does not offer IMAP IDLE, which Glint needs to see replies as they arrive.`;
  }
}

/** A port that expects TLS from its first byte, asked for STARTTLS or plain text (tls-probe.ts). */
export function describeTlsAtOnce(settings: MailboxSettings, side: MailSide): string {
  const endpoint = settings[side];
  const usual = side === 'imap' ? 993 : 465;
  const chosen = endpoint.tls === 'starttls' ? 'STARTTLS' : 'no encryption';
  return `${endpoint.host}:${endpoint.port} expects TLS from the first byte (as port ${usual} usually does), but the settings ask for ${chosen}: choose TLS for this port.`;
}

const duration = (ms: number): string => (ms < 2000 ? `${ms} ms` : `${Math.round(ms / 1000)} seconds`);
