// `glint user add EMAIL [--password P] [--team T] [--plan PLAN] [--json]`: creates a user in the
// store (DATABASE_URL, else SQLite under DATA_DIR). Human output ends with the API token alone on the last line.
import type { Command } from 'commander';
import { z } from 'zod';
import { planSchema, PLANS, type Plan } from '../../shared/plans.ts';
import { AccountError, createUser } from '../accounts/create-user.ts';
import { action, CliFailure, UsageError } from './cli-errors.ts';
import { withLocalContext } from './local-context.ts';

interface UserAddOptions {
  password?: string;
  team?: string;
  plan?: string;
  dataDir?: string;
  json?: boolean;
}

export function parsePlan(value: string): Plan {
  const parsed = planSchema.safeParse(value);
  if (!parsed.success) throw new UsageError(`unknown plan "${value}"; plans: ${PLANS.join(', ')}`);
  return parsed.data;
}

export function registerUserCommand(program: Command): void {
  const user = program.command('user').description('manage users (works on the store directly: DATABASE_URL, else DATA_DIR)');
  user
    .command('add')
    .description('create a user; prints the password (generated when not given) and the API token last')
    .argument('<email>', 'email address of the user (their sign-in name)')
    .option('--password <password>', 'password (default: a generated one, printed)')
    .option('--team <team>', 'team name or id; created when missing (default: a team of their own)')
    .option('--plan <plan>', `plan of the team: ${PLANS.join(', ')}`)
    .option('--data-dir <dir>', 'data directory (default: env DATA_DIR or ./data)')
    .option('--json', 'print one JSON object instead of lines')
    .action(
      action(async (email: string, options: UserAddOptions) => {
        const address = z.email().safeParse(email.trim().toLowerCase());
        if (!address.success) throw new UsageError(`"${email}" is not an email address`);
        if (options.password !== undefined && options.password.length === 0) throw new UsageError('--password is empty');
        const plan = options.plan === undefined ? undefined : parsePlan(options.plan);
        const created = await withLocalContext(options.dataDir, async (context) => {
          try {
            return await createUser(context.store, context.keys, {
              email: address.data,
              password: options.password,
              team: options.team,
              plan,
            });
          } catch (error) {
            if (error instanceof AccountError) throw new CliFailure(error.message);
            throw error;
          }
        });
        const { user: account } = created;
        if (options.json) {
          console.log(
            JSON.stringify({
              userId: account.id,
              email: account.email,
              teamId: account.teamId,
              teamName: account.teamName,
              plan: account.plan,
              password: created.passwordGenerated ? created.password : undefined,
              apiToken: created.apiToken,
            }),
          );
          return;
        }
        console.log(`Created user ${account.email} (${account.id})`);
        console.log(`Team: ${account.teamName} (${account.teamId}), plan ${account.plan}${created.teamCreated ? ', new' : ''}`);
        if (created.passwordGenerated) console.log(`Password: ${created.password}`);
        console.log('API token (shown once; use it as --token or GLINT_TOKEN):');
        console.log(created.apiToken);
      }),
    );
}
