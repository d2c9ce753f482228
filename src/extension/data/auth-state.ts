// What the extension remembers about the rep in chrome.storage.local (never sync: the API
// token and the link-signing key stay on this profile). Written by the background only.
import { z } from 'zod';
import { signingKeySchema, userSchema } from '../../shared/api-schemas.ts';
import { idSchema } from '../../shared/ids.ts';
import { typedEntry, type KeyValueArea, type TypedEntry } from './storage.ts';

export const authStateSchema = z.object({
  /** Base URL of the Glint server, no trailing slash ("https://glint.example.com"). */
  serverUrl: z.string().url(),
  apiToken: z.string().min(1),
  user: userSchema,
  signingKey: signingKeySchema,
  /** Base of the pixel and click URLs; absent in a sign-in stored before it was kept. */
  trackingBaseUrl: z.string().url().optional(),
  signedInAt: z.string(),
});
export type AuthState = z.infer<typeof authStateSchema>;

export const deviceStateSchema = z.object({
  /** Created once per browser profile, never changes. */
  deviceId: idSchema('device'),
  name: z.string().trim().min(1).max(100),
  /** The server, account and name it was last registered with; null until registered. */
  registered: z
    .object({ serverUrl: z.string(), userId: z.string(), name: z.string() })
    .nullable()
    .default(null),
});
export type DeviceState = z.infer<typeof deviceStateSchema>;

export interface AuthStorage {
  auth: TypedEntry<AuthState>;
  device: TypedEntry<DeviceState>;
  /** The last server URL typed in, kept after sign-out to prefill the form. */
  lastServerUrl: TypedEntry<string>;
}

export function authStorage(local: KeyValueArea): AuthStorage {
  return {
    auth: typedEntry(local, 'auth', authStateSchema),
    device: typedEntry(local, 'device', deviceStateSchema),
    lastServerUrl: typedEntry(local, 'lastServerUrl', z.string()),
  };
}
