// Replies in the extension's feed: a reply is news (unread, on the badge, lifts the email to the
// top of the list); an auto-reply or a bounce shows in the email's row but quietly (read from the
// start, no badge, the email keeps its place).
import 'fake-indexeddb/auto';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { badgeText } from '../../src/extension/background/badge.ts';
import { FeedDb } from '../../src/extension/data/feed-db.ts';
import { countUnread, markEmailRead, startsUnread, upsertFeedEvents } from '../../src/extension/data/feed-writes.ts';
import { EmailRow } from '../../src/extension/popup/email-row.tsx';
import { makeEmail, makeFeedEvent } from '../support/feed-events.ts';
import { installI18n } from '../support/popup-i18n.ts';

let db: FeedDb;
let dbCount = 0;
let uninstall: () => void;
beforeAll(() => {
  uninstall = installI18n('en');
});
afterAll(() => uninstall());
beforeEach(async () => {
  db = new FeedDb(`feed-replies-${dbCount++}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

const SENT = '2025-03-01T09:00:00.000Z';
const OPENED = '2025-03-01T10:00:00.000Z';
const LATER = '2025-03-01T15:00:00.000Z';

describe('a reply', () => {
  it('starts unread, counts on the badge and is the email’s last activity', async () => {
    const email = makeEmail({ sentAt: SENT });
    const open = makeFeedEvent({ email, at: OPENED });
    const reply = makeFeedEvent({ email, kind: 'reply', at: LATER });
    expect(startsUnread(reply)).toBe(true);

    await upsertFeedEvents(db, [open, reply]);
    const row = await db.emails.get(email.token);
    expect(row).toMatchObject({ lastActivityAt: LATER, unreadCount: 2 });
    expect(row?.counts.reply).toBe(1);
    expect(badgeText(await countUnread(db))).toBe('2');

    await markEmailRead(db, email.token);
    expect(badgeText(await countUnread(db))).toBe('');
  });

  it('stands out in the email’s row', async () => {
    const email = makeEmail({ sentAt: SENT });
    await upsertFeedEvents(db, [makeFeedEvent({ email, kind: 'reply', at: LATER })]);
    const row = await db.emails.get(email.token);
    if (!row) throw new Error('no row');
    const html = renderToStaticMarkup(
      <EmailRow
        email={row}
        view={{ filters: new Set(), showMachine: false }}
        expanded={false}
        onToggle={() => undefined}
        onOpenThread={() => undefined}
      />,
    );
    expect(html).toContain('<span class="count count--reply">1 reply</span>');
    expect(html).toContain('<span class="count count--unread">1 new</span>');
  });
});

describe('auto-replies and bounces', () => {
  it('show in the row but raise no badge and leave the last activity where it was', async () => {
    const email = makeEmail({ sentAt: SENT });
    const open = makeFeedEvent({ email, at: OPENED });
    await upsertFeedEvents(db, [open]);
    await markEmailRead(db, email.token);

    const away = makeFeedEvent({ email, kind: 'auto_reply', at: LATER });
    const bounce = makeFeedEvent({ email, kind: 'bounce', at: LATER });
    expect([away, bounce].map(startsUnread)).toEqual([false, false]);
    await upsertFeedEvents(db, [away, bounce]);

    const row = await db.emails.get(email.token);
    expect(row).toMatchObject({ lastActivityAt: OPENED, lastEventAt: LATER, unreadCount: 0 });
    expect(row?.counts).toMatchObject({ auto_reply: 1, bounce: 1 });
    expect(badgeText(await countUnread(db))).toBe('');

    if (!row) throw new Error('no row');
    const html = renderToStaticMarkup(
      <EmailRow
        email={row}
        view={{ filters: new Set(), showMachine: false }}
        expanded={false}
        onToggle={() => undefined}
        onOpenThread={() => undefined}
      />,
    );
    expect(html).toContain('<span class="count count--autoReply">1 automatic reply</span>');
    expect(html).toContain('<span class="count count--bounce">1 bounce</span>');
    expect(html).not.toContain('count--unread');
    expect(html).not.toContain('email--unread');
  });

  it('an email with only an auto-reply keeps its sent time as last activity', async () => {
    const email = makeEmail({ sentAt: SENT });
    await upsertFeedEvents(db, [makeFeedEvent({ email, kind: 'auto_reply', at: LATER })]);
    expect(await db.emails.get(email.token)).toMatchObject({ lastActivityAt: SENT, unreadCount: 0 });
  });
});
