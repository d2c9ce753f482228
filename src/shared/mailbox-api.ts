// Wire schemas of /api/v1/mailbox, read by the server (validation, OpenAPI), the CLI and the
// extension's options page. A stored mailbox is shown without its credential: `auth` only says
// which kind is set.
import { z } from 'zod';
import { AUTH_METHODS, mailboxSettingsSchema, serverEndpointSchema } from './mailbox-settings.ts';

/**
 * `waiting` until a mailbox watcher has signed in with these settings, `watching` while one is
 * connected, `paused` when it stopped on purpose (a refused sign-in ...), with the reason.
 */
export const MAILBOX_WATCH_STATUSES = ['waiting', 'watching', 'paused'] as const;
export type MailboxWatchStatus = (typeof MAILBOX_WATCH_STATUSES)[number];

/** Why a connection test failed, as a reason code; the answer's message says it in words. */
export const CONNECTION_FAILURES = ['wrong-credentials', 'tls', 'unreachable', 'timeout', 'capability-missing'] as const;
export type ConnectionFailure = (typeof CONNECTION_FAILURES)[number];

export const mailboxSchema = z.object({
  imap: serverEndpointSchema,
  smtp: serverEndpointSchema,
  username: z.string(),
  auth: z.object({ method: z.enum(AUTH_METHODS), set: z.literal(true).describe('A credential is stored; it is never returned') }),
  watcher: z.object({
    status: z.enum(MAILBOX_WATCH_STATUSES).describe('waiting: no watcher has signed in with these settings yet'),
    pausedReason: z.string().nullable().describe('Why the watcher is paused, for a person'),
    lastReplyAt: z.string().nullable(),
  }),
  lastTest: z
    .object({ at: z.string(), ok: z.boolean(), failure: z.string().nullable(), message: z.string() })
    .nullable()
    .describe('The last test of these settings (POST /api/v1/mailbox/test); null until tested'),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type MailboxView = z.infer<typeof mailboxSchema>;

export const mailboxTestRequestSchema = z.object({
  settings: mailboxSettingsSchema.optional().describe('Settings to try before saving; default: the stored mailbox'),
});

/** One side (IMAP or SMTP) of a connection test: passed, or why not, and a sentence for the rep. */
export const connectionSideResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), message: z.string() }),
  z.object({ ok: z.literal(false), failure: z.enum(CONNECTION_FAILURES), message: z.string() }),
]);
export type ConnectionSideResult = z.infer<typeof connectionSideResultSchema>;

const sides = {
  imap: connectionSideResultSchema.describe('Signed in over IMAP and the server offers IDLE (the watcher waits on it)'),
  smtp: connectionSideResultSchema.describe('Connected over SMTP with the TLS mode set, and signed in (campaigns send through it)'),
  capabilities: z.array(z.string()).describe('What the IMAP server offers; empty when IMAP did not sign in'),
};

/** `ok` only when both sides pass; `failure` is the IMAP side's reason first, else the SMTP side's. */
export const connectionTestResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), message: z.string(), ...sides }),
  z.object({ ok: z.literal(false), failure: z.enum(CONNECTION_FAILURES), message: z.string(), ...sides }),
]);
export type ConnectionTestResult = z.infer<typeof connectionTestResultSchema>;
