// The wire of /api/v1/salesforce: what the options page and `glint salesforce` send and read.
// Tokens never appear here: the refresh token stays sealed on the server.
import { z } from 'zod';

/** What a team may log besides replies (one Task per email, kind and day, with counts). */
export const SALESFORCE_ENGAGEMENT_KINDS = ['open', 'click', 'doc_open'] as const;
export type SalesforceEngagementKind = (typeof SALESFORCE_ENGAGEMENT_KINDS)[number];

export const salesforceSettingsSchema = z.object({
  engagement: z
    .array(
      z.enum(SALESFORCE_ENGAGEMENT_KINDS, { message: `Each engagement kind must be one of ${SALESFORCE_ENGAGEMENT_KINDS.join(', ')}.` }),
    )
    .max(SALESFORCE_ENGAGEMENT_KINDS.length),
  createLeads: z.boolean({ message: 'createLeads must be true or false.' }),
});
export type SalesforceSettings = z.infer<typeof salesforceSettingsSchema>;

export const salesforceConnectionSchema = z.object({
  instanceUrl: z.string(),
  /** Who signed in to Salesforce: "user name (organisation id)", null when not known. */
  account: z.string().nullable(),
  /** active; paused: Salesforce refused the refresh token (connect again), or too many failures in a row. */
  state: z.enum(['active', 'paused', 'disabled']),
  stateReason: z.string().nullable(),
  consecutiveFailures: z.number().int(),
  engagement: z.array(z.enum(SALESFORCE_ENGAGEMENT_KINDS)),
  createLeads: z.boolean(),
  connectedAt: z.string(),
  /** Deliveries waiting (queued, retrying, or held while paused). */
  pending: z.number().int(),
});
export type SalesforceConnectionView = z.infer<typeof salesforceConnectionSchema>;

export const salesforceStatusSchema = z.object({
  /** Whether the server has a connected app (SALESFORCE_CLIENT_ID). */
  configured: z.boolean(),
  connection: salesforceConnectionSchema.nullable(),
});
export type SalesforceStatus = z.infer<typeof salesforceStatusSchema>;

export const salesforceConnectStartSchema = z.object({
  /** Open this in a browser to sign in to Salesforce and allow Glint; valid once, until expiresAt. */
  authorizeUrl: z.string(),
  expiresAt: z.string(),
});
export type SalesforceConnectStart = z.infer<typeof salesforceConnectStartSchema>;

export const salesforceSkipSchema = z.object({
  address: z.string(),
  lastKind: z.string(),
  times: z.number().int(),
  firstAt: z.string(),
  lastAt: z.string(),
});
export type SalesforceSkipView = z.infer<typeof salesforceSkipSchema>;

export const salesforceSkipListSchema = z.object({ skipped: z.array(salesforceSkipSchema) });
export type SalesforceSkipList = z.infer<typeof salesforceSkipListSchema>;
