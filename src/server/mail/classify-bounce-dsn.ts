// Delivery status notifications (RFC 3464): a multipart/report whose message/delivery-status part
// has one block of fields per recipient. A recipient with `Action: failed` bounced; `delayed`,
// `delivered`, `relayed` and `expanded` did not, so a delay warning is not a bounce. A block
// without an Action falls back on its Status class (5.x.x failed, 4.x.x delayed).
import { addressesIn } from './message-ids.ts';
import type { ParsedMessage } from './message-types.ts';

export type DsnVerdict =
  /** Recipient blocks were read and at least one failed. */
  | { failed: true; recipients: string[] }
  /** Recipient blocks were read and none failed (a delay or success notice). */
  | { failed: false }
  /** Not a DSN, or one without readable recipient blocks. */
  | null;

const STATUS_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status']);

/** Blocks of `Name: value` fields separated by blank lines, continuation lines unfolded. */
function fieldBlocks(text: string): Map<string, string>[] {
  const blocks: Map<string, string>[] = [];
  let current = new Map<string, string>();
  let last: string | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') {
      if (current.size > 0) blocks.push(current);
      current = new Map();
      last = null;
      continue;
    }
    if (/^[ \t]/.test(line) && last !== null) {
      current.set(last, `${current.get(last) ?? ''} ${line.trim()}`);
      continue;
    }
    const field = /^([A-Za-z][A-Za-z0-9-]*)\s*:\s*(.*)$/.exec(line);
    if (!field) continue;
    last = (field[1] ?? '').toLowerCase();
    if (!current.has(last)) current.set(last, (field[2] ?? '').trim());
  }
  if (current.size > 0) blocks.push(current);
  return blocks;
}

function recipientOf(block: Map<string, string>): string | null {
  for (const name of ['final-recipient', 'original-recipient', 'x-actual-recipient']) {
    const value = block.get(name);
    if (value === undefined) continue;
    const address = addressesIn(value.includes(';') ? value.slice(value.indexOf(';') + 1) : value)[0];
    if (address) return address;
  }
  return null;
}

function hasFailed(block: Map<string, string>): boolean | null {
  const action = block.get('action')?.toLowerCase().trim();
  if (action) return action.startsWith('failed');
  const status = block.get('status')?.trim();
  if (status?.startsWith('5')) return true;
  if (status?.startsWith('4') || status?.startsWith('2')) return false;
  return null;
}

function statusTexts(message: ParsedMessage): string[] {
  const parts = message.parts.filter((part) => STATUS_TYPES.has(part.contentType)).map((part) => part.text);
  if (parts.length > 0) return parts;
  // Some servers send the report as multipart/report but put the fields in the text.
  return message.reportType === 'delivery-status' ? [message.text] : [];
}

export function readDsn(message: ParsedMessage): DsnVerdict {
  const failed = new Set<string>();
  let recipientBlocks = 0;
  for (const text of statusTexts(message)) {
    for (const block of fieldBlocks(text)) {
      const recipient = recipientOf(block);
      const outcome = hasFailed(block);
      if (recipient === null || outcome === null) continue;
      recipientBlocks += 1;
      if (outcome) failed.add(recipient);
    }
  }
  if (recipientBlocks === 0) return null;
  return failed.size > 0 ? { failed: true, recipients: [...failed] } : { failed: false };
}

/**
 * Failed recipients of a report forwarded inside a message/rfc822 part (a gateway that wraps the
 * DSN it received in its own notice). A plain returned copy has no recipient blocks: nothing.
 */
export function failedInAttachedReports(message: ParsedMessage): string[] {
  const failed = new Set<string>();
  for (const part of message.parts) {
    if (part.contentType !== 'message/rfc822' || !/^content-type:\s*message\/delivery-status/im.test(part.text)) continue;
    for (const block of fieldBlocks(part.text)) {
      const recipient = recipientOf(block);
      if (recipient !== null && hasFailed(block) === true) failed.add(recipient);
    }
  }
  return [...failed];
}
