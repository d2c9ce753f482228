// Tells whether a port expects TLS from its first byte (IMAP 993, SMTP 465), for a connection
// test that chose STARTTLS or plain text there and heard nothing: such a server waits for our TLS
// greeting while we wait for its text one, and the test would otherwise end as a bare timeout.
// Any answer to a TLS hello counts (a certificate we do not trust, an alert): the probe asks which
// language the port speaks, not whether it can be trusted. Nothing is sent after the handshake.
import { connect } from 'node:tls';
import { describeFailure, describeTlsAtOnce, type ConnectionFailure, type MailSide } from './connection-failures.ts';
import type { MailboxSettings } from './connection-settings.ts';
import type { CheckedHost } from './mail-host-policy.ts';

/** A failure that only a TLS server sends back: its alert, in OpenSSL's words. */
const SERVER_TLS_ALERT = /^ERR_SSL_(TLSV1|SSLV3)_ALERT_/;

export async function speaksTlsAtOnce(connectTo: CheckedHost, port: number, limitMs: number): Promise<boolean> {
  return await new Promise<boolean>((resolve) => {
    const socket = connect({
      host: connectTo.address,
      port,
      ...(connectTo.servername === undefined ? {} : { servername: connectTo.servername }),
      // Only the handshake's answer matters here; the certificate is judged by the real test.
      rejectUnauthorized: false,
    });
    const done = (speaksTls: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(speaksTls);
    };
    const timer = setTimeout(() => done(false), limitMs);
    socket.once('secureConnect', () => done(true));
    // on, not once: a late error after destroy() must not go unheard and end the process.
    socket.on('error', (error: NodeJS.ErrnoException) => done(SERVER_TLS_ALERT.test(error.code ?? '')));
  });
}

/**
 * Why a side heard nothing: a port that expects TLS at once when the settings said STARTTLS or
 * none ('tls', with the way out), else the timeout. The probe gets at most 3 s more.
 */
export async function silentServerFailure(
  settings: MailboxSettings,
  side: MailSide,
  connectTo: CheckedHost,
  timeoutMs: number,
): Promise<{ failure: ConnectionFailure; message: string }> {
  const endpoint = settings[side];
  if (endpoint.tls !== 'tls' && (await speaksTlsAtOnce(connectTo, endpoint.port, Math.min(PROBE_LIMIT_MS, timeoutMs)))) {
    return { failure: 'tls', message: describeTlsAtOnce(settings, side) };
  }
  return { failure: 'timeout', message: describeFailure('timeout', settings, timeoutMs, side) };
}

const PROBE_LIMIT_MS = 3000;
