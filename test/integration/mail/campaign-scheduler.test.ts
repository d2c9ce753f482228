// The campaign scheduler in the real server: a rep's mailbox connected on the harness Dovecot
// (IMAP watched for replies, SMTP through its submission service relaying to LMTP), a campaign
// created and tracked emails enrolled through the API. A due step arrives by itself in the
// recipient's mailbox as a reply in the thread; a thread answered before its step is due is
// stopped (the feed says so) and nothing is ever sent to it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REP, startCampaignMail, type CampaignMail } from '../../support/campaign-mail.ts';
import { trackedEmail, type EnrolmentView } from '../../support/campaign-setup.ts';
import type { Dovecot } from '../../support/dovecot.ts';
import { replyMessage } from '../../support/mail-messages.ts';
import { feedHead, nextEvents } from '../../support/mailbox-loop.ts';
import type { TestServer, TestUser } from '../../support/start-server.ts';
import { until } from '../../support/until.ts';

const CAMILLE = 'camille.martin@buyer.example';
const JO = 'jo.doe@buyer.example';

let mail: CampaignMail;
let dovecot: Dovecot;
let server: TestServer;
let rep: TestUser;
let call: CampaignMail['call'];
let campaignId: string;

/** A tracked email sent `agoMs` ago, enrolled in the campaign; its Message-ID and enrolment. */
async function enrolledEmail(recipient: string, agoMs: number): Promise<{ messageId: string; enrolment: EnrolmentView }> {
  const { token, messageId } = await trackedEmail(mail, recipient, new Date(Date.now() - agoMs));
  const { enrolments } = await call<{ enrolments: EnrolmentView[] }>('POST', `/api/v1/campaigns/${campaignId}/enrolments`, {
    emailToken: token,
  });
  const [enrolment] = enrolments;
  if (!enrolment) throw new Error('no enrolment was made');
  return { messageId: messageId.replace(/^<|>$/g, ''), enrolment };
}

const enrolmentOf = async (id: string): Promise<EnrolmentView | undefined> =>
  (await call<{ enrolments: EnrolmentView[] }>('GET', `/api/v1/campaigns/${campaignId}`)).enrolments.find((e) => e.id === id);

beforeAll(async () => {
  // The scheduler polls every 100 ms here.
  mail = await startCampaignMail({ recipients: [CAMILLE, JO], env: { CAMPAIGN_SENDING: 'on', CAMPAIGN_POLL_MS: '100' } });
  ({ dovecot, server, rep, call } = mail);
  const campaign = await call<{ id: string }>('POST', '/api/v1/campaigns', {
    name: 'Demo follow-up',
    team: false,
    stopSameCompany: false,
    sender: { first_name: 'Alice' },
    window: { days: [1, 2, 3, 4, 5, 6, 7], startHour: 0, endHour: 24, timeZone: 'UTC' },
    steps: [{ wait: { amount: 1, unit: 'minutes' }, subject: '', body: 'Hi {{first_name|there}},\n\nAny news?\n\n{{sender.first_name}}' }],
  });
  campaignId = campaign.id;
}, 60_000);
afterAll(async () => {
  await mail?.close();
});

describe('campaign scheduler in the running server', () => {
  it('sends a due step by itself, as a reply in the thread, into the recipient mailbox', async () => {
    const { messageId, enrolment } = await enrolledEmail(CAMILLE, 2 * 60_000);
    const [received] = await until(
      'the follow-up in the recipient mailbox',
      () => dovecot.messages(CAMILLE),
      (m) => m.length > 0,
    );
    expect(received).toMatch(new RegExp(`^In-Reply-To: <${messageId.replace(/[.]/g, '\\.')}>`, 'im'));
    expect(received).toMatch(/^Subject: Re: Proposal/im);
    expect(received).toContain('Hi Camille,');
    await until(
      'the enrolment finished',
      () => enrolmentOf(enrolment.id),
      (e) => e?.state === 'finished',
    );
    expect(await dovecot.messages(CAMILLE)).toHaveLength(1);
  }, 60_000);

  it('never sends a step whose thread got a reply before it was due', async () => {
    // Due in about 20 s; the reply arrives now.
    const { messageId, enrolment } = await enrolledEmail(JO, 40_000);
    const cursor = await feedHead(server, rep);
    await dovecot.append(
      REP,
      replyMessage({ from: JO, to: [REP], subject: 'Re: Proposal', inReplyTo: `<${messageId}>`, body: 'Thanks, not for now.' }),
    );
    // The watcher applies the stop rules as it records the reply (the claim would stop it too).
    const { events } = await nextEvents(server, rep, cursor, 2);
    expect(events.map((event) => event.kind)).toEqual(['reply', 'campaign_stopped']);
    expect(events[1]?.details).toMatchObject({ reason: 'reply', who: JO, enrolmentId: enrolment.id });
    const stopped = await until(
      'the enrolment stopped by the reply',
      () => enrolmentOf(enrolment.id),
      (e) => e?.state === 'stopped',
    );
    expect(stopped?.stopReason).toBe('reply');
    expect(await dovecot.messages(JO)).toEqual([]);
  }, 60_000);
});
