// Store contract: mail events (one per message of a user's mailbox, in the feed like any event,
// a reply moving the mailbox's last reply), and finding the emails a message refers to.
import { describe, expect, it } from 'vitest';
import type { EmailRecord, NewEvent, Store } from '../../../src/server/store/store.ts';
import { ALICE, BOB, at, emailRecord, hit, must } from './records.ts';
import { settings } from './contract-mailboxes.ts';
import type { ContractContext } from './store-harness.ts';

/** A mail event of the user on `token`: a reply by default. */
const mailEvent = (token: string, userId: string, fields: Partial<NewEvent> = {}): NewEvent =>
  hit(token, {
    kind: 'reply',
    userId,
    ip: null,
    userAgent: null,
    details: { from: 'reader@example.org', fromName: 'Reader', senderRole: 'to', firstLines: 'Sounds good.' },
    ...fields,
  });

async function aliceEmail(store: Store, fields: Partial<EmailRecord> = {}): Promise<EmailRecord> {
  const email = emailRecord(ALICE.id, fields);
  await store.registerEmail(email);
  return must(await store.getEmail(email.token));
}

export function mailEventContract(context: ContractContext): void {
  describe('mail events', () => {
    it('appends one event per message key of a user, with its email in the feed', async () => {
      const { store } = context;
      const email = await aliceEmail(store);
      const first = must(await store.appendMailEvent(mailEvent(email.token, ALICE.id), 'reply-1@example.org'));
      expect(await store.appendMailEvent(mailEvent(email.token, ALICE.id), 'reply-1@example.org')).toBeNull();
      const { events } = await store.readFeed({ userId: ALICE.id, limit: 50, includeMachine: false, after: 0 });
      expect(events).toEqual([
        {
          ...first,
          email: { token: email.token, subject: email.subject, to: email.to, cc: email.cc, sentAt: email.sentAt, gmailThreadId: null },
        },
      ]);
      expect(first).toMatchObject({ kind: 'reply', userId: ALICE.id, details: { firstLines: 'Sounds good.' } });
      // Keys are per user: Bob's message of the same key is his own.
      const bobs = emailRecord(BOB.id);
      await store.registerEmail(bobs);
      expect(await store.appendMailEvent(mailEvent(bobs.token, BOB.id), 'reply-1@example.org')).not.toBeNull();
    });

    it('remembers the message keys across a restart', async () => {
      const email = await aliceEmail(context.store);
      const key = 'uid:imap.example.com|alice|INBOX:7:42';
      expect(await context.store.appendMailEvent(mailEvent(email.token, ALICE.id, { kind: 'bounce' }), key)).not.toBeNull();
      const store = await context.reopen();
      expect(await store.appendMailEvent(mailEvent(email.token, ALICE.id, { kind: 'bounce' }), key)).toBeNull();
      expect((await store.readFeed({ userId: ALICE.id, limit: 50, includeMachine: true })).events).toHaveLength(1);
    });

    it('moves lastReplyAt on replies only, never backwards', async () => {
      const { store } = context;
      const email = await aliceEmail(store);
      await store.upsertMailbox(settings(ALICE.id), at(10));
      const append = (key: string, kind: NewEvent['kind'], ms: number): Promise<unknown> =>
        store.appendMailEvent(mailEvent(email.token, ALICE.id, { kind, at: at(ms) }), key);
      await append('auto@x', 'auto_reply', 500);
      await append('bounce@x', 'bounce', 600);
      expect(must(await store.getMailbox(ALICE.id)).lastReplyAt).toBeNull();
      await append('r1@x', 'reply', 1000);
      expect(must(await store.getMailbox(ALICE.id)).lastReplyAt).toEqual(at(1000));
      await append('r0@x', 'reply', 800);
      await append('auto2@x', 'auto_reply', 2000);
      expect(must(await store.getMailbox(ALICE.id)).lastReplyAt).toEqual(at(1000));
      await append('r2@x', 'reply', 3000);
      expect(must(await store.getMailbox(ALICE.id)).lastReplyAt).toEqual(at(3000));
      // A repeated message moves nothing.
      await append('r2@x', 'reply', 4000);
      expect(must(await store.getMailbox(ALICE.id)).lastReplyAt).toEqual(at(3000));
    });

    it('needs the user of the event', async () => {
      const email = await aliceEmail(context.store);
      await expect(context.store.appendMailEvent(mailEvent(email.token, ALICE.id, { userId: null }), 'k@x')).rejects.toThrow();
    });

    it('keeps feed order with group-committed hits written meanwhile', async () => {
      const { store } = context;
      const email = await aliceEmail(store);
      const hits = Array.from({ length: 30 }, (_, index) => store.appendEvent(hit(email.token, { at: at(1000 + index) })));
      const mail = store.appendMailEvent(mailEvent(email.token, ALICE.id, { at: at(1010) }), 'mid@x');
      const more = Array.from({ length: 30 }, (_, index) => store.appendEvent(hit(email.token, { at: at(2000 + index) })));
      const stored = [...(await Promise.all(hits)), must(await mail), ...(await Promise.all(more))];
      const read = await store.readFeed({ userId: ALICE.id, limit: 100, includeMachine: true, after: 0 });
      const seqs = read.events.map((event) => event.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(stored.length);
      expect(read.events.map((event) => event.id).sort()).toEqual(stored.map((event) => event.id).sort());
      const bySeq = new Map(read.events.map((event) => [event.id, event.seq]));
      for (const event of stored) expect(bySeq.get(event.id)).toBe(event.seq);
    });
  });

  describe('emails of a message', () => {
    it("finds the user's emails by Message-ID, stored normalised whatever the case and brackets", async () => {
      const { store } = context;
      const email = await aliceEmail(store, { rfcMessageId: ' <ABC@Example.COM>' });
      expect(email.rfcMessageId).toBe('abc@example.com');
      expect(await store.findEmailsForMessage(ALICE.id, { messageIds: ['abc@example.com'], tokens: [] })).toEqual([email]);
      expect(await store.findEmailsForMessage(ALICE.id, { messageIds: ['<Abc@EXAMPLE.com>'], tokens: [] })).toEqual([email]);
      expect(await store.findEmailsForMessage(BOB.id, { messageIds: ['abc@example.com'], tokens: [email.token] })).toEqual([]);
      expect(await store.findEmailsForMessage(ALICE.id, { messageIds: ['other@example.com'], tokens: [] })).toEqual([]);
      expect(await store.findEmailsForMessage(ALICE.id, { messageIds: [], tokens: [] })).toEqual([]);
    });

    it('finds them by token too, newest first, each once', async () => {
      const { store } = context;
      const older = await aliceEmail(store, { rfcMessageId: 'old@x', sentAt: at(1000) });
      const newer = await aliceEmail(store, { sentAt: at(2000) });
      const found = await store.findEmailsForMessage(ALICE.id, { messageIds: ['old@x'], tokens: [newer.token, older.token] });
      expect(found).toEqual([newer, older]);
    });

    it('looks up a bounded number of refs', async () => {
      const { store } = context;
      const email = await aliceEmail(store, { rfcMessageId: 'late@x' });
      const many = Array.from({ length: 5000 }, (_, index) => `filler-${index}@x`);
      // Only the first ones are looked up: a hostile message cannot make a giant query.
      expect(await store.findEmailsForMessage(ALICE.id, { messageIds: [...many, 'late@x'], tokens: many })).toEqual([]);
      expect(await store.findEmailsForMessage(ALICE.id, { messageIds: ['late@x', ...many], tokens: many })).toEqual([email]);
    });

    it('learns a Message-ID once, normalised, for the owner only', async () => {
      const { store } = context;
      const email = await aliceEmail(store);
      // Cached first: learning must not leave the cached email stale.
      expect((await store.getEmail(email.token))?.rfcMessageId).toBeNull();
      expect(await store.learnRfcMessageId(BOB.id, email.token, '<learnt@x>')).toBe(false);
      expect(await store.learnRfcMessageId(ALICE.id, email.token, '<Learnt@X>')).toBe(true);
      expect((await store.getEmail(email.token))?.rfcMessageId).toBe('learnt@x');
      expect(await store.learnRfcMessageId(ALICE.id, email.token, '<second@x>')).toBe(false);
      expect((await store.getEmail(email.token))?.rfcMessageId).toBe('learnt@x');
      expect(await store.findEmailsForMessage(ALICE.id, { messageIds: ['LEARNT@x'], tokens: [] })).toHaveLength(1);
      expect(await store.learnRfcMessageId(ALICE.id, 'em_unknown', 'x@y')).toBe(false);
    });
  });
}
