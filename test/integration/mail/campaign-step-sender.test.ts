// A campaign step sent for real: over the rep's SMTP (Dovecot submission) to the recipient's
// mailbox, as a reply in the thread (In-Reply-To, References, "Re:"), instrumented with the
// follow-up's own token and registered as a tracked email, filed in the rep's Sent folder; a
// crashed send is found in Sent by its Message-ID where the provider filed it, and never sent
// again when it cannot be confirmed; a temporary refusal is sent again; a reply stops the next
// step at claim time; a permanent refusal stops the enrolment with the server's answer.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintEmailToken } from '../../../src/shared/email-tokens.ts';
import { mintId } from '../../../src/shared/ids.ts';
import { HANDED_TO_SMTP, sendClaimedStep, type StepSenderDeps, UNCONFIRMED_SEND } from '../../../src/server/campaigns/step-sender.ts';
import { sealSettings } from '../../../src/server/mail/mailbox-record.ts';
import type { StepClaimRequest, EnrolmentRecord, StepClaim } from '../../../src/server/store/store.ts';
import { startDovecot, type Dovecot } from '../../support/dovecot.ts';
import { startServer, type TestServer, type TestUser } from '../../support/start-server.ts';

let dovecot: Dovecot;
let server: TestServer;
let rep: TestUser;
let deps: StepSenderDeps;

const claimRequest = (owner = 'test', leaseMs = 60_000): StepClaimRequest => ({
  now: new Date(),
  owner,
  leaseMs,
  messageId: `${randomUUID()}@glint.test`,
  emailToken: mintEmailToken(rep.signingKey),
});

async function enrolled(recipient: string): Promise<EnrolmentRecord> {
  const { store } = server.context;
  const campaignId = mintId('campaign');
  await store.createCampaign({
    id: campaignId,
    ownerUserId: rep.user.id,
    teamId: null,
    name: 'Demo',
    steps: [
      {
        wait: { amount: 0, unit: 'minutes' },
        subject: '',
        body: 'Hi {{first_name|there}},\n\nAny news? https://example.com/pricing\n\n{{sender.first_name}}',
      },
      { wait: { amount: 0, unit: 'minutes' }, subject: '', body: 'Last note.' },
    ],
    window: { days: [1, 2, 3, 4, 5, 6, 7], startHour: 0, endHour: 24, timeZone: 'UTC' },
    stopSameCompany: false,
    sender: { first_name: 'Alice' },
    createdAt: new Date(),
  });
  const token = mintEmailToken(rep.signingKey);
  await store.registerEmail({
    token,
    userId: rep.user.id,
    subject: 'Proposal',
    to: [recipient],
    cc: [],
    bcc: [],
    sentAt: new Date(Date.now() - 60_000),
    gmailThreadId: null,
    gmailMessageId: null,
    rfcMessageId: `first-${token}@rep.example`,
    openTracking: true,
    clickTracking: true,
    links: [],
    createdAt: new Date(),
  });
  const now = new Date(Date.now() - 1_000);
  const { enrolment } = await store.enrol({
    id: mintId('enrolment'),
    campaignId,
    userId: rep.user.id,
    emailToken: token,
    recipient,
    fields: {},
    state: 'active',
    nextStep: 0,
    dueAt: now,
    pausedUntil: null,
    stopReason: null,
    stopDetail: null,
    createdAt: now,
    updatedAt: now,
  });
  return enrolment;
}

async function claimOf(enrolmentId: string, owner = 'test', leaseMs = 60_000): Promise<Extract<StepClaim, { kind: 'send' | 'reconcile' }>> {
  const claim = await server.context.store.claimDueStep(claimRequest(owner, leaseMs));
  if (!claim || claim.kind === 'stop' || claim.kind === 'pause' || claim.enrolment.id !== enrolmentId)
    throw new Error(`expected a step of ${enrolmentId} to send, got ${JSON.stringify(claim)}`);
  return claim;
}

