// The server's side of a rep's mailbox settings: what a person may see of them, and the
// credential apart. The wire schemas and presets live in src/shared/mailbox-settings.ts
// (re-exported here, so server code imports them from one place).
import { z } from 'zod';
import {
  AUTH_METHODS,
  serverEndpointSchema,
  type AuthMethod,
  type MailboxAuth,
  type MailboxSettings,
  type ServerEndpoint,
} from '../../shared/mailbox-settings.ts';

export {
  AUTH_METHODS,
  MAILBOX_PRESETS,
  TLS_MODES,
  isLoopbackHost,
  isPresetName,
  mailboxAuthSchema,
  mailboxSaveSchema,
  mailboxSettingsSchema,
  serverEndpointSchema,
} from '../../shared/mailbox-settings.ts';
export type {
  AuthMethod,
  MailboxAuth,
  MailboxPreset,
  MailboxPresetName,
  MailboxSaveSettings,
  MailboxSettings,
  ServerEndpoint,
  TlsMode,
} from '../../shared/mailbox-settings.ts';

/** The settings a person may see: everything but the secret, which is only said to be set. */
export interface PublicMailboxSettings {
  imap: ServerEndpoint;
  smtp: ServerEndpoint;
  username: string;
  auth: { method: AuthMethod; set: true };
}

export const publicMailboxSettingsSchema = z.object({
  imap: serverEndpointSchema,
  smtp: serverEndpointSchema,
  username: z.string(),
  auth: z.object({ method: z.enum(AUTH_METHODS), set: z.literal(true) }),
});

export function withoutSecret(settings: MailboxSettings): PublicMailboxSettings {
  return { imap: settings.imap, smtp: settings.smtp, username: settings.username, auth: { method: settings.auth.method, set: true } };
}

/** The credential alone, the one thing sealed at rest. */
export const secretOf = (auth: MailboxAuth): string => (auth.method === 'password' ? auth.password : auth.accessToken);

/** The credential back from its plain secret and method. */
export const authFrom = (method: AuthMethod, secret: string): MailboxAuth =>
  method === 'password' ? { method, password: secret } : { method, accessToken: secret };
