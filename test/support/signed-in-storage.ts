// The extension's sign-in state, kept in memory instead of chrome.storage, signed in as a test
// user of a real server: what the background's handlers read to reach that server, in tests
// that run them without Chrome.
import { authStorage, type AuthStorage } from '../../src/extension/data/auth-state.ts';
import { memoryArea } from '../../src/extension/data/storage.ts';
import type { TestUser } from './start-server.ts';

/** Signed in as `user` on `serverUrl`; `apiToken` replaces the user's own (a revoked one, say). */
export async function signedInStorage(user: TestUser, serverUrl: string, apiToken = user.apiToken): Promise<AuthStorage> {
  const storage = authStorage(memoryArea());
  await storage.auth.write({
    serverUrl,
    apiToken,
    user: { id: user.user.id, email: user.user.email, teamId: user.user.teamId, teamName: 'Sales', plan: 'free' },
    signingKey: user.signingKey,
    signedInAt: new Date().toISOString(),
  });
  return storage;
}
