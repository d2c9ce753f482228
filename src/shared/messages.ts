// Typed extension messages (bitwarden style): each message name is tied to its request and
// response types at compile time, requests are validated with zod where they arrive (the
// service worker), errors cross the boundary as data and come back as MessageError.
// Pure TypeScript: the chrome.runtime plumbing lives in extension/data/messaging.ts (client)
// and extension/background/router.ts (handler).
import { z } from 'zod';
import type { Campaign, CampaignDetail, Enrolment } from './campaign-api.ts';
import { campaignInputSchema, ENROLMENT_ACTIONS } from './campaign-api.ts';
import { emailIdsUpdateSchema, emailRegistrationSchema, userSchema, type DeviceInfo } from './api-schemas.ts';
import type { ConversionFailureCode } from './conversion-failure-codes.ts';
import { idSchema } from './ids.ts';
import type { SigningKey } from './link-signing.ts';
import type { ConnectionTestResult, MailboxView, MailboxWatchStatus } from './mailbox-api.ts';
import { TLS_MODES } from './mailbox-settings.ts';
import type { TeamNetworksResponse, TeamNetworkView } from './team-networks-api.ts';
import type { DeliveryView, WebhookTestResult, WebhookView, WebhookWithSecret } from './webhook-api.ts';
import { WEBHOOK_KINDS } from './webhook-api.ts';
import {
  SALESFORCE_ENGAGEMENT_KINDS,
  type SalesforceConnectStart,
  type SalesforceSkipList,
  type SalesforceStatus,
} from './salesforce-api.ts';

/** Where the feed sync stands: the popup's banner, the options page and the worker share these. */
export const SYNC_STATUSES = ['ok', 'offline', 'server-error', 'signed-out'] as const;
export type SyncStatus = (typeof SYNC_STATUSES)[number];
export const syncStatusSchema = z.enum(SYNC_STATUSES);

export const authStatusSchema = z.object({
  signedIn: z.boolean(),
  /** Last server URL used, kept after sign-out so the options page can prefill it. */
  serverUrl: z.string().nullable(),
  user: userSchema.nullable(),
  deviceId: z.string(),
  deviceName: z.string(),
  syncStatus: syncStatusSchema,
  lastError: z.string().nullable(),
  /**
   * The origin of the tracking URLs when it is not the server's (PUBLIC_URL elsewhere), and
   * whether Chrome lets the extension mark the rep's own requests there; null when the same.
   */
  trackingAccess: z.object({ origin: z.string(), allowed: z.boolean() }).nullable(),
});
export type AuthStatus = z.infer<typeof authStatusSchema>;

const empty = z.object({}).strict();
const emailToken = idSchema('emailToken');

/**
 * Mailbox settings as the options page's form gives them: only their shape is checked here, so
 * the server's validation (mailboxSettingsSchema) says what is wrong, in its own sentence.
 */
const mailboxEndpointDraft = z.object({ host: z.string().max(300), port: z.number().int().min(0).max(99_999), tls: z.enum(TLS_MODES) });
const mailboxSettingsDraft = z.object({
  imap: mailboxEndpointDraft,
  smtp: mailboxEndpointDraft,
  username: z.string().max(400),
  auth: z.object({ method: z.literal('password'), password: z.string().max(1024) }),
});
export type MailboxSettingsDraft = z.infer<typeof mailboxSettingsDraft>;
/** A save may leave the password out: the server keeps the stored one (same account and hosts). */
const mailboxSaveDraft = mailboxSettingsDraft.extend({ auth: mailboxSettingsDraft.shape.auth.optional() });
export type MailboxSaveDraft = z.infer<typeof mailboxSaveDraft>;

/** Why an email went out untracked (compose.reportFailure), for the options page. */
export const SEND_FAILURE_REASONS = [
  'signed-out',
  'no-context',
  'instrument-error',
  'registration-failed',
  'rejected',
  // The email went out tracked, but its follow-up campaign could not enrol it.
  'enrolment-refused',
] as const;
export type SendFailureReason = (typeof SEND_FAILURE_REASONS)[number];

