// Store contract: a team's retention period and its purge, erasing a recipient's address (whole
// addresses only, every place it is kept), and a rep's own rows for an export.
import { describe, expect, it } from 'vitest';
import { mintId } from '../../../src/shared/ids.ts';
import type { CampaignRecord, NewWebhook, Store } from '../../../src/server/store/store.ts';
import { campaignRecord, enrolmentRecord } from './campaign-records.ts';
import { ACME, ALICE, BOB, CAROL, GLOBEX, at, documentRecord, emailRecord, hit, linkRecord, must, visitRecord } from './records.ts';
import type { ContractContext } from './store-harness.ts';

const acmeWebhook = (kinds: NewWebhook['kinds']): NewWebhook => ({
  id: mintId('webhook'),
  teamId: ACME.id,
  url: 'https://hooks.example.com/glint',
  kinds,
  description: 'CRM',
  sealedSecret: 'v1.sealed',
  createdBy: ALICE.id,
  createdAt: at(0),
});

const followUpCampaign = (ownerUserId: string): CampaignRecord =>
  campaignRecord(ownerUserId, {
    name: 'Follow-up',
    steps: [{ wait: { amount: 2, unit: 'business_days' }, subject: '', body: 'Hi {{first_name|there}}' }],
    window: { days: [1, 2, 3, 4, 5], startHour: 9, endHour: 17, timeZone: 'UTC' },
  });

const DAY = 86_400_000;
const GONE = 'camille@client.example';
const KEPT = 'xcamille@client.example';

/** Every text the store gives back about ALICE's and CAROL's data, to look for an address in. */
async function everythingReadable(store: Store, visits: readonly [string, string][]): Promise<string> {
  const rows = await Promise.all([ALICE.id, BOB.id, CAROL.id].map((id) => store.userRows(id)));
  const found = await Promise.all(visits.map(([link, visit]) => store.getDocumentVisit(link, visit)));
  return JSON.stringify([rows, found]).toLowerCase();
}

