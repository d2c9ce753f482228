// Wire schemas of the HTTP API, shared by the server (validation, OpenAPI) and its clients
// (extension, CLI). Everything that crosses the network is described here once.
import { z } from 'zod';
import { cleanDisplayText } from './display-text.ts';
import { eventKindSchema, eventLabelSchema, labelReasonSchema } from './event-model.ts';
import { idSchema } from './ids.ts';
import { isSafeDestination } from './tracking-urls.ts';

const emailAddress = z.string().trim().toLowerCase().email({ message: 'must be an email address' }).max(320);

export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string().describe('Stable machine-readable code, e.g. "validation_failed"'),
    message: z.string().describe('What went wrong, for a person'),
    details: z.unknown().optional(),
  }),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

export const signInRequestSchema = z.object({
  email: emailAddress,
  password: z.string().min(1, 'password is required').max(1024),
});
export type SignInRequest = z.infer<typeof signInRequestSchema>;

export const signingKeySchema = z.object({ kid: idSchema('signingKey'), secret: z.string() });

export const userSchema = z.object({
  id: idSchema('user'),
  email: z.string(),
  teamId: idSchema('team'),
  teamName: z.string(),
  plan: z.string(),
});
export type UserInfo = z.infer<typeof userSchema>;

export const signInResponseSchema = z.object({
  apiToken: z.string().describe('Bearer token for every other API call'),
  user: userSchema,
  signingKey: signingKeySchema.describe('Signs tracked links in the browser at send time'),
  trackingBaseUrl: z.string().url().describe('Base of pixel and click URLs (PUBLIC_URL): may be another origin than the API'),
});
export type SignInResponse = z.infer<typeof signInResponseSchema>;

export const deviceRegistrationSchema = z.object({
  deviceId: idSchema('device'),
  name: z.string().trim().min(1).max(100),
});
export type DeviceRegistration = z.infer<typeof deviceRegistrationSchema>;

export const deviceSchema = z.object({
  deviceId: idSchema('device'),
  name: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string().nullable(),
});
export type DeviceInfo = z.infer<typeof deviceSchema>;

const messageIdSchema = z.string().trim().min(3).max(998);

export const trackedLinkSchema = z.object({
  index: z.number().int().min(0).max(9999),
  // Only http(s) links are ever tracked; a javascript: or data: URL here could only be a trap for
  // whatever later renders the email's links.
  url: z.string().max(8192).refine(isSafeDestination, 'must be an http(s) URL'),
});

export const emailRegistrationSchema = z.object({
  token: idSchema('emailToken'),
  subject: z.string().max(998).default('').transform(cleanDisplayText),
  to: z.array(emailAddress).max(500).default([]),
  cc: z.array(emailAddress).max(500).default([]),
  bcc: z.array(emailAddress).max(500).default([]),
  sentAt: z.iso.datetime({ offset: true }).optional().describe('When the email was sent; defaults to now'),
  gmailThreadId: z.string().max(64).optional(),
  gmailMessageId: z.string().max(64).optional(),
  rfcMessageId: messageIdSchema.optional(),
  openTracking: z.boolean().default(true),
  clickTracking: z.boolean().default(true),
  links: z.array(trackedLinkSchema).max(1000).default([]),
});
export type EmailRegistration = z.input<typeof emailRegistrationSchema>;

export const emailIdsUpdateSchema = z.object({
  gmailThreadId: z.string().max(64).optional(),
  gmailMessageId: z.string().max(64).optional(),
  rfcMessageId: messageIdSchema.optional(),
});

export const emailSummarySchema = z.object({
  token: idSchema('emailToken'),
  subject: z.string(),
  to: z.array(z.string()),
  cc: z.array(z.string()),
  sentAt: z.string(),
  gmailThreadId: z.string().nullable(),
});
export type EmailSummary = z.infer<typeof emailSummarySchema>;

export const feedEventSchema = z.object({
  id: idSchema('event'),
  cursor: z.string().describe('Position in the feed; an event re-delivered after relabelling gets a new one'),
  kind: eventKindSchema,
  label: eventLabelSchema,
  reason: labelReasonSchema,
  at: z.string().describe('ISO 8601 time of the hit'),
  repeat: z.boolean().describe('An open of the same email by the same reader shortly before: do not notify again'),
  email: emailSummarySchema,
  linkIndex: z.number().int().nullable(),
  url: z.string().nullable().describe('Destination of a click'),
  userAgent: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
  checkingUntil: z
    .string()
    .nullable()
    .optional()
    .describe(
      "A person's click that a link sweep may still turn machine: ISO 8601 time (server clock) until which it is checking; null when decided",
    ),
});
export type FeedEvent = z.infer<typeof feedEventSchema>;

/** Feed cursors are opaque (sealed by the server, bound to their user); bare numbers of older clients are still read. */
export const FEED_CURSOR_PATTERN = /^(\d{1,30}|v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{1,200}\.[A-Za-z0-9_-]{22})$/;
const feedCursor = z.string().regex(FEED_CURSOR_PATTERN, 'must be a cursor the feed returned');

export const feedQuerySchema = z.object({
  cursor: feedCursor.describe('A cursor the feed returned to this user').optional(),
  before: feedCursor.describe('An event cursor the feed returned to this user: the page before it').optional(),
  wait: z.coerce.number().min(0).max(60).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  includeMachine: z
    .enum(['true', 'false'])
    .default('true')
    .describe('false: leave out machine events (on ?cursor=, an event relabelled machine after delivery still comes once)')
    .transform((value) => value === 'true'),
});

export const feedResponseSchema = z.object({
  events: z.array(feedEventSchema),
  cursor: z.string().describe('Pass back as ?cursor= to receive what happens next'),
  hasMore: z.boolean(),
});
export type FeedResponse = z.infer<typeof feedResponseSchema>;
