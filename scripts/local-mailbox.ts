// Try reply tracking without a real mailbox: the throwaway Dovecot the tests use, run by hand.
//   npm run mail:dovecot -- [--user rep@example.com] [--password local-pass]   (runs until Ctrl-C)
//   npm run mail:deliver -- --port PORT [--user ...] [--password ...] [--folder INBOX] FILE.eml...
// `deliver` places each message with IMAP APPEND, as a mail server delivering it would. Dovecot
// runs as root (it drops to its own users), like in the tests: run these as root.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ImapFlow } from 'imapflow';
import { startDovecot } from '../test/support/dovecot.ts';

const DEFAULTS = { user: 'rep@example.com', password: 'local-pass' };

async function serve(user: string, password: string): Promise<void> {
  const dovecot = await startDovecot();
  dovecot.addUser(user, password);
  console.log(`Dovecot IMAP on ${dovecot.host}:${dovecot.port} (no TLS), user ${user}, password ${password}`);
  console.log('Connect it to a Glint server started with MAILBOX_HOSTS=loopback:');
  console.log(
    `  printf '%s' '${password}' | npx glint mailbox connect --imap-host 127.0.0.1 --imap-port ${dovecot.port} --imap-tls none` +
      ` --smtp-host 127.0.0.1 --smtp-port 25 --smtp-tls none --username ${user} --password-stdin`,
  );
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

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    user: { type: 'string', default: DEFAULTS.user },
    password: { type: 'string', default: DEFAULTS.password },
    port: { type: 'string' },
    folder: { type: 'string', default: 'INBOX' },
  },
});
const [command, ...files] = positionals;
if (command === 'serve') await serve(values.user, values.password);
else if (command === 'deliver' && values.port !== undefined && files.length > 0) {
  await deliver(Number(values.port), values.user, values.password, values.folder, files);
} else {
  console.error(
    'usage: local-mailbox.ts serve [--user U] [--password P] | deliver --port PORT [--user U] [--password P] [--folder F] FILE.eml...',
  );
  process.exit(2);
}
