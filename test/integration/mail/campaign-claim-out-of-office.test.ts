// The claim's own out-of-office check, with real mail: a Dutch out-of-office with a return date
// reaches the rep's INBOX one second before a step is due (on the claim's clock, which the test
// drives), and the mailbox watcher has recorded it but not yet applied the stop rules (the window
// between its ingestEvent() and applyStopRules()). The test opens that window on purpose: it
// records the message as the watcher's first half does (the same parse, match and classification,
// then ingestEvent()) and only then APPENDs it to the INBOX, where the running watcher finds it
// already recorded and, a duplicate, applies nothing. A marker reply appended after it shows in the
// feed once the watcher has read past it (it reads a folder in UID order), and the enrolment is
// still active then: so the pause can only come from the claim, which says so in its answer. The
// follow-up never reaches the recipient's mailbox while they are away; after the day they are back
// (the claim's clock moved, not waited for) it goes out by itself, once. On SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedEvent } from '../../../src/shared/api-schemas.ts';
import type { AutoReplyDetails } from '../../../src/shared/event-details.ts';
import { localParts, zonedInstant } from '../../../src/server/campaigns/schedule.ts';
import { ingestEvent } from '../../../src/server/ingest/ingest-event.ts';
import { referencesOf } from '../../../src/server/mail/classify-match.ts';
import { classifyMessage } from '../../../src/server/mail/classify-message.ts';
import { parseMessage } from '../../../src/server/mail/message-parse.ts';
import type { StepClaim } from '../../../src/server/store/store.ts';
import { REP, enrolmentOf, sendDueSteps, startCampaignMail, type CampaignMail } from '../../support/campaign-mail.ts';
import { header, trackedEmail, type EnrolmentView } from '../../support/campaign-setup.ts';
import type { Dovecot } from '../../support/dovecot.ts';
import { replyMessage } from '../../support/mail-messages.ts';
import { feedHead, nextEvents } from '../../support/mailbox-loop.ts';
import type { TestServer, TestUser } from '../../support/start-server.ts';

const AWAY = 'jan.jansen@klant.example';
const MARKER = 'pat.other@buyer.example';
const ZONE = 'Europe/Amsterdam';
const DUTCH_MONTHS = 'januari februari maart april mei juni juli augustus september oktober november december'.split(' ');
const DAY = 86_400_000;

let mail: CampaignMail;
let dovecot: Dovecot;
let server: TestServer;
let rep: TestUser;
let call: CampaignMail['call'];

/** Records a message as the watcher does before its stop rules: parsed, matched, classified, ingested. */
async function recordAsWatcher(raw: string, arrivedAt: Date): Promise<AutoReplyDetails> {
  const parsed = await parseMessage(raw);
  const candidates = await server.context.store.findEmailsForMessage(rep.user.id, referencesOf(parsed));
  const tracked = candidates.map((email) => ({
    token: email.token,
    messageId: email.rfcMessageId,
    from: REP,
    to: email.to,
    cc: email.cc,
    subject: email.subject,
    sentAt: email.sentAt,
  }));
  const verdict = classifyMessage(parsed, tracked, [REP]);
  if (verdict.kind !== 'auto_reply' || !verdict.token) throw new Error(`not an out-of-office of ours: ${verdict.kind}`);
  const details: AutoReplyDetails = {
    from: parsed.from[0] ?? '',
    ...(parsed.fromName ? { fromName: parsed.fromName } : {}),
    senderRole: verdict.senderRole ?? 'other',
    returnDate: verdict.returnDate,
  };
  const key = parsed.messageId ?? '';
  const stored = await ingestEvent(server.context, {
    kind: 'auto_reply',
    token: verdict.token,
    userId: rep.user.id,
    at: arrivedAt,
    messageKey: key,
    details,
  });
  if (!stored) throw new Error('the out-of-office was not recorded');
  return details;
}

/** Claims and sends every step due at `now`, as the scheduler would at that moment; the claims of `enrolmentId`. */
async function claimsAt(now: Date, enrolmentId: string): Promise<StepClaim[]> {
  const claims = await sendDueSteps(mail, now, { autoReplyPauseDays: 7 });
  return claims.filter((claim) => claim.enrolment.id === enrolmentId);
}

/** Reads the feed from `cursor` until `accept` holds for an event; the events read. */
async function feedUntil(cursor: string, accept: (event: FeedEvent) => boolean): Promise<FeedEvent[]> {
  const seen: FeedEvent[] = [];
  for (let at = cursor; !seen.some(accept);) {
    const next = await nextEvents(server, rep, at, 1);
    seen.push(...next.events);
    at = next.cursor;
  }
  return seen;
}

