// Password sign-in. Failures take the same time whether or not the email exists (a dummy hash is
// verified); repeated failures are throttled (sign-in-throttle.ts).
import { DUMMY_PASSWORD_HASH, verifyPassword } from '../security/password.ts';
import type { Store, UserAccount } from '../store/store.ts';

export async function checkPassword(store: Store, email: string, password: string): Promise<UserAccount | null> {
  const credentials = await store.findUserCredentials(email);
  const ok = await verifyPassword(password, credentials?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (!credentials || !ok) return null;
  const { passwordHash: _hidden, ...user } = credentials;
  return user;
}

/** The device id when it is registered to the account of `email` (so the rep's browser is known). */
export async function knownDeviceOf(store: Store, email: string, deviceId: string | undefined): Promise<string | undefined> {
  if (deviceId === undefined) return undefined;
  const credentials = await store.findUserCredentials(email);
  if (!credentials) return undefined;
  return (await store.listDeviceIds(credentials.id)).includes(deviceId) ? deviceId : undefined;
}
