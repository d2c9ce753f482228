// The wire of /api/v1/webhooks: what the options page and `glint webhook` send and read. A
// webhook's secret appears only in the answers that create or rotate it, never in a list.
import { z } from 'zod';
import { eventKindSchema, eventLabelSchema } from './event-model.ts';
import { webhookUrlSchema } from './webhook-url.ts';

export { webhookUrlSchema, isLoopbackHost } from './webhook-url.ts';

/** The kinds a webhook may subscribe to: every event kind of the feed. */
export const WEBHOOK_KINDS = [
  'open',
  'click',
  'doc_open',
  'doc_pages',
  'doc_download',
  'reply',
  'auto_reply',
  'bounce',
  'campaign_step_sent',
  'campaign_paused',
  'campaign_stopped',
] as const;

export const webhookCreateSchema = z.object({
  url: webhookUrlSchema,
  kinds: z
    .array(z.enum(WEBHOOK_KINDS, { message: `Each kind must be one of ${WEBHOOK_KINDS.join(', ')}.` }))
    .min(1, 'Choose at least one event kind to deliver.')
    .max(WEBHOOK_KINDS.length),
  description: z.string().trim().max(200, 'The description is longer than 200 characters.').default(''),
});
export type WebhookCreate = z.input<typeof webhookCreateSchema>;

export const WEBHOOK_STATES = ['active', 'paused', 'disabled'] as const;

export const webhookViewSchema = z.object({
  id: z.string(),
  url: z.string(),
  kinds: z.array(eventKindSchema),
  description: z.string(),
  /** active; paused: too many failures in a row; disabled: the receiver answered 410 Gone. */
  state: z.enum(WEBHOOK_STATES),
  stateReason: z.string().nullable(),
  consecutiveFailures: z.number().int(),
  /** While set, requests carry the previous secret's signature too. */
  previousSecretUntil: z.string().nullable(),
  createdAt: z.string(),
});
export type WebhookView = z.infer<typeof webhookViewSchema>;

export const webhookListSchema = z.object({ webhooks: z.array(webhookViewSchema) });

/** The answer to a creation or a rotation: the only time the secret is shown. */
export const webhookWithSecretSchema = z.object({ webhook: webhookViewSchema, secret: z.string() });
export type WebhookWithSecret = z.infer<typeof webhookWithSecretSchema>;

export const deliveryViewSchema = z.object({
  id: z.number().int(),
  /** What the receiver saw as the event id (Glint-Event-Id). */
  messageId: z.string(),
  type: z.enum(['event.created', 'event.relabelled']),
  eventId: z.string(),
  emailToken: z.string(),
  label: eventLabelSchema,
  /** pending: queued, waiting for a retry, or being sent; delivered; failed: given up. */
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  /** The next try of a pending delivery; null once finished. */
  nextAttemptAt: z.string().nullable(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type DeliveryView = z.infer<typeof deliveryViewSchema>;

export const deliveryListSchema = z.object({ deliveries: z.array(deliveryViewSchema) });

export const webhookTestResultSchema = z.object({
  ok: z.boolean(),
  /** The receiver's HTTP status; null when it never answered. */
  status: z.number().int().nullable(),
  /** What went wrong, in words; null when ok. */
  error: z.string().nullable(),
  durationMs: z.number(),
});
export type WebhookTestResult = z.infer<typeof webhookTestResultSchema>;
