// The reply-tracking loop from a test's side: connect a rep's mailbox on the harness Dovecot
// through the API, wait for the watcher's state, and wait on the feed (long-poll) for events.
import type { FeedEvent, FeedResponse } from '../../src/shared/api-schemas.ts';
import type { MailboxView } from '../../src/server/mail/mailbox-schemas.ts';
import type { Dovecot } from './dovecot.ts';
import type { TestServer, TestUser } from './start-server.ts';

export async function connectMailbox(
  server: TestServer,
  user: TestUser,
  dovecot: Dovecot,
  password: string,
  tls: 'none' | 'tls' = 'none',
): Promise<MailboxView> {
  const endpoint = { host: dovecot.host, port: dovecot.port, tls };
  const response = await fetch(`${server.baseUrl}/api/v1/mailbox`, {
    method: 'PUT',
    headers: user.headers,
    body: JSON.stringify({
      imap: endpoint,
      smtp: { ...endpoint, port: 25 },
      username: user.user.email,
      auth: { method: 'password', password },
    }),
  });
  if (response.status !== 200) throw new Error(`PUT /mailbox answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as MailboxView;
}

export async function getMailbox(server: TestServer, user: TestUser): Promise<MailboxView> {
  const response = await fetch(`${server.baseUrl}/api/v1/mailbox`, { headers: user.headers });
  if (response.status !== 200) throw new Error(`GET /mailbox answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as MailboxView;
}

/** Polls the mailbox until `accept` holds (the watcher reports no event to wait on); 15 s at most. */
export async function untilMailbox(server: TestServer, user: TestUser, accept: (view: MailboxView) => boolean): Promise<MailboxView> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const view = await getMailbox(server, user);
    if (accept(view)) return view;
    if (Date.now() > deadline) throw new Error(`the mailbox never reached the expected state: ${JSON.stringify(view.watcher)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function feedHead(server: TestServer, user: TestUser): Promise<string> {
  const response = await fetch(`${server.baseUrl}/api/v1/feed`, { headers: user.headers });
  return ((await response.json()) as FeedResponse).cursor;
}

/** Long-polls the feed from `cursor` until `count` events arrived (15 s at most); returns them and the new cursor. */
export async function nextEvents(
  server: TestServer,
  user: TestUser,
  cursor: string,
  count: number,
): Promise<{ events: FeedEvent[]; cursor: string }> {
  const events: FeedEvent[] = [];
  const deadline = Date.now() + 15_000;
  while (events.length < count) {
    const remaining = Math.ceil((deadline - Date.now()) / 1000);
    if (remaining <= 0)
      throw new Error(`only ${events.length} of ${count} events arrived: ${JSON.stringify(events.map((event) => event.kind))}`);
    const response = await fetch(`${server.baseUrl}/api/v1/feed?cursor=${cursor}&wait=${Math.min(remaining, 10)}`, {
      headers: user.headers,
    });
    const page = (await response.json()) as FeedResponse;
    events.push(...page.events);
    cursor = page.cursor;
  }
  return { events, cursor };
}
