// The words the popup uses for event kinds, for why an event was labelled machine and for counts.
// Exhaustive records: a new kind or reason in src/shared/event-model.ts fails to compile here
// until it has words in every language.
import type { EventKind, LabelReason } from '../../shared/event-model.ts';
import type { StoredFeedEvent } from '../data/feed-db.ts';
import { t, uiLanguage, type MessageKey } from '../data/i18n.ts';

export type CountName = 'open' | 'click' | 'checking' | 'docView' | 'reply' | 'autoReply' | 'bounce' | 'machine' | 'new';
const COUNT_KEYS: Record<CountName, { one: MessageKey; other: MessageKey }> = {
  open: { one: 'popup_count_open_one', other: 'popup_count_open_other' },
  click: { one: 'popup_count_click_one', other: 'popup_count_click_other' },
  checking: { one: 'popup_count_checking_one', other: 'popup_count_checking_other' },
  docView: { one: 'popup_count_docView_one', other: 'popup_count_docView_other' },
  reply: { one: 'popup_count_reply_one', other: 'popup_count_reply_other' },
  autoReply: { one: 'popup_count_autoReply_one', other: 'popup_count_autoReply_other' },
  bounce: { one: 'popup_count_bounce_one', other: 'popup_count_bounce_other' },
  machine: { one: 'popup_count_machine_one', other: 'popup_count_machine_other' },
  new: { one: 'popup_count_new_one', other: 'popup_count_new_other' },
};

/** "1 open", "3 opens", in the browser language's plural rules ("0 ouverture" in French). */
export function countWords(name: CountName, count: number, language: string = uiLanguage()): string {
  const keys = COUNT_KEYS[name];
  const category = new Intl.PluralRules(language).select(count);
  return t(category === 'one' ? keys.one : keys.other, String(count));
}

const KIND_KEYS: Record<EventKind, MessageKey> = {
  open: 'popup_kind_open',
  click: 'popup_kind_click',
  doc_open: 'popup_kind_doc_open',
  doc_pages: 'popup_kind_doc_pages',
  doc_download: 'popup_kind_doc_download',
  reply: 'popup_kind_reply',
  auto_reply: 'popup_kind_auto_reply',
  bounce: 'popup_kind_bounce',
  campaign_step_sent: 'popup_kind_campaign_step_sent',
  campaign_paused: 'popup_kind_campaign_paused',
  campaign_stopped: 'popup_kind_campaign_stopped',
};

const REASON_KEYS: Record<LabelReason, MessageKey> = {
  'no-machine-signal': 'popup_reason_no_machine_signal',
  'sender-device': 'popup_reason_sender_device',
  'sender-self-view': 'popup_reason_sender_self_view',
  'gmail-proxy-at-send': 'popup_reason_gmail_proxy_at_send',
  'apple-mpp': 'popup_reason_apple_mpp',
  'link-scanner-timing': 'popup_reason_link_scanner_timing',
  'link-scanner-all-links': 'popup_reason_link_scanner_all_links',
  'link-scanner-network': 'popup_reason_link_scanner_network',
  'datacenter-network': 'popup_reason_datacenter_network',
  'bot-ua': 'popup_reason_bot_ua',
};

/** "Opened", "Opened again", "Clicked a link", ... */
export function kindWords(event: Pick<StoredFeedEvent, 'kind' | 'repeat'>): string {
  if (event.kind === 'open' && event.repeat) return t('popup_kind_open_repeat');
  return t(KIND_KEYS[event.kind]);
}

/** "Apple Mail Privacy Protection prefetch", ... */
export function reasonWords(reason: LabelReason): string {
  return t(REASON_KEYS[reason]);
}
