// What the document viewer sends to POST /d/{linkToken}/events (sendBeacon or fetch keepalive).
// Page times are cumulative for the visit, so a lost or repeated beacon costs nothing: the server
// keeps the largest value it has seen per page. The viewer imports only the types.
import { z } from 'zod';
import { DOC_MAX_PAGES_PER_BEACON } from './doc-tracking-config.ts';

export const DOC_BEACON_KINDS = ['open', 'pages', 'download'] as const;
export type DocBeaconKind = (typeof DOC_BEACON_KINDS)[number];

/** 128 random bits in base64url, minted by the viewer when it loads. */
export const visitIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'must be a visit id minted by the viewer');

export const pageMillisSchema = z.object({
  page: z.number().int().min(1).max(100_000),
  ms: z.number().int().min(0).max(7 * 86_400_000),
});
export type PageMillis = z.infer<typeof pageMillisSchema>;

export const docBeaconSchema = z.object({
  visitId: visitIdSchema,
  kind: z.enum(DOC_BEACON_KINDS),
  /** Increases with every beacon of a visit; lets the server ignore stale ones. */
  seq: z.number().int().min(0).max(1_000_000),
  /** Cumulative milliseconds on each page since the visit began (pages with time only). */
  pages: z.array(pageMillisSchema).max(DOC_MAX_PAGES_PER_BEACON).default([]),
  /** Sent from pagehide/visibilitychange: the reader left or hid the tab. */
  final: z.boolean().default(false),
});
export type DocBeacon = z.input<typeof docBeaconSchema>;
export type ParsedDocBeacon = z.output<typeof docBeaconSchema>;
