// The SMTP server of bench:campaigns: a real SMTP conversation (npm smtp-server, as the test
// relay) that signs any rep in, takes every message and keeps only when it arrived and its
// Message-ID. Lighter than the test harness's Dovecot submission + relay + LMTP path, so the
// benchmark measures Glint's deciding and sending rather than Dovecot's deliveries into maildirs.
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  port: number;
  /** Arrival times (Date.now()) of the messages taken, in order. */
  arrivals: number[];
  /** How many times each Message-ID (as written, with <>) was taken. */
  messageIds: Map<string, number>;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const arrivals: number[] = [];
  const messageIds = new Map<string, number>();
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    // A sending rep opens many sessions in a row; the default limits are for the open internet.
    maxClients: 1000,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username });
    },
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 8192) head += chunk.toString('utf8');
      });
      stream.on('end', () => {
        const id = /^Message-ID:\s*(<[^>]+>)/im.exec(head)?.[1] ?? '';
        messageIds.set(id, (messageIds.get(id) ?? 0) + 1);
        arrivals.push(Date.now());
        callback();
      });
    },
  });
  server.on('error', () => undefined);
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
  return { port, arrivals, messageIds, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
