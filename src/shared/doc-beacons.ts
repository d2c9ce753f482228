// What the document viewer sends to POST /d/{linkToken}/events (sendBeacon or fetch keepalive).
// Page times are cumulative for the visit, so a lost or repeated beacon costs nothing: the server
// keeps the largest value it has seen per page. The viewer imports only the types. Strict: a
// stranger can post here, so anything the viewer would not send (unknown keys, a page listed twice
// or out of order, absurd numbers) is refused whole.
import { z } from 'zod';
import { DOC_MAX_PAGES_PER_BEACON, DOC_VISIT_MAX_MS } from './doc-tracking-config.ts';

/**
 * 'download' is accepted from viewers loaded before the server counted downloads itself (GET
 * /d/:token/original); it records nothing beyond the visit's doc_open. Current viewers never send it.
 */
export const DOC_BEACON_KINDS = ['open', 'pages', 'download'] as const;
export type DocBeaconKind = (typeof DOC_BEACON_KINDS)[number];

/** 128 random bits in base64url, minted by the viewer when it loads. */
export const visitIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'must be a visit id minted by the viewer');

export const pageMillisSchema = z.strictObject({
  page: z.number().int().min(1).max(100_000),
  /** A visit takes beacons for DOC_VISIT_MAX_MS; twice that leaves room for clocks, not for fiction. */
  ms: z
    .number()
    .int()
    .min(0)
    .max(2 * DOC_VISIT_MAX_MS),
});
export type PageMillis = z.infer<typeof pageMillisSchema>;

const ascending = (pages: readonly PageMillis[]): boolean =>
  pages.every((entry, index) => index === 0 || entry.page > (pages[index - 1]?.page ?? 0));

export const docBeaconSchema = z.strictObject({
  visitId: visitIdSchema,
  kind: z.enum(DOC_BEACON_KINDS),
  /** Increases with every beacon of a visit; lets the server ignore stale ones. */
  seq: z.number().int().min(0).max(1_000_000),
  /** Cumulative milliseconds on each page since the visit began (pages with time only). */
  pages: z
    .array(pageMillisSchema)
    .max(DOC_MAX_PAGES_PER_BEACON)
    .refine(ascending, 'must list each page once, in ascending order')
    .default([]),
  /** Sent from pagehide/visibilitychange: the reader left or hid the tab. */
  final: z.boolean().default(false),
});
export type DocBeacon = z.input<typeof docBeaconSchema>;
export type ParsedDocBeacon = z.output<typeof docBeaconSchema>;