beforeAll(async () => {
  dovecot = await startDovecot({ submission: true });
  // Every user before the first sign-in: Dovecot rereads the passwd-file when its mtime changes,
  // and two changes within one second can leave it with the first.
  dovecot.addUser('rep@rep.example', 'rep-secret');
  dovecot.addUser('camille.martin@buyer.example', 'reader');
  dovecot.addUser('jo.doe@buyer.example', 'reader');
  dovecot.addUser('ana.lima@buyer.example', 'reader');
  dovecot.addUser('later@buyer.example', 'reader');
  dovecot.addUser('policy@buyer.example', 'reader');
  server = await startServer();
  rep = await server.addUser('rep@rep.example');
  const settings = {
    imap: { host: '127.0.0.1', port: dovecot.port, tls: 'none' as const },
    smtp: { host: '127.0.0.1', port: dovecot.submissionPort ?? 0, tls: 'none' as const },
    username: 'rep@rep.example',
    auth: { method: 'password' as const, password: 'rep-secret' },
  };
  await server.context.store.upsertMailbox(sealSettings(rep.user.id, settings, server.context.box), new Date());
  deps = {
    store: server.context.store,
    box: server.context.box,
    signingKeyOf: (userId) => server.context.keys.forUser(userId),
    publicUrl: server.context.publicUrl,
    timeoutMs: 10_000,
    hostPolicy: 'loopback',
  };
});
afterAll(async () => {
  await server?.close();
  await dovecot?.stop();
});