/** What a compose needs to instrument at send without waiting for anything. */
export type ComposeContext =
  | { signedIn: false }
  | {
      signedIn: true;
      userEmail: string;
      /** The server's public base URL for pixel and click URLs. */
      trackingBaseUrl: string;
      signingKey: SigningKey;
      tracking: { opens: boolean; clicks: boolean };
      excludedDomains: string[];
    };

/** A document of the rep's library as the picker shows it. */
export interface PickerDocument {
  id: string;
  name: string;
  /** Null while a Word or PowerPoint file still converts. */
  pageCount: number | null;
  status: 'converting' | 'ready' | 'failed';
  /** Why its conversion failed (null: not failed, or failed before codes: the generic sentence). */
  failureCode: ConversionFailureCode | null;
  /** The rep owns it (only then may they remove it). */
  mine: boolean;
  sizeBytes: number | null;
  createdAt: string | null;
}

/** A tracked viewer link of one document for one email. */
export interface PickerLink {
  documentId: string;
  url: string;
}

/** Who may send a message: pages of the extension itself, or also its content scripts. */
export type SenderKind = 'extension-page' | 'content-script';

/** Request schemas and allowed senders; the map below derives its request types from these. */
export const MESSAGE_DEFINITIONS = {
  'auth.status': { request: empty, senders: ['extension-page', 'content-script'] },
  'auth.signIn': {
    request: z.object({
      serverUrl: z.string().trim().min(1).max(2048),
      email: z.string().trim().min(1).max(320),
      password: z.string().min(1).max(1024),
    }),
    senders: ['extension-page'],
  },
  'auth.signOut': { request: empty, senders: ['extension-page'] },
  'devices.list': { request: empty, senders: ['extension-page'] },
  'devices.renameThis': { request: z.object({ name: z.string().trim().min(1).max(100) }), senders: ['extension-page'] },
  'feed.syncNow': { request: empty, senders: ['extension-page'] },
  'feed.markAllRead': { request: empty, senders: ['extension-page'] },
  'feed.markEmailRead': { request: z.object({ emailToken }), senders: ['extension-page'] },
  'feed.openEmail': { request: z.object({ emailToken }), senders: ['extension-page'] },
  // Gmail compose: the content script and the picker frame.
  'compose.context': { request: empty, senders: ['content-script'] },
  'compose.reportFailure': {
    request: z.object({ reason: z.enum(SEND_FAILURE_REASONS), detail: z.string().max(500), subject: z.string().max(200).optional() }),
    senders: ['content-script'],
  },
  'outbox.register': { request: emailRegistrationSchema, senders: ['content-script'] },
  'outbox.updateIds': { request: emailIdsUpdateSchema.extend({ token: emailToken }), senders: ['content-script'] },
  'selfView.report': {
    request: z.object({ tokens: z.array(emailToken).min(1).max(20), sentByMe: z.boolean() }),
    senders: ['content-script'],
  },
  'documents.search': { request: z.object({ query: z.string().max(200).default('') }), senders: ['extension-page'] },
  'documents.createLink': {
    request: z.object({ documentId: idSchema('document'), emailToken }),
    senders: ['extension-page'],
  },
  // Only the owner's failed documents offer it (the server refuses anyone else's).
  'documents.remove': { request: z.object({ documentId: idSchema('document') }), senders: ['extension-page'] },
  // The options page's Mailbox section: reply tracking's connection on the server.
  'mailbox.get': { request: empty, senders: ['extension-page'] },
  'mailbox.save': { request: z.object({ settings: mailboxSaveDraft }), senders: ['extension-page'] },
  'mailbox.test': { request: z.object({ settings: mailboxSettingsDraft.optional() }), senders: ['extension-page'] },
  'mailbox.disconnect': { request: empty, senders: ['extension-page'] },
  // Reads the watcher's state now (the popup's banner is otherwise refreshed every few minutes).
  'mailbox.checkWatch': { request: empty, senders: ['extension-page'] },
  // The options page's Team networks section: the team's own networks, judged on other signals.
  // Only the shape is checked here; the server says in its own sentence what is wrong with a CIDR.
  'teamNetworks.list': { request: empty, senders: ['extension-page'] },
  'teamNetworks.add': {
    request: z.object({ cidr: z.string().max(200), label: z.string().max(200).optional() }),
    senders: ['extension-page'],
  },
  'teamNetworks.remove': { request: z.object({ cidr: z.string().min(1).max(200) }), senders: ['extension-page'] },
  // The options page's Webhooks section: the team's endpoints on the server (the server checks the URL).
  'webhooks.list': { request: empty, senders: ['extension-page'] },
  'webhooks.add': {
    request: z.object({ url: z.string().max(2000), kinds: z.array(z.enum(WEBHOOK_KINDS)).max(20), description: z.string().max(200) }),
    senders: ['extension-page'],
  },
  'webhooks.test': { request: z.object({ id: idSchema('webhook') }), senders: ['extension-page'] },
  'webhooks.remove': { request: z.object({ id: idSchema('webhook') }), senders: ['extension-page'] },
  'webhooks.resume': { request: z.object({ id: idSchema('webhook') }), senders: ['extension-page'] },
  'webhooks.deliveries': { request: z.object({ id: idSchema('webhook') }), senders: ['extension-page'] },
  // Campaigns: the compose's Follow up control lists them; the campaigns page edits them.
  'campaigns.list': { request: empty, senders: ['extension-page', 'content-script'] },
  'campaigns.get': { request: z.object({ campaignId: idSchema('campaign') }), senders: ['extension-page'] },
  'campaigns.create': { request: z.object({ campaign: campaignInputSchema }), senders: ['extension-page'] },
  'campaigns.update': {
    request: z.object({ campaignId: idSchema('campaign'), campaign: campaignInputSchema }),
    senders: ['extension-page'],
  },
  'campaigns.enrolmentAction': {
    request: z.object({ enrolmentId: idSchema('enrolment'), action: z.enum(ENROLMENT_ACTIONS) }),
    senders: ['extension-page'],
  },
  // After the send: the email's To recipients are enrolled once the outbox has registered it.
  'outbox.enrol': { request: z.object({ token: emailToken, campaignId: idSchema('campaign') }), senders: ['content-script'] },
  // The options page's Salesforce section: the team's connection (the server holds the tokens).
  'salesforce.status': { request: empty, senders: ['extension-page'] },
  'salesforce.connect': { request: empty, senders: ['extension-page'] },
  'salesforce.settings': {
    request: z.object({ engagement: z.array(z.enum(SALESFORCE_ENGAGEMENT_KINDS)).max(3), createLeads: z.boolean() }),
    senders: ['extension-page'],
  },
  'salesforce.skipped': { request: empty, senders: ['extension-page'] },
  'salesforce.disconnect': { request: empty, senders: ['extension-page'] },
} as const satisfies Record<string, { request: z.ZodType; senders: readonly SenderKind[] }>;

