// The settings of a rep's mailbox connection: IMAP (watched for replies) and SMTP (kept for the
// campaigns that will send), a username and one credential, an app password or an OAuth2 access
// token (XOAUTH2), and the presets of the big providers. Pure zod, shared by the server (the API,
// the CLI), and the extension's options page.
import { z } from 'zod';

export const TLS_MODES = ['tls', 'starttls', 'none'] as const;
export type TlsMode = (typeof TLS_MODES)[number];

const host = z
  .string()
  .trim()
  .min(1, 'host is required')
  .max(253)
  .regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.:-]+)$/, 'must be a host name or an IP address');

export const serverEndpointSchema = z.object({
  host,
  port: z.number().int().min(1, 'port must be between 1 and 65535').max(65535, 'port must be between 1 and 65535'),
  tls: z.enum(TLS_MODES, { message: "tls must be 'tls', 'starttls' or 'none'" }),
});
export type ServerEndpoint = z.infer<typeof serverEndpointSchema>;

export const AUTH_METHODS = ['password', 'oauth2'] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];

export const mailboxAuthSchema = z.discriminatedUnion(
  'method',
  [
    z.object({ method: z.literal('password'), password: z.string().min(1, 'password is required').max(1024) }),
    z.object({ method: z.literal('oauth2'), accessToken: z.string().min(1, 'accessToken is required').max(8192) }),
  ],
  { message: "auth.method must be 'password' or 'oauth2'" },
);
export type MailboxAuth = z.infer<typeof mailboxAuthSchema>;

/** localhost and the loopback addresses: the only places a connection may skip TLS. */
export function isLoopbackHost(name: string): boolean {
  const bare = name.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

const CLEAR_TEXT_REFUSED =
  "tls 'none' is only allowed for a server on this machine (localhost, 127.0.0.1, ::1): anywhere else the password " +
  "would travel in clear text; use 'tls' or 'starttls'";

/** Clear text only to this machine: checked on every shape of the settings. */
function refuseClearTextAbroad(settings: { imap: ServerEndpoint; smtp: ServerEndpoint }, context: z.RefinementCtx): void {
  for (const side of ['imap', 'smtp'] as const) {
    const endpoint = settings[side];
    if (endpoint.tls === 'none' && !isLoopbackHost(endpoint.host)) {
      context.addIssue({ code: 'custom', path: [side, 'tls'], message: CLEAR_TEXT_REFUSED });
    }
  }
}

const settingsFields = {
  imap: serverEndpointSchema,
  smtp: serverEndpointSchema,
  username: z.string().trim().min(1, 'username is required').max(320),
};

/** Complete settings, credential included: what connects (a test, the CLI, the watcher). */
export const mailboxSettingsSchema = z.object({ ...settingsFields, auth: mailboxAuthSchema }).superRefine(refuseClearTextAbroad);
export type MailboxSettings = z.infer<typeof mailboxSettingsSchema>;

/**
 * What PUT /api/v1/mailbox takes: without `auth` the stored credential is kept, as long as the
 * username and the servers it goes to stay the same (the server checks that).
 */
export const mailboxSaveSchema = z
  .object({ ...settingsFields, auth: mailboxAuthSchema.optional().describe('Omit to keep the stored credential') })
  .superRefine(refuseClearTextAbroad);
export type MailboxSaveSettings = z.infer<typeof mailboxSaveSchema>;

export interface MailboxPreset {
  label: string;
  imap: ServerEndpoint;
  smtp: ServerEndpoint;
}

export const MAILBOX_PRESETS = {
  gmail: {
    label: 'Gmail',
    imap: { host: 'imap.gmail.com', port: 993, tls: 'tls' },
    smtp: { host: 'smtp.gmail.com', port: 465, tls: 'tls' },
  },
  microsoft365: {
    label: 'Microsoft 365',
    imap: { host: 'outlook.office365.com', port: 993, tls: 'tls' },
    smtp: { host: 'smtp.office365.com', port: 587, tls: 'starttls' },
  },
} as const satisfies Record<string, MailboxPreset>;
export type MailboxPresetName = keyof typeof MAILBOX_PRESETS;

export const isPresetName = (name: string): name is MailboxPresetName => Object.hasOwn(MAILBOX_PRESETS, name);
