// `glint privacy forget ADDRESS` and `glint privacy export USER`: a recipient's right to be
// forgotten and a rep's copy of their data, on the store directly (DATABASE_URL, else DATA_DIR).
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { z } from 'zod';
import { exportUser } from '../privacy/user-export.ts';
import { action, CliFailure, UsageError } from './cli-errors.ts';
import { withLocalContext } from './local-context.ts';

const addressSchema = z.string().trim().toLowerCase().email().max(320);

export function registerPrivacyCommand(program: Command): void {
  const privacy = program
    .command('privacy')
    .description('erase a recipient, export a rep (works on the store directly: DATABASE_URL, else DATA_DIR)');
  privacy
    .command('forget')
    .description("erase a recipient's address: events about it, document visits, replies from it, recipient lists")
    .argument('<address>', 'the email address to forget')
    .option('--data-dir <dir>', 'data directory (default: env DATA_DIR or ./data)')
    .option('--json', 'print one JSON object')
    .action(
      action(async (text: string, options: { dataDir?: string; json?: boolean }) => {
        const parsed = addressSchema.safeParse(text);
        if (!parsed.success) throw new UsageError(`"${text}" is not an email address`);
        const address = parsed.data;
        const counts = await withLocalContext(options.dataDir, ({ store }) => store.forgetAddress(address));
        if (options.json) console.log(JSON.stringify({ address, ...counts }));
        else
          console.log(
            `Forgot ${address}: ${counts.events} events, ${counts.documentVisits} document visits, ` +
              `${counts.mailEvents} mail events, ${counts.emailRecipientLists} recipient lists, ${counts.campaignEnrolments} campaign enrolments`,
          );
      }),
    );
  privacy
    .command('export')
    .description("write a rep's data as JSON (account, devices, emails, events, documents, mailbox settings; no secrets)")
    .argument('<user>', 'the rep: email address or user id')
    .option('--out <file>', 'write to this file (created readable by you only) instead of stdout')
    .option('--data-dir <dir>', 'data directory (default: env DATA_DIR or ./data)')
    .action(
      action(async (user: string, options: { dataDir?: string; out?: string }) => {
        const data = await withLocalContext(options.dataDir, ({ store }) => exportUser(store, user, new Date()));
        if (!data) throw new CliFailure(`no user with email or id "${user}"`);
        const text = `${JSON.stringify(data, null, 2)}\n`;
        if (options.out === undefined) process.stdout.write(text);
        else await writeFile(options.out, text, { mode: 0o600 });
      }),
    );
}