export type MessageName = keyof typeof MESSAGE_DEFINITIONS;

interface Responses {
  'auth.status': AuthStatus;
  'auth.signIn': AuthStatus;
  'auth.signOut': AuthStatus;
  'devices.list': { thisDeviceId: string; devices: DeviceInfo[] };
  'devices.renameThis': AuthStatus;
  'feed.syncNow': AuthStatus;
  'feed.markAllRead': { unread: number };
  'feed.markEmailRead': { unread: number };
  'feed.openEmail': { opened: boolean };
  'compose.context': ComposeContext;
  'compose.reportFailure': { recorded: true };
  'outbox.register': { queued: true };
  'outbox.updateIds': { queued: true };
  'selfView.report': { mine: string[] };
  'documents.search': { documents: PickerDocument[] };
  'documents.createLink': PickerLink;
  'documents.remove': { removed: true };
  /** null: no mailbox is connected. */
  'mailbox.get': { mailbox: MailboxView | null };
  'mailbox.save': { mailbox: MailboxView };
  'mailbox.test': ConnectionTestResult;
  'mailbox.disconnect': { disconnected: true };
  /** null: signed out or no mailbox. */
  'mailbox.checkWatch': { watch: { status: MailboxWatchStatus; pausedReason: string | null } | null };
  'teamNetworks.list': TeamNetworksResponse;
  'teamNetworks.add': { network: TeamNetworkView };
  'teamNetworks.remove': { removed: true };
  'webhooks.list': { webhooks: WebhookView[] };
  /** The secret is in this answer only. */
  'webhooks.add': WebhookWithSecret;
  'webhooks.test': WebhookTestResult;
  'webhooks.remove': { removed: true };
  'webhooks.resume': { webhook: WebhookView };
  'webhooks.deliveries': { deliveries: DeliveryView[] };
  'campaigns.list': { campaigns: Campaign[] };
  'campaigns.get': CampaignDetail;
  'campaigns.create': Campaign;
  'campaigns.update': Campaign;
  'campaigns.enrolmentAction': Enrolment;
  'outbox.enrol': { queued: true };
  'salesforce.status': SalesforceStatus;
  /** Open authorizeUrl in a tab: signing in to Salesforce there connects the team. */
  'salesforce.connect': SalesforceConnectStart;
  'salesforce.settings': SalesforceStatus;
  'salesforce.skipped': SalesforceSkipList;
  'salesforce.disconnect': { disconnected: true };
}

