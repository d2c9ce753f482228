// The `glint` command (bin/glint.js). One file per command under cli/; this file only wires them.
// Exit codes: 0 ok, 1 failure, 2 bad usage (one line on stderr).
//
// Only the command named loads: all of them together take three times as long to import as one
// (0.6 s against 0.2 s), and scripts run `glint` often. Anything else (`glint`, `glint --help`,
// `glint help feed`, a mistyped name) loads them all, for the full list and the suggestions.
import { Command, CommanderError } from 'commander';

type Register = (program: Command) => void;

/** Each command's registration, in the order `glint --help` lists them. */
const COMMANDS: Record<string, () => Promise<Register[]>> = {
  serve: async () => [(await import('./cli/serve-command.ts')).registerServeCommand],
  user: async () => [(await import('./cli/user-command.ts')).registerUserCommand],
  team: async () => [(await import('./cli/team-command.ts')).registerTeamCommand],
  privacy: async () => [(await import('./cli/privacy-command.ts')).registerPrivacyCommand],
  email: async () => [(await import('./cli/email-command.ts')).registerEmailCommand],
  feed: async () => [(await import('./cli/feed-command.ts')).registerFeedCommand],
  doc: async () => [(await import('./cli/doc-command.ts')).registerDocCommand],
  classify: async () => [(await import('./cli/classify-command.ts')).registerClassifyCommand],
  mailbox: async () => [(await import('./cli/mailbox-command.ts')).registerMailboxCommand],
  mail: async () => [(await import('./cli/mail-command.ts')).registerMailCommand],
  webhook: async () => [(await import('./cli/webhook-command.ts')).registerWebhookCommand],
  salesforce: async () => [(await import('./cli/salesforce-command.ts')).registerSalesforceCommand],
  // `campaign update` joins the group the first one made.
  campaign: async () => {
    const [group, update] = await Promise.all([import('./cli/campaign-command.ts'), import('./cli/campaign-update-command.ts')]);
    return [group.registerCampaignCommand, update.registerCampaignUpdate];
  },
};

const program = new Command('glint')
  .description('Glint: email and document tracking for sales reps in Gmail')
  .showSuggestionAfterError()
  .exitOverride((error: CommanderError) => {
    const ok = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code);
    process.exit(ok ? 0 : 2);
  });

const named = process.argv[2];
const only = named !== undefined && Object.hasOwn(COMMANDS, named) ? COMMANDS[named] : undefined;
const loaders = only ? [only] : Object.values(COMMANDS);
for (const registers of await Promise.all(loaders.map((load) => load()))) {
  for (const register of registers) register(program);
}

await program.parseAsync(process.argv);
