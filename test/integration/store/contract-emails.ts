// Store contract: sent emails (registration by token, Gmail and RFC ids) and the sender's self views.
import { describe, expect, it } from 'vitest';
import { mintEmailToken } from '../../../src/shared/email-tokens.ts';
import { mintId } from '../../../src/shared/ids.ts';
import { ALICE, BOB, at, emailRecord } from './records.ts';
import type { ContractContext } from './store-harness.ts';

export function emailContract(context: ContractContext): void {
  describe('emails', () => {
    it('registers an email once, and gives it back whole by token', async () => {
      const { store } = context;
      const email = emailRecord(ALICE.id, {
        subject: 'Q3 — prix en €, 日本語 🎉 \'quoted\' "double" \\ back',
        to: ['José <jose@example.org>'],
        gmailThreadId: 'thread-1',
        rfcMessageId: 'm1@mail.example',
        openTracking: false,
      });
      // Unknown first: a remembered "not registered" must not outlive the registration.
      expect(await store.getEmail(email.token)).toBeNull();
      expect(await store.registerEmail(email)).toEqual({ outcome: 'created', email });
      expect(await store.getEmail(email.token)).toEqual(email);
      expect(await store.getEmail(mintEmailToken())).toBeNull();
    });

    it('answers a repeated registration by the owner with the stored email, unchanged', async () => {
      const { store } = context;
      const email = emailRecord(ALICE.id);
      await store.registerEmail(email);
      const retry = { ...email, subject: 'Edited subject', createdAt: at(99_000) };
      expect(await store.registerEmail(retry)).toEqual({ outcome: 'existing', email });
      expect(await store.getEmail(email.token)).toEqual(email);
    });

    it("refuses another user's registration of a taken token, showing them nothing", async () => {
      const { store } = context;
      const email = emailRecord(ALICE.id);
      await store.registerEmail(email);
      expect(await store.registerEmail({ ...email, userId: BOB.id, subject: 'Hijack' })).toEqual({ outcome: 'conflict', email: null });
      expect(await store.getEmail(email.token)).toEqual(email);
    });

    it('adds Gmail and RFC ids later, keeping the ones not given', async () => {
      const { store } = context;
      const email = emailRecord(ALICE.id, { gmailThreadId: 'thread-1' });
      await store.registerEmail(email);
      // The RFC Message-ID is kept normalised: no angle brackets, lowercase.
      const withMessage = { ...email, gmailMessageId: 'msg-1', rfcMessageId: 'm1@mail.example' };
      expect(await store.updateEmailIds(ALICE.id, email.token, { gmailMessageId: 'msg-1', rfcMessageId: ' <M1@Mail.Example>' })).toEqual(
        withMessage,
      );
      const moved = { ...withMessage, gmailThreadId: 'thread-2' };
      expect(await store.updateEmailIds(ALICE.id, email.token, { gmailThreadId: 'thread-2' })).toEqual(moved);
      expect(await store.getEmail(email.token)).toEqual(moved);
    });

    it("changes no ids of someone else's email, nor of an unknown one", async () => {
      const { store } = context;
      const email = emailRecord(ALICE.id);
      await store.registerEmail(email);
      expect(await store.updateEmailIds(BOB.id, email.token, { gmailThreadId: 'thread-bob' })).toBeNull();
      expect(await store.getEmail(email.token)).toEqual(email);
      expect(await store.updateEmailIds(ALICE.id, mintEmailToken(), { gmailThreadId: 'thread-x' })).toBeNull();
    });
  });

  describe('self views', () => {
    it('lists the views of a token since a time (inclusive), oldest first', async () => {
      const { store } = context;
      const token = mintEmailToken();
      const device = mintId('device');
      // Views may come before the email is registered.
      await store.addSelfView(token, { userId: ALICE.id, deviceId: device, at: at(3000) });
      await store.addSelfView(token, { userId: ALICE.id, deviceId: device, at: at(1000) });
      await store.addSelfView(token, { userId: ALICE.id, deviceId: device, at: at(2000) });
      await store.addSelfView(mintEmailToken(), { userId: ALICE.id, deviceId: device, at: at(2500) });

      expect(await store.listSelfViews(token, ALICE.id, at(2000))).toEqual([
        { userId: ALICE.id, deviceId: device, at: at(2000) },
        { userId: ALICE.id, deviceId: device, at: at(3000) },
      ]);
      expect((await store.listSelfViews(token, ALICE.id, at(0))).map((view) => view.at)).toEqual([at(1000), at(2000), at(3000)]);
      expect(await store.listSelfViews(token, ALICE.id, at(3001))).toEqual([]);
      expect(await store.listSelfViews(mintEmailToken(), ALICE.id, at(0))).toEqual([]);
    });

    it("keeps each user's views apart: another user's never show up or push the owner's out", async () => {
      const { store } = context;
      const token = mintEmailToken();
      await store.addSelfView(token, { userId: ALICE.id, deviceId: 'dv_alice', at: at(1000) });
      await store.listSelfViews(token, ALICE.id, at(0));
      for (let n = 0; n < 110; n++) await store.addSelfView(token, { userId: BOB.id, deviceId: 'dv_bob', at: at(2000 + n) });
      expect(await store.listSelfViews(token, ALICE.id, at(0))).toEqual([{ userId: ALICE.id, deviceId: 'dv_alice', at: at(1000) }]);
      expect(await store.listSelfViews(token, BOB.id, at(0))).toHaveLength(100);
    });

    it('sees a view added after the list was first read', async () => {
      const { store } = context;
      const token = mintEmailToken();
      expect(await store.listSelfViews(token, ALICE.id, at(0))).toEqual([]);
      await store.addSelfView(token, { userId: ALICE.id, deviceId: 'dv_laptop', at: at(1000) });
      expect(await store.listSelfViews(token, ALICE.id, at(0))).toEqual([{ userId: ALICE.id, deviceId: 'dv_laptop', at: at(1000) }]);
    });
  });
}