/** The map: name -> { request, response }. */
export type MessageMap = {
  [N in MessageName]: { request: z.input<(typeof MESSAGE_DEFINITIONS)[N]['request']>; response: Responses[N] };
};
export type MessageRequest<N extends MessageName> = MessageMap[N]['request'];
export type MessageResponse<N extends MessageName> = MessageMap[N]['response'];

/** The one typed actions interface: implemented by the background, faked in UI tests. */
export type GlintActions = <N extends MessageName>(name: N, request: MessageRequest<N>) => Promise<MessageResponse<N>>;

export const MESSAGE_ERROR_CODES = [
  'invalid-request',
  'unknown-message',
  'forbidden-sender',
  'insecure-server-url',
  'permission-denied',
  'server-unreachable',
  'not-a-glint-server',
  'wrong-password',
  'too-many-attempts',
  'plan-required',
  'signed-out',
  'server-error',
  'internal',
] as const;
export type MessageErrorCode = (typeof MESSAGE_ERROR_CODES)[number];

export interface SerializedError {
  code: MessageErrorCode;
  message: string;
}

/** An error with a stable code; the UI maps the code to a translated message. */
export class MessageError extends Error {
  readonly code: MessageErrorCode;
  constructor(code: MessageErrorCode, message: string) {
    super(message);
    this.name = 'MessageError';
    this.code = code;
  }
}

export interface MessageEnvelope<N extends MessageName = MessageName> {
  glint: 1;
  name: N;
  request: MessageRequest<N>;
}

export type MessageResult<T> = { ok: true; value: T } | { ok: false; error: SerializedError };

export function serializeError(error: unknown): SerializedError {
  if (error instanceof MessageError) return { code: error.code, message: error.message };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

const resultSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.enum(MESSAGE_ERROR_CODES), message: z.string() }) }),
]);

/** Turns what came back over the boundary into the value, or throws the MessageError. */
export function unwrapResult<T>(raw: unknown): T {
  const parsed = resultSchema.safeParse(raw);
  if (!parsed.success) throw new MessageError('internal', 'The Glint background did not answer');
  if (!parsed.data.ok) throw new MessageError(parsed.data.error.code, parsed.data.error.message);
  return parsed.data.value as T;
}

export function isMessageName(name: unknown): name is MessageName {
  return typeof name === 'string' && Object.hasOwn(MESSAGE_DEFINITIONS, name);
}
