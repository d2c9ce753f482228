// The event model (docs/architecture.md): what can happen to a sent email, and how truthful it is.
import { z } from 'zod';

export const EVENT_KINDS = [
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
export const eventKindSchema = z.enum(EVENT_KINDS);
export type EventKind = z.infer<typeof eventKindSchema>;

/** Kinds that a recipient's mail client or browser produces by fetching one of our URLs. */
export const HIT_KINDS = ['open', 'click', 'doc_open', 'doc_pages', 'doc_download'] as const;
export type HitKind = (typeof HIT_KINDS)[number];

export const EVENT_LABELS = ['human', 'self', 'machine'] as const;
export const eventLabelSchema = z.enum(EVENT_LABELS);
export type EventLabel = z.infer<typeof eventLabelSchema>;

/**
 * Why an event got its label. `human` events carry `no-machine-signal` (nothing pointed
 * elsewhere); the others name the rule that fired. Rules and their sources: server/ingest/rules.
 */
export const LABEL_REASONS = [
  'no-machine-signal',
  'sender-device',
  'sender-self-view',
  'gmail-proxy-at-send',
  'apple-mpp',
  'link-scanner-timing',
  'link-scanner-all-links',
  'link-scanner-network',
  'datacenter-network',
  'bot-ua',
] as const;
export const labelReasonSchema = z.enum(LABEL_REASONS);
export type LabelReason = z.infer<typeof labelReasonSchema>;

export interface Classification {
  label: EventLabel;
  reason: LabelReason;
  /** The network the rule recognised (datacenter-network: the cloud or hosting provider). */
  network?: string;
}
