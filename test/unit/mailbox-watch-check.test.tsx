// When the background tells the rep that reply tracking stopped: the watcher's state kept in a
// storage area handed in (memoryArea), one notification when the mailbox becomes paused, none at
// the next checks while it stays paused, another after it watched again in between; signed out
// or no mailbox: nothing kept; a failed read keeps what was known. The popup's banner as text.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { MailboxView } from '../../src/shared/mailbox-api.ts';
import { MessageError } from '../../src/shared/messages.ts';
import { mailboxWatchEntry, watchTransition } from '../../src/extension/data/mailbox-watch.ts';
import { memoryArea } from '../../src/extension/data/storage.ts';
import { t } from '../../src/extension/data/i18n.ts';
import { mailboxPausedNotification, mailboxWatchCheck } from '../../src/extension/background/mailbox-watch-check.ts';
import { MailboxBanner } from '../../src/extension/popup/mailbox-banner.tsx';
import { speakPerTest } from '../support/popup-i18n.ts';

const HOSTILE = '<img src=x onerror="alert(1)">';
const REFUSED = `127.0.0.1 refused the username or password ${HOSTILE}`;
const NOW = new Date('2026-12-03T12:00:00.000Z');

const mailboxWith = (status: MailboxView['watcher']['status'], pausedReason: string | null = null): MailboxView => ({
  imap: { host: '127.0.0.1', port: 1143, tls: 'none' },
  smtp: { host: '127.0.0.1', port: 1025, tls: 'none' },
  username: 'rep@acme.example',
  auth: { method: 'password', set: true },
  watcher: { status, pausedReason, lastReplyAt: null },
  lastTest: null,
  createdAt: NOW.toISOString(),
  updatedAt: NOW.toISOString(),
});

/** A check over a memory area whose server answers `next` (a mailbox, null, or an error to throw). */
function harness() {
  const area = memoryArea();
  const told: (string | null)[] = [];
  let answer: MailboxView | null | Error = null;
  const watch = mailboxWatchCheck({
    entry: mailboxWatchEntry(area),
    readMailbox: async () => {
      if (answer instanceof Error) throw answer;
      return answer;
    },
    notifyPaused: async (reason) => {
      told.push(reason);
    },
    now: () => NOW,
  });
  return {
    told,
    area,
    watch,
    serverSays(next: MailboxView | null | Error) {
      answer = next;
    },
  };
}

const speak = speakPerTest();

describe('mailbox watch check', () => {
  it('notifies once when the mailbox becomes paused, not again while it stays paused', async () => {
    const { told, watch, serverSays } = harness();
    serverSays(mailboxWith('watching'));
    expect(await watch.check()).toMatchObject({ status: 'watching', notified: false });
    serverSays(mailboxWith('paused', REFUSED));
    expect(await watch.check()).toEqual({ status: 'paused', pausedReason: REFUSED, checkedAt: NOW.toISOString(), notified: true });
    await watch.check();
    await watch.check();
    expect(told).toEqual([REFUSED]);
  });

  it('notifies again after the mailbox watched in between', async () => {
    const { told, watch, serverSays } = harness();
    for (const status of ['paused', 'paused', 'watching', 'paused', 'paused'] as const) {
      serverSays(mailboxWith(status, status === 'paused' ? REFUSED : null));
      await watch.check();
    }
    expect(told).toEqual([REFUSED, REFUSED]);
  });

  it('counts what the options page read too, and checks at once do not notify twice', async () => {
    const { told, watch, serverSays } = harness();
    serverSays(mailboxWith('paused', REFUSED));
    await Promise.all([watch.record(mailboxWith('paused', REFUSED)), watch.check(), watch.check()]);
    expect(told).toEqual([REFUSED]);
  });

  it('keeps nothing signed out or without a mailbox, and keeps what was known when the read fails', async () => {
    const { told, area, watch, serverSays } = harness();
    serverSays(mailboxWith('paused', REFUSED));
    await watch.check();
    serverSays(new MessageError('server-unreachable', 'down'));
    expect(await watch.check()).toMatchObject({ status: 'paused', notified: true });
    serverSays(new MessageError('signed-out', 'Sign in'));
    expect(await watch.check()).toBeNull();
    expect(area.dump()).toEqual({});
    serverSays(mailboxWith('paused', REFUSED));
    await watch.check();
    serverSays(null);
    expect(await watch.check()).toBeNull();
    expect(area.dump()).toEqual({});
    expect(told).toEqual([REFUSED, REFUSED]);
  });

  it('treats a first sight of a pause (a fresh start) as news', () => {
    expect(watchTransition(null, mailboxWith('paused', REFUSED).watcher, NOW).notify).toBe(true);
    expect(watchTransition(null, mailboxWith('waiting').watcher, NOW).notify).toBe(false);
  });
});

describe('telling the rep', () => {
  it('says it on the desktop with the reason as plain text, in each language', () => {
    for (const [lang, title] of [
      ['en', 'Reply tracking is paused'],
      ['fr', 'Le suivi des réponses est en pause'],
      ['nl', 'Het volgen van antwoorden is gepauzeerd'],
    ] as const) {
      speak(lang);
      expect(mailboxPausedNotification(REFUSED, t)).toMatchObject({ id: 'glint-mailbox-paused', title, message: REFUSED });
    }
  });

  it('shows the popup banner only while paused, the hostile reason as text', () => {
    speak('en');
    const open = (): void => undefined;
    const watch = { status: 'paused' as const, pausedReason: REFUSED, checkedAt: NOW.toISOString(), notified: true };
    const html = renderToStaticMarkup(<MailboxBanner watch={watch} onOpenSettings={open} />);
    expect(html).toContain('Reply tracking is paused: 127.0.0.1 refused the username or password &lt;img src=x');
    expect(html).not.toContain('<img');
    expect(html).toContain('Open mailbox settings');
    expect(renderToStaticMarkup(<MailboxBanner watch={{ ...watch, status: 'watching' }} onOpenSettings={open} />)).toBe('');
    expect(renderToStaticMarkup(<MailboxBanner watch={null} onOpenSettings={open} />)).toBe('');
  });
});
