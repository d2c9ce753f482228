// The harness's outgoing mail path: Dovecot's submission service (the rep signs in, as on
// smtp.gmail.com:587) relays to this small SMTP server, which hands each message to Dovecot's LMTP,
// so it lands in the recipient's harness mailbox. Dovecot's submission cannot relay to LMTP itself
// (it says EHLO, LMTP wants LHLO), hence this relay. A test can make it refuse a recipient, as a
// receiving server would (a 5xx bounce, a 4xx "try later"), and hold its answer once a message is
// delivered (a slow server; the moment a crash test stops the sender between answer and commit).
import { createTransport } from 'nodemailer';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';

/** A message the relay handed to LMTP, its answer not given yet. */
export interface RelayedMessage {
  from: string;
  to: string[];
  raw: Buffer;
}

export interface SmtpRelay {
  port: number;
  /** Where the relay delivers (Dovecot's LMTP port); set once Dovecot has its ports. */
  deliverTo(lmtpPort: number): void;
  /** Refuses RCPT TO for this address with code (4xx temporary, 5xx permanent) and text. */
  refuse(address: string, code: number, text: string): void;
  /** Accepts the address again. */
  accept(address: string): void;
  /**
   * Runs `hook` after each delivery to LMTP, before the relay answers (so before the sender hears
   * its 250): the answer waits for the hook. null: answer at once again.
   */
  beforeAnswer(hook: ((message: RelayedMessage) => Promise<void>) | null): void;
  /** How many messages the relay handed to LMTP. */
  delivered(): number;
  close(): Promise<void>;
}

export async function startSmtpRelay(): Promise<SmtpRelay> {
  let lmtpPort = 0;
  let count = 0;
  let answerHook: ((message: RelayedMessage) => Promise<void>) | null = null;
  const refusals = new Map<string, { code: number; text: string }>();

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const refusal = refusals.get(address.address.toLowerCase());
      if (!refusal) return callback();
      const error = Object.assign(new Error(refusal.text), { responseCode: refusal.code });
      callback(error);
    },
    onData(stream, session, callback) {
      void relay(stream, session.envelope).then(
        () => callback(),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    },
  });

  async function relay(stream: SMTPServerDataStream, envelope: { mailFrom: false | { address: string }; rcptTo: { address: string }[] }) {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    if (lmtpPort === 0) throw new Error('the relay has no LMTP port yet');
    const transport = createTransport({ lmtp: true, host: '127.0.0.1', port: lmtpPort, secure: false, ignoreTLS: true });
    const message = {
      from: envelope.mailFrom ? envelope.mailFrom.address : '',
      to: envelope.rcptTo.map((rcpt) => rcpt.address),
      raw: Buffer.concat(chunks),
    };
    try {
      await transport.sendMail({ envelope: { from: message.from, to: message.to }, raw: message.raw });
      count += 1;
    } finally {
      transport.close();
    }
    await answerHook?.(message);
  }

  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
  server.on('error', () => undefined);

  return {
    port,
    deliverTo(next) {
      lmtpPort = next;
    },
    refuse(address, code, text) {
      refusals.set(address.toLowerCase(), { code, text });
    },
    accept(address) {
      refusals.delete(address.toLowerCase());
    },
    beforeAnswer(hook) {
      answerHook = hook;
    },
    delivered: () => count,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
