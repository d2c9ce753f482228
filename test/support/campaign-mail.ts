// The campaign-mail set-up the in-process campaign tests share: the harness Dovecot (with its
// submission service, relaying to LMTP), a server (SQLite, or PostgreSQL when asked), the rep
// signed in with the mailbox connected and watched, and the step sender those tests drive by hand.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { mintId } from '../../src/shared/ids.ts';
import { sendClaimedStep, type StepSenderDeps } from '../../src/server/campaigns/step-sender.ts';
import type { StepClaim, StepClaimRequest } from '../../src/server/store/store.ts';
import { repApi, type EnrolmentView, type RepApi } from './campaign-setup.ts';
import { startDovecot, type Dovecot } from './dovecot.ts';
import { untilMailbox } from './mailbox-loop.ts';
import { startPostgres, type PostgresCluster } from './postgres.ts';
import { startServer, type TestServer, type TestUser } from './start-server.ts';

export const REP = 'rep@rep.example';
export const REP_PASSWORD = 'rep-secret';

export interface CampaignMailOptions {
  /** Mailboxes made on Dovecot besides the rep's, before anyone signs in. */
  recipients: readonly string[];
  /** Run the server on PostgreSQL, in a database of this name; default SQLite. */
  postgresDatabase?: string;
  /** Extra server environment (CAMPAIGN_SENDING, CAMPAIGN_POLL_MS ...). */
  env?: Record<string, string>;
}

/** Also the rep's API client: `call` throws on any answer of 300 or more. */
export interface CampaignMail extends RepApi {
  dovecot: Dovecot;
  server: TestServer;
  rep: TestUser;
  /** What the scheduler hands the step sender, for tests that claim and send steps themselves. */
  sender: StepSenderDeps;
  close(): Promise<void>;
}

export async function startCampaignMail(options: CampaignMailOptions): Promise<CampaignMail> {
  const dovecot = await startDovecot({ submission: true });
  let cluster: PostgresCluster | undefined;
  let server: TestServer | undefined;
  // A set-up that fails half-way stops what it started: no test's afterAll knows of it yet.
  const close = async (): Promise<void> => {
    await server?.close();
    await dovecot.stop();
    await cluster?.stop();
  };
  try {
    // Every user before the first sign-in: Dovecot rereads the passwd-file when its mtime changes.
    dovecot.addUser(REP, REP_PASSWORD);
    for (const address of options.recipients) dovecot.addUser(address, 'reader');
    cluster = options.postgresDatabase ? await startPostgres() : undefined;
    const databaseUrl = cluster && options.postgresDatabase ? await cluster.createDatabase(options.postgresDatabase) : undefined;
    const env = { ...options.env, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
    const started = await startServer(Object.keys(env).length > 0 ? { env } : {});
    server = started;
    const rep = await started.addUser(REP);
    const { call } = repApi(() => started.baseUrl, rep.apiToken);
    await call('PUT', '/api/v1/mailbox', {
      imap: { host: dovecot.host, port: dovecot.port, tls: 'none' },
      smtp: { host: dovecot.host, port: dovecot.submissionPort ?? 0, tls: 'none' },
      username: REP,
      auth: { method: 'password', password: REP_PASSWORD },
    });
    await untilMailbox(started, rep, (view) => view.watcher.status === 'watching');
    return { dovecot, server: started, rep, call, sender: stepSenderOf(started), close };
  } catch (error) {
    await close();
    throw error;
  }
}

function stepSenderOf({ context }: TestServer): StepSenderDeps {
  return {
    store: context.store,
    box: context.box,
    signingKeyOf: (userId) => context.keys.forUser(userId),
    publicUrl: context.publicUrl,
    timeoutMs: 15_000,
    hostPolicy: 'loopback',
  };
}

/**
 * Claims and sends every step due at `now`, as the scheduler would at that moment (the test drives
 * the claim's clock); each send must succeed. The claims made, in order.
 */
export async function sendDueSteps(mail: CampaignMail, now: Date, request: Partial<StepClaimRequest> = {}): Promise<StepClaim[]> {
  const { store, hub } = mail.server.context;
  const claims: StepClaim[] = [];
  for (;;) {
    const claim = await store.claimDueStep({
      now,
      owner: 'test-clock',
      leaseMs: 60_000,
      messageId: `${randomUUID()}@glint`,
      emailToken: mintId('emailToken'),
      ...request,
    });
    if (!claim) break;
    claims.push(claim);
    if (claim.kind === 'send' || claim.kind === 'reconcile') expect(await sendClaimedStep(mail.sender, claim, 'test-clock')).toBe('sent');
  }
  hub.notify(mail.rep.user.id);
  return claims;
}

/** Enrolment `id` of the campaign, as the API shows it to the rep; throws when there is none. */
export async function enrolmentOf<T extends { id: string } = EnrolmentView>(
  mail: CampaignMail,
  campaignId: string,
  id: string,
): Promise<T> {
  const { enrolments } = await mail.call<{ enrolments: T[] }>('GET', `/api/v1/campaigns/${campaignId}`);
  const found = enrolments.find((enrolment) => enrolment.id === id);
  if (!found) throw new Error(`no enrolment ${id}`);
  return found;
}