describe('campaign step sender', () => {
  it('sends step 1 as a reply in the thread, tracked, and files it in Sent', async () => {
    const enrolment = await enrolled('camille.martin@buyer.example');
    const claim = await claimOf(enrolment.id);
    expect(await sendClaimedStep(deps, claim, 'test')).toBe('sent');
    const [received] = await dovecot.messages('camille.martin@buyer.example');
    expect(received).toMatch(new RegExp(`^Message-ID: <${claim.send.messageId}>`, 'im'));
    expect(received).toMatch(new RegExp(`^In-Reply-To: <first-${enrolment.emailToken}@rep\\.example>`, 'im'));
    expect(received).toMatch(/^Subject: Re: Proposal/im);
    expect(received).toContain(`/t/o/${claim.send.emailToken}`);
    expect(received).toContain('Hi Camille,');
    expect(await server.context.store.getEmail(claim.send.emailToken)).toMatchObject({
      rfcMessageId: claim.send.messageId,
      to: ['camille.martin@buyer.example'],
    });
    expect((await dovecot.messages('rep@rep.example', 'Sent')).some((raw) => raw.includes(claim.send.messageId))).toBe(true);
    expect(await server.context.store.getEnrolment(enrolment.id)).toMatchObject({ state: 'active', nextStep: 1 });

    // Step 2 replies to step 1 too; then a reply on the thread stops what would come next.
    const second = await claimOf(enrolment.id);
    expect(await sendClaimedStep(deps, second, 'test')).toBe('sent');
    const [, again] = await dovecot.messages('camille.martin@buyer.example');
    expect(again).toMatch(new RegExp(`^In-Reply-To: <${claim.send.messageId}>`, 'im'));
    expect(await server.context.store.getEnrolment(enrolment.id)).toMatchObject({ state: 'finished', nextStep: 2 });
  });

  /** A sender whose process "dies" after the SMTP answer, before its commit (and so before the Sent copy). */
  const crashing = (): StepSenderDeps => ({
    ...deps,
    store: { ...server.context.store, completeStep: () => Promise.reject(new Error('killed before the commit')) },
  });

  async function crashAfterSmtp(recipient: string): Promise<{ enrolment: EnrolmentRecord; messageId: string }> {
    const enrolment = await enrolled(recipient);
    const crashed = await claimOf(enrolment.id, 'crashed-instance', 1);
    await expect(sendClaimedStep(crashing(), crashed, 'crashed-instance')).rejects.toThrow('killed before the commit');
    expect(await dovecot.messages(recipient)).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 5)); // the 1 ms lease runs out
    return { enrolment, messageId: crashed.send.messageId };
  }

  it('reconciles a crashed send from the Sent folder where the provider filed it, instead of sending it again', async () => {
    const { enrolment, messageId } = await crashAfterSmtp('jo.doe@buyer.example');
    // Filed by the provider at its answer, as Gmail does.
    const [delivered] = await dovecot.messages('jo.doe@buyer.example');
    await dovecot.append('rep@rep.example', delivered ?? '', 'Sent');
    const recovered = await claimOf(enrolment.id, 'recovering');
    expect(recovered).toMatchObject({ kind: 'reconcile', send: { messageId } });
    expect(await sendClaimedStep(deps, recovered, 'recovering')).toBe('reconciled');
    expect(await dovecot.messages('jo.doe@buyer.example')).toHaveLength(1);
    expect((await server.context.store.listStepSends(enrolment.id))[0]).toMatchObject({ state: 'sent', claimedBy: 'recovering' });
    expect(await server.context.store.getEnrolment(enrolment.id)).toMatchObject({ state: 'active', nextStep: 1 });
    await server.context.store.transitionEnrolment(enrolment.id, ['active'], { state: 'stopped', stopReason: 'rep' }, new Date());
  });

  it('never sends again a crashed send it cannot confirm, and says so', async () => {
    const { enrolment } = await crashAfterSmtp('ana.lima@buyer.example');
    const recovered = await claimOf(enrolment.id, 'recovering');
    expect(recovered).toMatchObject({ kind: 'reconcile', send: { smtpResponse: HANDED_TO_SMTP } });
    expect(await sendClaimedStep(deps, recovered, 'recovering')).toBe('unconfirmed');
    expect(await dovecot.messages('ana.lima@buyer.example')).toHaveLength(1);
    expect(await server.context.store.getEnrolment(enrolment.id)).toMatchObject({
      state: 'stopped',
      stopReason: 'unconfirmed',
      stopDetail: UNCONFIRMED_SEND,
    });
  });

  it('sends again, after its lease, a step the server put off with a temporary refusal', async () => {
    dovecot.relay?.refuse('later@buyer.example', 451, 'Try again later');
    const enrolment = await enrolled('later@buyer.example');
    expect(await sendClaimedStep(deps, await claimOf(enrolment.id, 'first', 1), 'first')).toBe('left');
    dovecot.relay?.accept('later@buyer.example');
    await new Promise((resolve) => setTimeout(resolve, 5)); // the 1 ms lease runs out
    const retried = await claimOf(enrolment.id, 'second');
    expect(retried).toMatchObject({ kind: 'reconcile', send: { smtpResponse: null } });
    expect(await sendClaimedStep(deps, retried, 'second')).toBe('sent');
    expect(await dovecot.messages('later@buyer.example')).toHaveLength(1);
  });

  it('stops on a permanent refusal with the server answer', async () => {
    dovecot.relay?.refuse('gone@buyer.example', 550, 'No such user here');
    const refused = await enrolled('gone@buyer.example');
    expect(await sendClaimedStep(deps, await claimOf(refused.id), 'test')).toBe('refused');
    expect(await server.context.store.getEnrolment(refused.id)).toMatchObject({
      state: 'stopped',
      stopReason: 'refused',
      stopDetail: expect.stringMatching(/550/),
    });
  });

  it('never connects to a mail server the host policy refuses now, and says why', async () => {
    // Saved while this machine was allowed; the administrator has since set MAILBOX_HOSTS=public.
    const enrolment = await enrolled('policy@buyer.example');
    const before = (await dovecot.messages('rep@rep.example', 'Sent')).length;
    expect(await sendClaimedStep({ ...deps, hostPolicy: 'public' }, await claimOf(enrolment.id), 'test')).toBe('refused');
    expect(await server.context.store.getEnrolment(enrolment.id)).toMatchObject({
      state: 'stopped',
      stopReason: 'refused',
      stopDetail: expect.stringMatching(/may not connect to your mail server: 127\.0\.0\.1 is this server itself/),
    });
    expect(await dovecot.messages('policy@buyer.example')).toHaveLength(0);
    expect(await dovecot.messages('rep@rep.example', 'Sent')).toHaveLength(before);
  });
});
