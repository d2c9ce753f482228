// A message the rep writes by hand on a thread, from another mail client on a non-Gmail mailbox,
// lands in the Sent folder while nothing arrives in INBOX: IDLE announces nothing. The watcher's
// periodic Sent check (MAILBOX_SENT_CHECK_S, one second here) must still see it and stop the
// enrolment (`manual`) before the follow-up is due, with the real scheduler sending through the
// harness Dovecot's submission service. A second enrolment due at the same moment does go out:
// the proof that the scheduler passed the due time and chose not to send the stopped one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintEmailToken } from '../../../src/shared/email-tokens.ts';
import { connectMailbox, createCampaign, enrolmentsOf, header, repApi, until, type RepApi } from '../../support/campaign-setup.ts';
import { SENT_FOLDER, startDovecot, type Dovecot } from '../../support/dovecot.ts';
import { newMessageId, replyMessage } from '../../support/mail-messages.ts';
import { untilMailbox } from '../../support/mailbox-loop.ts';
import { startServer, type TestServer, type TestUser } from '../../support/start-server.ts';

const REP = 'rep@rep.example';
const PASSWORD = 'rep-secret';
const TAKEN_OVER = 'camille.martin@buyer.example';
const LEFT_ALONE = 'sam.smith@buyer.example';
const SENT_CHECK_S = 1;
/** The first step waits a minute after the email: sent this long before a minute ago, it is due this soon. */
const DUE_IN_MS = 12_000;

let dovecot: Dovecot;
let server: TestServer;
let rep: TestUser;
let api: RepApi;

/** A tracked email to `recipient` whose first step is due at `due`, enrolled; its Message-ID and enrolment id. */
async function enrolDueAt(campaignId: string, recipient: string, due: Date): Promise<{ messageId: string; enrolmentId: string }> {
  const me = await api.call<{ signingKey: Parameters<typeof mintEmailToken>[0] }>('GET', '/api/v1/me');
  const token = mintEmailToken(me.signingKey);
  const messageId = newMessageId('rep.example');
  await api.call('POST', '/api/v1/emails', {
    token,
    subject: 'Proposal',
    to: [recipient],
    rfcMessageId: messageId,
    sentAt: new Date(due.getTime() - 60_000).toISOString(),
  });
  const { enrolments } = await api.call<{ enrolments: { id: string }[] }>('POST', `/api/v1/campaigns/${campaignId}/enrolments`, {
    emailToken: token,
  });
  const [enrolment] = enrolments;
  if (!enrolment) throw new Error('no enrolment was made');
  return { messageId, enrolmentId: enrolment.id };
}

describe('the Sent folder checked beside IDLE (non-Gmail mailbox)', () => {
  beforeAll(async () => {
    dovecot = await startDovecot({ submission: true });
    dovecot.addUser(REP, PASSWORD);
    dovecot.addUser(TAKEN_OVER, 'reader');
    dovecot.addUser(LEFT_ALONE, 'reader');
    server = await startServer({
      env: { MAILBOX_SENT_CHECK_S: String(SENT_CHECK_S), CAMPAIGN_SENDING: 'on', CAMPAIGN_POLL_MS: '200' },
    });
    rep = await server.addUser(REP);
    api = repApi(() => server.baseUrl, rep.apiToken);
    await connectMailbox(api, dovecot, REP, PASSWORD);
    await untilMailbox(server, rep, (view) => view.watcher.status === 'watching');
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await dovecot?.stop();
  });

  it("stops the enrolment on the rep's hand-written reply in Sent with no inbox activity, and never sends its follow-up", async () => {
    const campaignId = await createCampaign(api, ['Hi {{first_name|there}},\n\nAny news?', 'Last try.']);
    const due = new Date(Date.now() + DUE_IN_MS);
    const takenOver = await enrolDueAt(campaignId, TAKEN_OVER, due);
    const leftAlone = await enrolDueAt(campaignId, LEFT_ALONE, due);

    const appendedAt = Date.now();
    await dovecot.append(
      REP,
      replyMessage({
        from: REP,
        to: [TAKEN_OVER],
        subject: 'Re: Proposal',
        inReplyTo: takenOver.messageId,
        body: 'Camille, I will call you.',
      }),
      SENT_FOLDER,
    );
    const stopped = await until(
      'the manual stop',
      async () => (await enrolmentsOf(api, campaignId)).find((enrolment) => enrolment.id === takenOver.enrolmentId),
      (enrolment) => enrolment?.state === 'stopped',
      DUE_IN_MS,
    );
    const tookMs = Date.now() - appendedAt;
    expect(stopped).toMatchObject({ state: 'stopped', stopReason: 'manual' });
    // Within the check interval and the read it triggers, and before the step was due.
    expect(tookMs).toBeLessThan(SENT_CHECK_S * 1000 + 4_000);
    expect(Date.now()).toBeLessThan(due.getTime());
    expect(await dovecot.messages(REP)).toEqual([]);

    // The other enrolment's step goes out at the due time: by then the stopped one was passed over.
    const [followUp] = await until(
      'the other follow-up',
      () => dovecot.messages(LEFT_ALONE),
      (found) => found.length === 1,
      30_000,
    );
    expect(header(followUp ?? '', 'In-Reply-To')).toBe(`<${leftAlone.messageId.replace(/^<|>$/g, '')}>`);
    expect(await dovecot.messages(TAKEN_OVER)).toEqual([]);
    const enrolments = await enrolmentsOf(api, campaignId);
    expect(enrolments.find((enrolment) => enrolment.id === takenOver.enrolmentId)).toMatchObject({
      state: 'stopped',
      stopReason: 'manual',
    });
    console.log(JSON.stringify({ sentCheckS: SENT_CHECK_S, manualStopMs: tookMs }));
  }, 60_000);
});