export function privacyContract(context: ContractContext): void {
  describe('privacy', () => {
    it('keeps a retention period per team, null by default, false for an unknown team', async () => {
      const { store } = context;
      expect(await store.getTeamRetention(ACME.id)).toBeNull();
      expect(await store.setTeamRetention(ACME.id, 30)).toBe(true);
      expect(await store.getTeamRetention(ACME.id)).toBe(30);
      expect(await store.getTeamRetention(GLOBEX.id)).toBeNull();
      expect(await store.setTeamRetention(mintId('team'), 30)).toBe(false);
      expect(await store.setTeamRetention(ACME.id, null)).toBe(true);
      expect(await store.getTeamRetention(ACME.id)).toBeNull();
    });

    it("purges only a retaining team's events and document visits older than its period", async () => {
      const { store } = context;
      const webhook = await store.createWebhook(acmeWebhook(['open']));
      const deliveredEvents = async (): Promise<string[]> =>
        (await store.listDeliveries(ACME.id, webhook.id, 10)).map((delivery) => delivery.eventId).sort();
      const mine = emailRecord(ALICE.id);
      const theirs = emailRecord(CAROL.id);
      await store.registerEmail(mine);
      await store.registerEmail(theirs);
      const old = await store.appendEvent(hit(mine.token, { at: at(0) }));
      const recent = await store.appendEvent(hit(mine.token, { at: at(9 * DAY) }));
      const otherTeam = await store.appendEvent(hit(theirs.token, { at: at(0) }));
      const document = documentRecord(ALICE);
      await store.createDocument(document);
      const link = linkRecord(document, mine.token);
      await store.createDocumentLink(link);
      const oldVisit = visitRecord(link.token, { startedAt: at(0), lastAt: at(0) });
      const newVisit = visitRecord(link.token, { startedAt: at(9 * DAY), lastAt: at(9 * DAY) });
      await store.saveDocumentVisit(oldVisit);
      await store.saveDocumentVisit(newVisit);
      await store.setTeamRetention(ACME.id, 5);
      expect(await deliveredEvents()).toEqual([old.id, recent.id].sort());

      expect(await store.purgeExpired(at(10 * DAY))).toEqual({ events: 1, documentVisits: 1 });
      expect((await store.userRows(ALICE.id)).events.map((event) => event.id)).toEqual([recent.id]);
      expect(old.id).not.toBe(recent.id);
      // The old event's delivery went with it (a queued one could never be sent).
      expect(await deliveredEvents()).toEqual([recent.id]);
      expect((await store.userRows(CAROL.id)).events.map((event) => event.id)).toEqual([otherTeam.id]);
      expect(await store.getDocumentVisit(link.token, oldVisit.visitId)).toBeNull();
      expect(await store.getDocumentVisit(link.token, newVisit.visitId)).not.toBeNull();
      expect(await store.purgeExpired(at(10 * DAY))).toEqual({ events: 0, documentVisits: 0 });
    });

    it('forgets an address everywhere, and only that whole address', async () => {
      const { store } = context;
      // A webhook wants the reply: its queued delivery must go with the event.
      const webhook = await store.createWebhook(acmeWebhook(['reply']));
      const email = emailRecord(ALICE.id, { to: [`Camille <${GONE.toUpperCase()}>`, KEPT], cc: [GONE], bcc: [] });
      const other = emailRecord(CAROL.id, { to: [KEPT] });
      await store.registerEmail(email);
      await store.registerEmail(other);
      const open = await store.appendEvent(hit(email.token));
      const reply = must(
        await store.appendMailEvent(
          hit(email.token, { kind: 'reply', userId: ALICE.id, details: { from: GONE, senderRole: 'to', firstLines: 'Yes, send it.' } }),
          'reply-1@client.example',
        ),
      );
      const keptReply = must(
        await store.appendMailEvent(
          hit(other.token, { kind: 'reply', userId: CAROL.id, details: { from: KEPT, senderRole: 'to', firstLines: 'No.' } }),
          'reply-2@client.example',
        ),
      );
      const document = documentRecord(ALICE);
      await store.createDocument(document);
      const link = linkRecord(document, email.token);
      await store.createDocumentLink(link);
      const visit = visitRecord(link.token, { viewerEmail: GONE });
      const keptVisit = visitRecord(link.token, { viewerEmail: KEPT });
      await store.saveDocumentVisit(visit);
      await store.saveDocumentVisit(keptVisit);
      const visits: [string, string][] = [
        [link.token, visit.visitId],
        [link.token, keptVisit.visitId],
      ];
      const followUps = followUpCampaign(ALICE.id);
      await store.createCampaign(followUps);
      const enrolled = must(await store.enrol(enrolmentRecord(followUps.id, ALICE.id, email.token, GONE.toUpperCase())));
      const keptEnrolment = must(await store.enrol(enrolmentRecord(followUps.id, ALICE.id, email.token, KEPT)));
      expect(enrolled.enrolment.recipient).toBe(GONE);
      expect(await everythingReadable(store, visits)).toContain(GONE);
      expect((await store.listDeliveries(ACME.id, webhook.id, 10)).map((delivery) => delivery.eventId)).toEqual([reply.id]);

      expect(await store.forgetAddress(GONE.toUpperCase())).toEqual({
        events: 1,
        documentVisits: 1,
        mailEvents: 1,
        emailRecipientLists: 1,
        campaignEnrolments: 1,
      });
      expect((await store.listEnrolments(followUps.id, ALICE.id)).map((entry) => entry.id)).toEqual([keptEnrolment.enrolment.id]);
      expect(await store.listDeliveries(ACME.id, webhook.id, 10)).toEqual([]);
      expect(await everythingReadable(store, visits)).not.toMatch(/(^|[^x])camille@client\.example/);
      const alice = await store.userRows(ALICE.id);
      expect(alice.events.map((event) => event.id)).toEqual([open.id]);
      expect(alice.events.map((event) => event.id)).not.toContain(reply.id);
      expect(alice.emails[0]).toMatchObject({ to: [KEPT], cc: [], bcc: [] });
      expect((await store.userRows(CAROL.id)).events.map((event) => event.id)).toEqual([keptReply.id]);
      expect(await store.getDocumentVisit(link.token, keptVisit.visitId)).not.toBeNull();
      // The reply's message key is free again only because its event is gone: the same message is new.
      expect(await store.appendMailEvent(hit(email.token, { kind: 'reply', userId: ALICE.id }), 'reply-1@client.example')).not.toBeNull();
      expect(await store.forgetAddress(GONE)).toEqual({
        events: 0,
        documentVisits: 0,
        mailEvents: 0,
        emailRecipientLists: 0,
        campaignEnrolments: 0,
      });
    });

    it("gives a rep's own emails, events and documents, nobody else's", async () => {
      const { store } = context;
      const email = emailRecord(ALICE.id);
      await store.registerEmail(email);
      await store.registerEmail(emailRecord(BOB.id));
      const event = await store.appendEvent(hit(email.token));
      const document = documentRecord(ALICE);
      await store.createDocument(document);
      await store.createDocument(documentRecord(BOB));
      const rows = await store.userRows(ALICE.id);
      expect(rows.emails).toEqual([email]);
      expect(rows.events.map((row) => row.id)).toEqual([event.id]);
      expect(rows.documents).toEqual([document]);
      expect(await store.userRows(mintId('user'))).toEqual({ emails: [], events: [], documents: [] });
    });
  });
}
