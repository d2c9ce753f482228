// Creates a user (and their team when new), a first API token and a signing key. Used by
// `glint user add` and by tests; the HTTP API has no sign-up.
import { mintId } from '../../shared/ids.ts';
import type { SigningKey } from '../../shared/link-signing.ts';
import type { Plan } from '../../shared/plans.ts';
import { generatePassword, hashPassword } from '../security/password.ts';
import type { Store, UserAccount } from '../store/store.ts';
import { issueApiToken } from './api-tokens.ts';
import type { SigningKeys } from './signing-keys.ts';

export interface CreateUserInput {
  email: string;
  password?: string | undefined;
  /** Team name or id; created when missing. Default: a team named after the user's email. */
  team?: string | undefined;
  /** Plan of a new team, or the new plan of an existing one. */
  plan?: Plan | undefined;
}

export interface CreatedUser {
  user: UserAccount;
  password: string;
  passwordGenerated: boolean;
  apiToken: string;
  signingKey: SigningKey;
  teamCreated: boolean;
}

export class AccountError extends Error {
  readonly code: 'user_exists';

  constructor(code: 'user_exists', message: string) {
    super(message);
    this.code = code;
  }
}

export async function createUser(store: Store, keys: SigningKeys, input: CreateUserInput): Promise<CreatedUser> {
  const email = input.email.trim().toLowerCase();
  const teamName = input.team ?? email;
  let team = await store.findTeam(teamName);
  const teamCreated = team === null;
  if (!team) {
    team = { id: mintId('team'), name: teamName, plan: input.plan ?? 'free', createdAt: new Date() };
    await store.createTeam(team);
  } else if (input.plan && input.plan !== team.plan) {
    await store.setTeamPlan(team.id, input.plan);
  }
  const password = input.password ?? generatePassword();
  const userId = mintId('user');
  const created = await store.createUser({
    id: userId,
    email,
    passwordHash: await hashPassword(password),
    teamId: team.id,
    createdAt: new Date(),
  });
  if (!created) throw new AccountError('user_exists', `a user with the email ${email} already exists`);
  const user = await store.getUser(userId);
  if (!user) throw new Error('the new user could not be read back');
  const apiToken = await issueApiToken(store, userId);
  const signingKey = await keys.forUser(userId);
  return { user, password, passwordGenerated: input.password === undefined, apiToken, signingKey, teamCreated };
}
