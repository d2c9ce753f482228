// Connecting a team to Salesforce: OAuth 2.0 authorization code with PKCE (S256). The start
// makes a state and a code verifier, keeps the state hashed and the verifier sealed, bound to the
// team and user who asked, for ten minutes; the consent page's Connect takes the state once (a
// replay finds nothing), trades the code and the verifier for tokens through jsforce, and stores
// the refresh token sealed with the instance URL from the token answer and who signed in (the
// identity service, salesforce-identity.ts). The access token is not kept.
import { createHash, randomBytes } from 'node:crypto';
import { mintId } from '../../shared/ids.ts';
import type { SecretBox } from '../security/secret-box.ts';
import type { SalesforceConnectionRecord, Store } from '../store/store.ts';
import { oauthClient } from './salesforce-client.ts';
import type { SalesforceApp } from './salesforce-config.ts';
import { salesforceAccountOf } from './salesforce-identity.ts';

export const AUTH_STATE_TTL_MS = 10 * 60_000;
const SCOPES = 'api refresh_token';

/** Why a callback could not connect, in a sentence for the person in the browser. */
export class SalesforceConnectError extends Error {}

export const hashState = (state: string): string => createHash('sha256').update(state).digest('hex');

export async function startSalesforceConnect(
  deps: { store: Store; box: SecretBox; app: SalesforceApp; redirectUri: string },
  who: { teamId: string; userId: string },
  now: Date,
): Promise<{ authorizeUrl: string; expiresAt: Date }> {
  const state = randomBytes(32).toString('base64url');
  const verifier = randomBytes(64).toString('base64url');
  const expiresAt = new Date(now.getTime() + AUTH_STATE_TTL_MS);
  await deps.store.saveSalesforceAuthState({
    stateHash: hashState(state),
    teamId: who.teamId,
    userId: who.userId,
    sealedVerifier: deps.box.seal(verifier),
    expiresAt,
  });
  const authorizeUrl = oauthClient(deps.app, deps.redirectUri).getAuthorizationUrl({
    scope: SCOPES,
    state,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  });
  return { authorizeUrl, expiresAt };
}

export async function finishSalesforceConnect(
  deps: { store: Store; box: SecretBox; app: SalesforceApp; redirectUri: string },
  callback: { code: string; state: string },
  now: Date,
): Promise<SalesforceConnectionRecord> {
  const pending = await deps.store.takeSalesforceAuthState(hashState(callback.state), now);
  if (!pending) throw new SalesforceConnectError('This connection link has expired or was used already: start again from Glint.');
  const oauth = oauthClient(deps.app, deps.redirectUri);
  oauth.codeVerifier = deps.box.open(pending.sealedVerifier);
  let answer;
  try {
    answer = await oauth.requestToken(callback.code);
  } catch (error) {
    const name = error instanceof Error ? error.name : 'error';
    throw new SalesforceConnectError(`Salesforce did not accept the sign-in (${name}): start again from Glint.`);
  }
  if (!answer.refresh_token) {
    throw new SalesforceConnectError("Salesforce gave no refresh token: add the 'refresh_token' scope to the connected app.");
  }
  if (!/^https?:\/\/[^/]+/.test(answer.instance_url)) throw new SalesforceConnectError('Salesforce gave no usable instance URL.');
  return deps.store.connectSalesforce({
    endpointId: mintId('webhook'),
    teamId: pending.teamId,
    instanceUrl: answer.instance_url.replace(/\/+$/, ''),
    sealedRefreshToken: deps.box.seal(answer.refresh_token),
    account: await salesforceAccountOf(answer.id, answer.access_token),
    connectedBy: pending.userId,
    at: now,
  });
}
