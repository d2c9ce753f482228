// Try reply tracking and campaigns without a real mailbox: the throwaway Dovecot the tests use, run by hand.
//   npm run mail:dovecot -- [--user rep@example.com] [--password local-pass]   (runs until Ctrl-C)
//       [--submission --recipient camille.martin@acme.example ...]   (also sends mail: SMTP submission
//       delivering to the recipients' own mailboxes here, password `reader`)
//   npm run mail:deliver -- --port PORT [--user ...] [--password ...] [--folder INBOX] FILE.eml...
//   npm run mail:read -- --port PORT --user camille.martin@acme.example --password reader [--folder INBOX]
// `deliver` places each message with IMAP APPEND, as a mail server delivering it would; `read`
// prints a mailbox's messages. Dovecot runs as root (it drops to its own users), like in the
// tests: run these as root.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ImapFlow } from 'imapflow';
import { startDovecot } from '../test/support/dovecot.ts';

const DEFAULTS = { user: 'rep@example.com', password: 'local-pass' };

const RECIPIENT_PASSWORD = 'reader';

async function serve(user: string, password: string, submission: boolean, recipients: readonly string[]): Promise<void> {
  const dovecot = await startDovecot({ submission });
  dovecot.addUser(user, password);
  for (const recipient of recipients) dovecot.addUser(recipient, RECIPIENT_PASSWORD);
  console.log(`Dovecot IMAP on ${dovecot.host}:${dovecot.port} (no TLS), user ${user}, password ${password}`);
  if (dovecot.submissionPort !== null) {
    console.log(
      `SMTP submission on ${dovecot.host}:${dovecot.submissionPort} (no TLS), delivering to: ${recipients.join(', ') || 'nobody'}`,
    );
  }
  console.log('Connect it to a Glint server started with MAILBOX_HOSTS=loopback:');
  console.log(
    `  printf '%s' '${password}' | npx glint mailbox connect --imap-host 127.0.0.1 --imap-port ${dovecot.port} --imap-tls none` +
      ` --smtp-host 127.0.0.1 --smtp-port ${dovecot.submissionPort ?? 25} --smtp-tls none --username ${user} --password-stdin`,
  );
  for (const recipient of recipients) {
    console.log(
      `Read ${recipient}'s mailbox: npm run mail:read -- --port ${dovecot.port} --user ${recipient} --password ${RECIPIENT_PASSWORD}`,
    );
  }
  console.log(`Deliver a message: npm run mail:deliver -- --port ${dovecot.port} FILE.eml`);
  console.log('Ctrl-C stops Dovecot and removes its mail.');
  // Dovecot runs as its own daemon: this process stays (the timer keeps it alive) to stop it.
  const alive = setInterval(() => undefined, 60_000);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  clearInterval(alive);
  await dovecot.stop();
}

async function deliver(port: number, user: string, password: string, folder: string, files: readonly string[]): Promise<void> {
  const client = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user, pass: password }, logger: false });
  await client.connect();
  try {
    for (const file of files) {
      await client.append(folder, await readFile(file));
      console.log(`delivered ${file} to ${user}/${folder}`);
    }
  } finally {
    await client.logout();
  }
}

async function read(port: number, user: string, password: string, folder: string): Promise<void> {
  const client = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user, pass: password }, logger: false });
  await client.connect();
  try {
    const opened = await client.mailboxOpen(folder, { readOnly: true });
    console.log(`${opened.exists} message(s) in ${user}/${folder}`);
    if (opened.exists === 0) return;
    for await (const message of client.fetch('1:*', { source: true })) {
      console.log(`----- message ${message.seq}`);
      console.log(message.source?.toString('utf8').trimEnd() ?? '');
    }
  } finally {
    await client.logout();
  }
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    user: { type: 'string', default: DEFAULTS.user },
    password: { type: 'string', default: DEFAULTS.password },
    port: { type: 'string' },
    folder: { type: 'string', default: 'INBOX' },
    submission: { type: 'boolean', default: false },
    recipient: { type: 'string', multiple: true, default: [] },
  },
});
const [command, ...files] = positionals;
if (command === 'serve') await serve(values.user, values.password, values.submission, values.recipient);
else if (command === 'read' && values.port !== undefined) await read(Number(values.port), values.user, values.password, values.folder);
else if (command === 'deliver' && values.port !== undefined && files.length > 0) {
  await deliver(Number(values.port), values.user, values.password, values.folder, files);
} else {
  console.error(
    'usage: local-mailbox.ts serve [--user U] [--password P] [--submission --recipient ADDR...] | ' +
      'deliver --port PORT [--user U] [--password P] [--folder F] FILE.eml... | read --port PORT --user U --password P [--folder F]',
  );
  process.exit(2);
}
