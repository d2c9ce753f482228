// The campaign stop rules against real mail servers: the rep's mailbox on the harness Dovecot
// (watched over IMAP; steps sent through its submission service, relayed to LMTP), messages
// delivered by APPEND as a mail server would, and every follow-up read back from the recipient's
// own mailbox. Time is driven through the claim's clock (steps are claimed and sent here with a
// chosen "now", days ahead when needed), never by sleeping: a reply one second before a step is
// due, a Dutch out-of-office with a date, a bounce, the rep's own message on the thread, and a
// reply from the same company each do what the rules say, and the feed tells it. On SQLite and on
// PostgreSQL, whose stores write the campaign events each in their own way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedEvent } from '../../../src/shared/api-schemas.ts';
import { localParts, zonedInstant } from '../../../src/server/campaigns/schedule.ts';
import type { StepClaim } from '../../../src/server/store/store.ts';
import { REP, enrolmentOf, sendDueSteps, startCampaignMail, type CampaignMail } from '../../support/campaign-mail.ts';
import { trackedEmail, type EnrolmentView } from '../../support/campaign-setup.ts';
import { SENT_FOLDER, type Dovecot } from '../../support/dovecot.ts';
import { postfixBounce, replyMessage } from '../../support/mail-messages.ts';
import { feedHead, nextEvents } from '../../support/mailbox-loop.ts';
import type { TestServer, TestUser } from '../../support/start-server.ts';

const RECIPIENTS = {
  replied: 'jo.doe@buyer.example',
  away: 'jan.jansen@klant.example',
  bounced: 'gone@buyer.example',
  manual: 'camille.martin@buyer.example',
  ownCopy: 'sam.smith@buyer.example',
  acmeReplier: 'ann@acme.example',
  acmeColleague: 'bob@acme.example',
  gmailReplier: 'pat@gmail.com',
  gmailOther: 'mia@gmail.com',
};
const DUTCH_MONTHS = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
];
const DAY = 86_400_000;

let mail: CampaignMail;
let dovecot: Dovecot;
let server: TestServer;
let rep: TestUser;
let call: CampaignMail['call'];

async function createCampaign(options: { steps?: number; stopSameCompany?: boolean; timeZone?: string } = {}): Promise<string> {
  const step = { wait: { amount: 1, unit: 'minutes' }, subject: '', body: 'Hi {{first_name|there}},\n\nAny news?\n\nAlice' };
  const campaign = await call<{ id: string }>('POST', '/api/v1/campaigns', {
    name: 'Proposal follow-up',
    stopSameCompany: options.stopSameCompany ?? false,
    window: { days: [1, 2, 3, 4, 5, 6, 7], startHour: 0, endHour: 24, timeZone: options.timeZone ?? 'UTC' },
    steps: Array.from({ length: options.steps ?? 1 }, () => step),
  });
  return campaign.id;
}

/** A tracked email sent at `sentAt` to `recipient`, enrolled: its first step is due a minute later. */
async function enrolledEmail(campaignId: string, recipient: string, sentAt: Date) {
  const { token, messageId } = await trackedEmail(mail, recipient, sentAt);
  const { enrolments } = await call<{ enrolments: EnrolmentView[] }>('POST', `/api/v1/campaigns/${campaignId}/enrolments`, {
    emailToken: token,
  });
  const [enrolment] = enrolments;
  if (!enrolment) throw new Error('no enrolment was made');
  return { token, messageId, enrolment };
}

/** Reads the feed from `cursor` until a campaign event of `kind` arrives; the campaign events read. */
async function untilCampaignEvents(cursor: string, count: number): Promise<FeedEvent[]> {
  const seen: FeedEvent[] = [];
  let at = cursor;
  while (seen.length < count) {
    const next = await nextEvents(server, rep, at, 1);
    seen.push(...next.events.filter((event) => event.kind.startsWith('campaign_')));
    at = next.cursor;
  }
  return seen;
}

