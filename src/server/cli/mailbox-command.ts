// `glint mailbox connect (--preset gmail|microsoft365 | --imap-host H --imap-port P --imap-tls M
//  --smtp-host H --smtp-port P --smtp-tls M) --username U (--password-stdin | --token-stdin)`
// saves the rep's mailbox, tests it and says the result in words (exit 1 when it failed);
// `glint mailbox status [--json]` prints the settings (never the secret) and the last test;
// `glint mailbox disconnect` forgets them. All go through the server API.
import type { Command } from 'commander';
import type { ConnectionTestResult } from '../mail/connection-test.ts';
import type { MailboxView } from '../mail/mailbox-schemas.ts';
import { ApiClient, withConnection } from './api-client.ts';
import { action, CliFailure } from './cli-errors.ts';
import { readSecretFromStdin, secretKind, settingsFromFlags, type ConnectFlags } from './mailbox-input.ts';

interface CommonOptions {
  token?: string;
  server?: string;
  json?: boolean;
}

const WATCHER_WORDS: Record<MailboxView['watcher']['status'], (pausedReason: string | null) => string> = {
  waiting: (reason) => (reason ? `connecting: ${reason}` : 'connecting (no watcher has signed in with these settings yet)'),
  watching: () => 'watching',
  paused: (reason) => `paused: ${reason ?? 'no reason given'}`,
};

const endpointLine = (name: string, endpoint: MailboxView['imap']): string =>
  `${name}: ${endpoint.host}:${endpoint.port} (${endpoint.tls})`;

function describeMailbox(mailbox: MailboxView): string[] {
  const watcher = WATCHER_WORDS[mailbox.watcher.status](mailbox.watcher.pausedReason);
  const test = mailbox.lastTest;
  return [
    `Mailbox:  ${mailbox.username} (${mailbox.auth.method === 'password' ? 'password' : 'OAuth2 token'} set)`,
    endpointLine('IMAP', mailbox.imap),
    endpointLine('SMTP', mailbox.smtp),
    `Watcher:  ${watcher}; last reply seen: ${mailbox.watcher.lastReplyAt ?? 'none yet'}`,
    test ? `Last test (${test.at}): ${test.ok ? 'ok' : `failed, ${test.failure ?? ''}`}. ${test.message}` : 'Last test: never tested',
  ];
}

const describeTest = (result: ConnectionTestResult): string =>
  result.ok ? `Connection test passed: ${result.message}` : `Connection test failed (${result.failure}): ${result.message}`;

export function registerMailboxCommand(program: Command): void {
  const mailbox = program.command('mailbox').description('the mailbox Glint watches for replies (through the server API)');

  withConnection(mailbox.command('connect').description('save your mailbox settings and test them; the secret is read from stdin'))
    .option('--preset <name>', 'gmail or microsoft365: their IMAP and SMTP servers')
    .option('--imap-host <host>', 'IMAP server')
    .option('--imap-port <port>', 'IMAP port')
    .option('--imap-tls <mode>', 'tls, starttls or none (none: this machine only)')
    .option('--smtp-host <host>', 'SMTP server (kept for campaigns)')
    .option('--smtp-port <port>', 'SMTP port')
    .option('--smtp-tls <mode>', 'tls, starttls or none (none: this machine only)')
    .option('--username <name>', 'mailbox sign-in, usually your email address')
    .option('--password-stdin', 'read the (app) password from stdin')
    .option('--token-stdin', 'read an OAuth2 access token from stdin (XOAUTH2)')
    .action(
      action(async (options: ConnectFlags & CommonOptions) => {
        const kind = secretKind(options);
        const client = new ApiClient(options);
        // Checked before stdin is read: a usage mistake should not swallow the secret first.
        settingsFromFlags(options, 'placeholder');
        const settings = settingsFromFlags(options, await readSecretFromStdin(kind));
        const saved = await client.putMailbox(settings);
        const test = await client.testMailbox();
        if (options.json) console.log(JSON.stringify({ mailbox: saved, test }));
        else {
          console.log(`Saved ${saved.username} on ${saved.imap.host}:${saved.imap.port}.`);
          console.log(describeTest(test));
        }
        if (!test.ok) throw new CliFailure(`the mailbox is saved but does not work yet (${test.failure}); fix it and connect again`);
      }),
    );

  withConnection(mailbox.command('status').description('your mailbox settings (never the secret), the watcher and the last test')).action(
    action(async (options: CommonOptions) => {
      const current = await new ApiClient(options).getMailbox();
      if (options.json) console.log(JSON.stringify(current));
      else for (const line of describeMailbox(current)) console.log(line);
    }),
  );

  withConnection(mailbox.command('disconnect').description('forget your mailbox settings and credential')).action(
    action(async (options: CommonOptions) => {
      await new ApiClient(options).deleteMailbox();
      if (options.json) console.log(JSON.stringify({ ok: true }));
      else console.log('Mailbox disconnected: its settings and credential are deleted.');
    }),
  );
}