describe.each([
  { name: 'SQLite', postgres: false },
  { name: 'PostgreSQL', postgres: true },
])('an out-of-office seen by the claim, with real mail ($name store)', ({ postgres }) => {
  beforeAll(async () => {
    mail = await startCampaignMail({ recipients: [AWAY, MARKER], ...(postgres ? { postgresDatabase: 'glint_claim_ooo' } : {}) });
    ({ dovecot, server, rep, call } = mail);
  }, 60_000);
  afterAll(async () => {
    await mail?.close();
  });

  it('pauses at the claim on a Dutch out-of-office the watcher has not acted on, and resumes the day after the return date', async () => {
    const { id: campaignId } = await call<{ id: string }>('POST', '/api/v1/campaigns', {
      name: 'Proposal follow-up',
      stopSameCompany: false,
      window: { days: [1, 2, 3, 4, 5, 6, 7], startHour: 0, endHour: 24, timeZone: ZONE },
      steps: [{ wait: { amount: 1, unit: 'minutes' }, subject: '', body: 'Hi {{first_name|there}},\n\nAny news?\n\nAlice' }],
    });
    // Sent now: the step is due in a minute, on the claim's clock, which the test drives.
    const { token, messageId } = await trackedEmail(mail, AWAY, new Date());
    const [enrolment] = (
      await call<{ enrolments: EnrolmentView[] }>('POST', `/api/v1/campaigns/${campaignId}/enrolments`, { emailToken: token })
    ).enrolments;
    if (!enrolment?.dueAt) throw new Error('no enrolment was made');
    const due = new Date(enrolment.dueAt);
    const arrived = new Date(due.getTime() - 1_000);

    // Away through the day ten days ahead (Amsterdam): back the day after, the step the day after that.
    const lastDay = localParts(new Date(due.getTime() + 10 * DAY), ZONE);
    const back = new Date(Date.UTC(lastDay.year, lastDay.month - 1, lastDay.day) + DAY);
    const resume = new Date(back.getTime() + DAY).toISOString().slice(0, 10);
    const resumesAt = zonedInstant(Number(resume.slice(0, 4)), Number(resume.slice(5, 7)), Number(resume.slice(8, 10)), 0, ZONE);
    const outOfOffice = replyMessage({
      from: AWAY,
      fromName: 'Jan Jansen',
      to: [REP],
      subject: 'Automatisch antwoord: Proposal',
      inReplyTo: messageId,
      date: arrived,
      extraHeaders: ['Auto-Submitted: auto-replied'],
      body: `Beste,\n\nIk ben afwezig tot en met ${lastDay.day} ${DUTCH_MONTHS[lastDay.month - 1]} en lees mijn e-mail niet.\n\nMet vriendelijke groet,\nJan Jansen`,
    });
    const cursor = await feedHead(server, rep);
    const recorded = await recordAsWatcher(outOfOffice, arrived);
    // "tot en met" (up to and including) the last day: the classifier's return date is the day after.
    expect(recorded.returnDate).toBe(back.toISOString().slice(0, 10));
    await dovecot.append(REP, outOfOffice);

    // The watcher reads the INBOX in UID order: once the marker's reply is in the feed, it has
    // handled the out-of-office too, as a message already recorded, and paused nothing.
    const marker = await trackedEmail(mail, MARKER, new Date(Date.now() - 120_000));
    await dovecot.append(
      REP,
      replyMessage({ from: MARKER, to: [REP], subject: 'Re: Proposal', inReplyTo: marker.messageId, body: 'Later.' }),
    );
    const before = await feedUntil(cursor, (event) => event.kind === 'reply' && event.email?.token === marker.token);
    expect(before.filter((event) => event.kind.startsWith('campaign_'))).toEqual([]);
    expect(await enrolmentOf(mail, campaignId, enrolment.id)).toMatchObject({ state: 'active', pausedUntil: null });

    // The claim at the due time finds the out-of-office itself: a pause, nothing sent.
    const [paused, ...others] = await claimsAt(due, enrolment.id);
    expect(others).toEqual([]);
    expect(paused).toMatchObject({ kind: 'pause', reason: 'auto_reply', until: resume, who: AWAY });
    const [event] = (await feedUntil(cursor, (e) => e.kind === 'campaign_paused')).filter((e) => e.kind === 'campaign_paused');
    expect(event).toMatchObject({ email: { token } });
    expect(event?.details).toMatchObject({ reason: 'auto_reply', until: resume, who: AWAY, whoName: 'Jan Jansen' });
    expect(await enrolmentOf(mail, campaignId, enrolment.id)).toMatchObject({
      state: 'paused',
      stopReason: 'auto_reply',
      pausedUntil: resumesAt.toISOString(),
    });

    // Every claim while they are away, the day they are back included: nothing.
    for (const later of [due.getTime() + DAY, back.getTime(), resumesAt.getTime() - 60_000]) {
      expect(await claimsAt(new Date(later), enrolment.id)).toEqual([]);
    }
    expect(await dovecot.messages(AWAY)).toEqual([]);

    // The day after: it goes out by itself, in the thread, once.
    expect((await claimsAt(resumesAt, enrolment.id)).map((claim) => claim.kind)).toEqual(['send']);
    expect(await claimsAt(new Date(resumesAt.getTime() + DAY), enrolment.id)).toEqual([]);
    const received = await dovecot.messages(AWAY);
    expect(received).toHaveLength(1);
    expect(header(received[0] ?? '', 'In-Reply-To')).toBe(messageId);
    expect(received[0]).toMatch(/^Subject: Re: Proposal/im);
    expect(await enrolmentOf(mail, campaignId, enrolment.id)).toMatchObject({ state: 'finished', pausedUntil: null });
  }, 90_000);
});
