// `glint feed --token T [--cursor C] [--wait S] [--json]`: prints the caller's events.
// JSON: one object {events, cursor, hasMore}. Lines: time, kind, label (reason), subject, extra
// (a click's destination and whether it is still checking for a link sweep; a reply's sender and
// first lines, a return day, failed addresses; a campaign's step, pause or stop).
import type { Command } from 'commander';
import { FEED_CURSOR_PATTERN, type FeedEvent } from '../../shared/api-schemas.ts';
import { parseAutoReplyDetails, parseBounceDetails, parseReplyDetails } from '../../shared/event-details.ts';
import { ApiClient, VERBOSE_HELP } from './api-client.ts';
import { campaignExtra } from './campaign-feed-words.ts';
import { action, UsageError } from './cli-errors.ts';
import { printable } from './printable.ts';

interface FeedOptions {
  token?: string;
  server?: string;
  cursor?: string;
  before?: string;
  wait?: string;
  limit?: string;
  machine: boolean;
  json?: boolean;
}

function integer(name: string, value: string | undefined, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) > max) throw new UsageError(`${name} must be a whole number up to ${max}`);
  return Number(value);
}

const ROLE_WORDS = { to: 'recipient', cc: 'CC', other: 'other address' } as const;

/** Who answered and what, the return day, or the failed addresses: what the popup shows of mail events. */
function mailExtra(event: FeedEvent): string {
  if (event.kind === 'reply') {
    const reply = parseReplyDetails(event.details);
    return reply ? `from ${printable(reply.from)} (${ROLE_WORDS[reply.senderRole]}): ${printable(JSON.stringify(reply.firstLines))}` : '';
  }
  if (event.kind === 'auto_reply') {
    const away = parseAutoReplyDetails(event.details);
    return away ? `from ${printable(away.from)} (${ROLE_WORDS[away.senderRole]}), back ${away.returnDate ?? 'on a day not given'}` : '';
  }
  if (event.kind === 'bounce') {
    const bounce = parseBounceDetails(event.details);
    return bounce ? `failed: ${printable(bounce.bouncedRecipients.join(', ') || 'unknown address')}` : '';
  }
  return '';
}

export function formatEvent(event: FeedEvent): string {
  const label = event.label === 'human' ? 'human' : `${event.label} (${event.reason})`;
  const extra = [
    event.kind === 'click' && event.url ? `-> ${printable(event.url)}` : '',
    mailExtra(event),
    campaignExtra(event),
    event.repeat ? '[repeat]' : '',
    // A link sweep may still relabel it: the extension notifies only after this.
    event.checkingUntil ? `[checking until ${event.checkingUntil}]` : '',
  ].filter(Boolean);
  const subject = printable(JSON.stringify(event.email.subject));
  return [event.at, event.kind, label, subject, `to ${event.email.to.join(', ') || '-'}`, ...extra].join('  ');
}

export function registerFeedCommand(program: Command): void {
  program
    .command('feed')
    .description('print your events (opens, clicks ...), newest page first or after --cursor')
    .option('--cursor <cursor>', 'only events after this cursor (from a previous answer)')
    .option('--before <cursor>', 'a history page: events before this cursor, newest first')
    .option('--wait <seconds>', 'with --cursor: wait up to this many seconds (max 60) for an event')
    .option('--limit <n>', 'at most this many events (max 500, default 100)')
    .option('--no-machine', 'leave out events labelled machine (with --cursor, one relabelled machine after you got it comes once more)')
    .option('--token <apiToken>', 'API token (default: env GLINT_TOKEN)')
    .option('--server <url>', 'server URL (default: env GLINT_SERVER or http://127.0.0.1:8787)')
    .option('--verbose', VERBOSE_HELP)
    .option('--json', 'print one JSON object {events, cursor, hasMore}')
    .action(
      action(async (options: FeedOptions) => {
        const client = new ApiClient(options);
        if (options.cursor !== undefined && !FEED_CURSOR_PATTERN.test(options.cursor))
          throw new UsageError('--cursor must be a cursor the feed returned');
        if (options.before !== undefined && !FEED_CURSOR_PATTERN.test(options.before))
          throw new UsageError('--before must be a cursor the feed returned');
        // The server would silently ignore the one that does not apply.
        if (options.cursor !== undefined && options.before !== undefined) throw new UsageError('give --cursor or --before, not both');
        if (options.wait !== undefined && options.cursor === undefined)
          throw new UsageError('--wait needs --cursor (it waits for what comes after it)');
        const feed = await client.feed({
          cursor: options.cursor,
          before: options.before,
          wait: integer('--wait', options.wait, 60),
          limit: integer('--limit', options.limit, 500),
          includeMachine: options.machine,
        });
        if (options.json) {
          console.log(JSON.stringify(feed));
          return;
        }
        for (const event of feed.events) console.log(formatEvent(event));
        console.log(`cursor ${feed.cursor}${feed.hasMore ? ' (more available)' : ''}`);
      }),
    );
}
