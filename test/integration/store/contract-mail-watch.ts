// Store contract: the mailbox watcher's state (status and why, set apart from the settings'
// updatedAt), its folder cursors per role, and the users whose mailboxes are watched.
import { describe, expect, it } from 'vitest';
import { ALICE, BOB, CAROL, at, must } from './records.ts';
import { settings } from './contract-mailboxes.ts';
import type { ContractContext } from './store-harness.ts';

const INBOX = 'imap.example.com|alice@example.com|INBOX';
const SENT = 'imap.example.com|alice@example.com|Sent';

export function mailWatchContract(context: ContractContext): void {
  describe('mailbox watch state', () => {
    it('sets the status with its reason, leaving updatedAt to the settings', async () => {
      const { store } = context;
      await store.setMailboxWatchStatus(ALICE.id, 'watching', null, at(5));
      expect(await store.getMailbox(ALICE.id)).toBeNull();
      await store.upsertMailbox(settings(ALICE.id), at(10));
      const reason = 'The server refused the password.';
      await store.setMailboxWatchStatus(ALICE.id, 'paused', reason, at(20));
      expect(await store.getMailbox(ALICE.id)).toMatchObject({
        status: 'paused',
        pausedReason: reason,
        statusAt: at(20),
        updatedAt: at(10),
      });
      await store.setMailboxWatchStatus(ALICE.id, 'watching', null, at(30));
      expect(await store.getMailbox(ALICE.id)).toMatchObject({
        status: 'watching',
        pausedReason: null,
        statusAt: at(30),
        updatedAt: at(10),
      });
      // New settings are watched afresh.
      const saved = await store.upsertMailbox(settings(ALICE.id, { username: 'other' }), at(40));
      expect(saved).toMatchObject({ status: 'waiting', pausedReason: null, statusAt: null, updatedAt: at(40) });
    });

    it('keeps one cursor per role, replaced by the next save', async () => {
      const { store } = context;
      await store.upsertMailbox(settings(ALICE.id), at(10));
      expect(await store.getMailboxCursor(ALICE.id, 'watched')).toBeNull();
      await store.saveMailboxCursor(ALICE.id, 'watched', { folderKey: INBOX, uidValidity: 4_294_967_295, lastUid: 17 }, at(11));
      await store.saveMailboxCursor(ALICE.id, 'sent', { folderKey: SENT, uidValidity: 7, lastUid: 3 }, at(12));
      expect(await store.getMailboxCursor(ALICE.id, 'watched')).toEqual({
        folderKey: INBOX,
        uidValidity: 4_294_967_295,
        lastUid: 17,
        updatedAt: at(11),
      });
      await store.saveMailboxCursor(ALICE.id, 'watched', { folderKey: INBOX, uidValidity: 4_294_967_295, lastUid: 4_000_000_000 }, at(13));
      expect(await store.getMailboxCursor(ALICE.id, 'watched')).toEqual({
        folderKey: INBOX,
        uidValidity: 4_294_967_295,
        lastUid: 4_000_000_000,
        updatedAt: at(13),
      });
      expect(await store.getMailboxCursor(ALICE.id, 'sent')).toEqual({ folderKey: SENT, uidValidity: 7, lastUid: 3, updatedAt: at(12) });
      expect(await store.getMailboxCursor(BOB.id, 'watched')).toBeNull();
    });

    it('refuses a UID outside 32 bits', async () => {
      const { store } = context;
      const cursor = { folderKey: INBOX, uidValidity: 2 ** 32, lastUid: 1 };
      await expect(store.saveMailboxCursor(ALICE.id, 'watched', cursor, at(11))).rejects.toThrow(RangeError);
      await expect(store.saveMailboxCursor(ALICE.id, 'watched', { ...cursor, uidValidity: 1, lastUid: -1 }, at(11))).rejects.toThrow(
        RangeError,
      );
    });

    it("deletes a mailbox's cursors with it, and only its own", async () => {
      const { store } = context;
      await store.upsertMailbox(settings(ALICE.id), at(10));
      await store.upsertMailbox(settings(BOB.id), at(10));
      await store.saveMailboxCursor(ALICE.id, 'watched', { folderKey: INBOX, uidValidity: 1, lastUid: 2 }, at(11));
      await store.saveMailboxCursor(ALICE.id, 'sent', { folderKey: SENT, uidValidity: 1, lastUid: 2 }, at(11));
      await store.saveMailboxCursor(BOB.id, 'watched', { folderKey: 'b|b|INBOX', uidValidity: 1, lastUid: 2 }, at(11));
      expect(await store.deleteMailbox(ALICE.id)).toBe(true);
      expect(await store.getMailboxCursor(ALICE.id, 'watched')).toBeNull();
      expect(await store.getMailboxCursor(ALICE.id, 'sent')).toBeNull();
      expect(must(await store.getMailboxCursor(BOB.id, 'watched')).folderKey).toBe('b|b|INBOX');
      // A new mailbox starts without them.
      await store.upsertMailbox(settings(ALICE.id), at(20));
      expect(await store.getMailboxCursor(ALICE.id, 'watched')).toBeNull();
    });

    it('lists the users with a mailbox, oldest first', async () => {
      const { store } = context;
      expect(await store.listMailboxUserIds()).toEqual([]);
      await store.upsertMailbox(settings(CAROL.id), at(10));
      await store.upsertMailbox(settings(ALICE.id), at(20));
      await store.upsertMailbox(settings(BOB.id), at(30));
      // Changed settings keep their place.
      await store.upsertMailbox(settings(CAROL.id, { username: 'carol2' }), at(40));
      await store.deleteMailbox(ALICE.id);
      expect(await store.listMailboxUserIds()).toEqual([CAROL.id, BOB.id]);
    });

    it('keeps cursors and status across a restart', async () => {
      await context.store.upsertMailbox(settings(ALICE.id), at(10));
      await context.store.setMailboxWatchStatus(ALICE.id, 'waiting', 'The watcher starts with the server.', at(11));
      await context.store.saveMailboxCursor(ALICE.id, 'watched', { folderKey: INBOX, uidValidity: 9, lastUid: 99 }, at(12));
      const store = await context.reopen();
      expect(await store.getMailbox(ALICE.id)).toMatchObject({ status: 'waiting', pausedReason: 'The watcher starts with the server.' });
      expect((await store.getMailboxCursor(ALICE.id, 'watched'))?.lastUid).toBe(99);
    });
  });
}