describe.each([
  { name: 'SQLite', postgres: false },
  { name: 'PostgreSQL', postgres: true },
])('campaign stop rules with real mail servers ($name store)', ({ postgres }) => {
  beforeAll(async () => {
    mail = await startCampaignMail({
      recipients: Object.values(RECIPIENTS),
      ...(postgres ? { postgresDatabase: 'glint_campaign_stops' } : {}),
    });
    ({ dovecot, server, rep, call } = mail);
  }, 60_000);
  afterAll(async () => {
    await mail?.close();
  });

  it('never sends a step whose thread got a reply one second before it was due, and the feed says who replied', async () => {
    const campaignId = await createCampaign({ steps: 2 });
    const sentAt = new Date();
    const { token, messageId, enrolment } = await enrolledEmail(campaignId, RECIPIENTS.replied, sentAt);
    const due = new Date(enrolment.dueAt ?? '');
    expect(due.getTime()).toBe(sentAt.getTime() + 60_000);
    expect((await sendDueSteps(mail, new Date(due.getTime() - 1_000))).map((claim) => claim.enrolment.id)).not.toContain(enrolment.id);
    const cursor = await feedHead(server, rep);
    await dovecot.append(
      REP,
      replyMessage({
        from: RECIPIENTS.replied,
        fromName: 'Jo Doe',
        to: [REP],
        subject: 'Re: Proposal',
        inReplyTo: messageId,
        body: 'Not now.',
      }),
    );
    const [stopped] = await untilCampaignEvents(cursor, 1);
    expect(stopped).toMatchObject({ kind: 'campaign_stopped', email: { token } });
    expect(stopped?.details).toMatchObject({ reason: 'reply', who: RECIPIENTS.replied, whoName: 'Jo Doe', recipient: RECIPIENTS.replied });
    for (const later of [due.getTime(), due.getTime() + DAY, due.getTime() + 30 * DAY]) {
      expect((await sendDueSteps(mail, new Date(later))).map((claim) => claim.enrolment.id)).not.toContain(enrolment.id);
    }
    expect(await enrolmentOf(mail, campaignId, enrolment.id)).toMatchObject({ state: 'stopped', stopReason: 'reply', nextStep: 0 });
    expect(await dovecot.messages(RECIPIENTS.replied)).toEqual([]);
  }, 60_000);

  it('pauses on a Dutch out-of-office until the day after its return date, then resumes by itself', async () => {
    const zone = 'Europe/Amsterdam';
    const campaignId = await createCampaign({ timeZone: zone });
    const { messageId, enrolment } = await enrolledEmail(campaignId, RECIPIENTS.away, new Date());
    // Away through the day ten days ahead (Amsterdam): back the day after, sending the day after that.
    const lastDay = localParts(new Date(Date.now() + 10 * DAY), zone);
    const back = new Date(Date.UTC(lastDay.year, lastDay.month - 1, lastDay.day) + DAY);
    const resume = new Date(back.getTime() + DAY).toISOString().slice(0, 10);
    const cursor = await feedHead(server, rep);
    await dovecot.append(
      REP,
      replyMessage({
        from: RECIPIENTS.away,
        fromName: 'Jan Jansen',
        to: [REP],
        subject: 'Automatisch antwoord: Proposal',
        inReplyTo: messageId,
        extraHeaders: ['Auto-Submitted: auto-replied'],
        body: `Beste,\n\nIk ben afwezig tot en met ${lastDay.day} ${DUTCH_MONTHS[lastDay.month - 1]} en lees mijn e-mail niet.\n\nMet vriendelijke groet,\nJan Jansen`,
      }),
    );
    const [paused] = await untilCampaignEvents(cursor, 1);
    expect(paused).toMatchObject({ kind: 'campaign_paused' });
    expect(paused?.details).toMatchObject({ reason: 'auto_reply', until: resume, who: RECIPIENTS.away, whoName: 'Jan Jansen' });
    const resumesAt = zonedInstant(Number(resume.slice(0, 4)), Number(resume.slice(5, 7)), Number(resume.slice(8, 10)), 0, zone);
    expect(await enrolmentOf(mail, campaignId, enrolment.id)).toMatchObject({
      state: 'paused',
      stopReason: 'auto_reply',
      pausedUntil: resumesAt.toISOString(),
    });

    // The day they are back: still paused. The next day: the step goes out by itself.
    const mine = (claims: StepClaim[]) => claims.filter((claim) => claim.enrolment.id === enrolment.id);
    expect(mine(await sendDueSteps(mail, new Date(resumesAt.getTime() - 60_000)))).toEqual([]);
    expect(await dovecot.messages(RECIPIENTS.away)).toEqual([]);
    expect(mine(await sendDueSteps(mail, resumesAt)).map((claim) => claim.kind)).toEqual(['send']);
    const [received] = await dovecot.messages(RECIPIENTS.away);
    expect(received).toMatch(/^Subject: Re: Proposal/im);
    expect(await enrolmentOf(mail, campaignId, enrolment.id)).toMatchObject({ state: 'finished', pausedUntil: null });
  }, 60_000);

  it('stops on a bounce read by the watcher', async () => {
    const campaignId = await createCampaign();
    const { messageId, enrolment } = await enrolledEmail(campaignId, RECIPIENTS.bounced, new Date());
    const cursor = await feedHead(server, rep);
    await dovecot.append(REP, postfixBounce(REP, RECIPIENTS.bounced, messageId));
    const [stopped] = await untilCampaignEvents(cursor, 1);
    expect(stopped?.details).toMatchObject({ reason: 'bounce', who: RECIPIENTS.bounced });
    expect((await sendDueSteps(mail, new Date(Date.now() + DAY))).map((claim) => claim.enrolment.id)).not.toContain(enrolment.id);
    expect(await enrolmentOf(mail, campaignId, enrolment.id)).toMatchObject({ state: 'stopped', stopReason: 'bounce' });
    expect(await dovecot.messages(RECIPIENTS.bounced)).toEqual([]);
  }, 60_000);

  it("stops on the rep's own message on the thread, not on Glint's copy of a step in the Sent folder", async () => {
    const campaignId = await createCampaign({ steps: 2 });
    const ownCopy = await enrolledEmail(campaignId, RECIPIENTS.ownCopy, new Date(Date.now() - 120_000));
    const manual = await enrolledEmail(campaignId, RECIPIENTS.manual, new Date(Date.now() - 120_000));
    const sent = (await sendDueSteps(mail, new Date())).map((claim) => claim.enrolment.id);
    expect(sent).toEqual(expect.arrayContaining([ownCopy.enrolment.id, manual.enrolment.id]));
    const cursor = await feedHead(server, rep);
    await dovecot.append(
      REP,
      replyMessage({
        from: REP,
        to: [RECIPIENTS.manual],
        subject: 'Re: Proposal',
        inReplyTo: manual.messageId,
        body: 'Camille, I will call you.',
      }),
      SENT_FOLDER,
    );
    // The watcher reads the Sent folder when the inbox changes (on Gmail, All Mail holds both).
    await dovecot.append(REP, replyMessage({ from: 'news@letters.example', to: [REP], subject: 'Weekly news', body: 'News.' }));
    const [stopped] = await untilCampaignEvents(cursor, 1);
    expect(stopped).toMatchObject({ kind: 'campaign_stopped', email: { token: manual.token } });
    expect(stopped?.details).toMatchObject({ reason: 'manual', recipient: RECIPIENTS.manual });
    // Glint's own copies came before the rep's message in the Sent folder, and stopped nothing.
    expect(await enrolmentOf(mail, campaignId, ownCopy.enrolment.id)).toMatchObject({ state: 'active', nextStep: 1 });
    expect(await enrolmentOf(mail, campaignId, manual.enrolment.id)).toMatchObject({ state: 'stopped', stopReason: 'manual', nextStep: 1 });
  }, 60_000);

  it("stops a colleague's enrolment on a reply from the same company, never one at a free-mail domain", async () => {
    const campaignId = await createCampaign({ stopSameCompany: true });
    const sentAt = new Date();
    const [acmeReplier, acmeColleague, gmailReplier, gmailOther] = await Promise.all(
      [RECIPIENTS.acmeReplier, RECIPIENTS.acmeColleague, RECIPIENTS.gmailReplier, RECIPIENTS.gmailOther].map((recipient) =>
        enrolledEmail(campaignId, recipient, sentAt),
      ),
    );
    if (!acmeReplier || !acmeColleague || !gmailReplier || !gmailOther) throw new Error('enrolments missing');
    const cursor = await feedHead(server, rep);
    for (const [who, thread] of [
      [RECIPIENTS.acmeReplier, acmeReplier],
      [RECIPIENTS.gmailReplier, gmailReplier],
    ] as const) {
      await dovecot.append(
        REP,
        replyMessage({ from: who, to: [REP], subject: 'Re: Proposal', inReplyTo: thread.messageId, body: 'No, thanks.' }),
      );
    }
    const events = await untilCampaignEvents(cursor, 3);
    expect(
      events.map((event) => {
        const details = event.details as { recipient: string; reason: string; who: string };
        return [details.recipient, details.reason, details.who];
      }),
    ).toEqual(
      expect.arrayContaining([
        [RECIPIENTS.acmeReplier, 'reply', RECIPIENTS.acmeReplier],
        [RECIPIENTS.acmeColleague, 'same_company', RECIPIENTS.acmeReplier],
        [RECIPIENTS.gmailReplier, 'reply', RECIPIENTS.gmailReplier],
      ]),
    );
    const sent = await sendDueSteps(mail, new Date(sentAt.getTime() + 2 * 60_000));
    const ours = sent.filter((claim) => claim.enrolment.campaignId === campaignId);
    expect(ours.map((claim) => [claim.kind, claim.enrolment.recipient])).toEqual([['send', RECIPIENTS.gmailOther]]);
    expect(await dovecot.messages(RECIPIENTS.gmailOther)).toHaveLength(1);
    expect(await dovecot.messages(RECIPIENTS.acmeColleague)).toEqual([]);
  }, 60_000);
});
