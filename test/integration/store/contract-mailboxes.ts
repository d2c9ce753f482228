// Store contract: one mailbox connection per user, its sealed credential kept as given, the
// watcher's state and the last connection test.
import { describe, expect, it } from 'vitest';
import type { MailboxSettingsRecord } from '../../../src/server/store/store.ts';
import { ALICE, BOB, at, must } from './records.ts';
import type { ContractContext } from './store-harness.ts';

export const settings = (userId: string, fields: Partial<MailboxSettingsRecord> = {}): MailboxSettingsRecord => ({
  userId,
  imap: { host: 'imap.gmail.com', port: 993, tls: 'tls' },
  smtp: { host: 'smtp.gmail.com', port: 465, tls: 'tls' },
  username: `${userId}@example.com`,
  authMethod: 'password',
  sealedSecret: `v1.sealed-${userId}`,
  ...fields,
});

export function mailboxContract(context: ContractContext): void {
  describe('mailboxes', () => {
    it('keeps one mailbox per user, settings and sealed secret as given, waiting for a watcher and never tested', async () => {
      const { store } = context;
      const saved = await store.upsertMailbox(settings(ALICE.id), at(10));
      const expected = {
        ...settings(ALICE.id),
        status: 'waiting',
        pausedReason: null,
        statusAt: null,
        lastReplyAt: null,
        lastTest: null,
        createdAt: at(10),
        updatedAt: at(10),
      };
      expect(saved).toEqual(expected);
      expect(await store.getMailbox(ALICE.id)).toEqual(expected);
      expect(await store.getMailbox(BOB.id)).toBeNull();
    });

    it('replaces the settings of a user, keeping when the mailbox was first connected', async () => {
      const { store } = context;
      await store.upsertMailbox(settings(ALICE.id), at(10));
      await store.upsertMailbox(settings(BOB.id), at(11));
      const changed = settings(ALICE.id, {
        imap: { host: 'outlook.office365.com', port: 993, tls: 'tls' },
        smtp: { host: 'smtp.office365.com', port: 587, tls: 'starttls' },
        authMethod: 'oauth2',
        sealedSecret: 'v1.sealed-token',
      });
      const saved = await store.upsertMailbox(changed, at(20));
      expect(saved).toMatchObject({ ...changed, createdAt: at(10), updatedAt: at(20) });
      expect(await store.getMailbox(ALICE.id)).toEqual(saved);
      expect((await store.getMailbox(BOB.id))?.sealedSecret).toBe(`v1.sealed-${BOB.id}`);
    });

    it('keeps the last test, and forgets it when the settings change', async () => {
      const { store } = context;
      expect(await store.recordMailboxTest(ALICE.id, { at: at(12), failure: null, message: 'Signed in' })).toBeNull();
      await store.upsertMailbox(settings(ALICE.id), at(10));
      const failed = { at: at(13), failure: 'wrong-credentials', message: 'The password was refused.' };
      expect((await store.recordMailboxTest(ALICE.id, failed))?.lastTest).toEqual(failed);
      expect(must(await store.getMailbox(ALICE.id)).lastTest).toEqual(failed);
      const passed = { at: at(14), failure: null, message: 'Signed in' };
      expect((await store.recordMailboxTest(ALICE.id, passed))?.lastTest).toEqual(passed);
      expect((await store.upsertMailbox(settings(ALICE.id), at(15))).lastTest).toBeNull();
    });

    it('deletes a mailbox, and says when there was none', async () => {
      const { store } = context;
      await store.upsertMailbox(settings(ALICE.id), at(10));
      await store.upsertMailbox(settings(BOB.id), at(11));
      expect(await store.deleteMailbox(ALICE.id)).toBe(true);
      expect(await store.getMailbox(ALICE.id)).toBeNull();
      expect(await store.deleteMailbox(ALICE.id)).toBe(false);
      expect(await store.getMailbox(BOB.id)).not.toBeNull();
    });

    it('keeps mailboxes across a restart', async () => {
      await context.store.upsertMailbox(settings(ALICE.id), at(10));
      const store = await context.reopen();
      expect((await store.getMailbox(ALICE.id))?.sealedSecret).toBe(`v1.sealed-${ALICE.id}`);
    });
  });
}
