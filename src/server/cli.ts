// The `glint` command (bin/glint.js). One file per command under cli/; this file only wires them.
// Exit codes: 0 ok, 1 failure, 2 bad usage (one line on stderr).
import { Command, CommanderError } from 'commander';
import { registerCampaignCommand } from './cli/campaign-command.ts';
import { registerCampaignUpdate } from './cli/campaign-update-command.ts';
import { registerClassifyCommand } from './cli/classify-command.ts';
import { registerDocCommand } from './cli/doc-command.ts';
import { registerEmailCommand } from './cli/email-command.ts';
import { registerFeedCommand } from './cli/feed-command.ts';
import { registerMailboxCommand } from './cli/mailbox-command.ts';
import { registerMailCommand } from './cli/mail-command.ts';
import { registerServeCommand } from './cli/serve-command.ts';
import { registerPrivacyCommand } from './cli/privacy-command.ts';
import { registerTeamCommand } from './cli/team-command.ts';
import { registerUserCommand } from './cli/user-command.ts';
import { registerWebhookCommand } from './cli/webhook-command.ts';
import { registerSalesforceCommand } from './cli/salesforce-command.ts';

const program = new Command('glint')
  .description('Glint: email and document tracking for sales reps in Gmail')
  .showSuggestionAfterError()
  .exitOverride((error: CommanderError) => {
    const ok = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code);
    process.exit(ok ? 0 : 2);
  });

registerServeCommand(program);
registerUserCommand(program);
registerTeamCommand(program);
registerPrivacyCommand(program);
registerEmailCommand(program);
registerFeedCommand(program);
registerDocCommand(program);
registerClassifyCommand(program);
registerMailboxCommand(program);
registerMailCommand(program);
registerWebhookCommand(program);
registerSalesforceCommand(program);
registerCampaignCommand(program);
registerCampaignUpdate(program);

await program.parseAsync(process.argv);
