// A rep's campaign set up over the real HTTP API of a running server (a `glint serve` process or
// an in-process one): the mailbox connected on the harness Dovecot, a campaign, tracked emails
// enrolled. For the tests that kill or multiply server processes.
import { mintEmailToken } from '../../src/shared/email-tokens.ts';
import type { SigningKey } from '../../src/shared/link-signing.ts';
import type { Dovecot } from './dovecot.ts';
import { newMessageId } from './mail-messages.ts';

/** An enrolment as the API shows it to the rep (the fields the tests read). */
export interface EnrolmentView {
  id: string;
  recipient: string;
  state: string;
  nextStep: number;
  dueAt: string | null;
  pausedUntil: string | null;
  stopReason: string | null;
}

export interface RepApi {
  call<T>(method: string, path: string, body?: unknown): Promise<T>;
}

export function repApi(serverUrl: () => string, apiToken: string): RepApi {
  return {
    async call<T>(method: string, path: string, body?: unknown): Promise<T> {
      const response = await fetch(`${serverUrl()}${path}`, {
        method,
        headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as T;
    },
  };
}

/** Connects the rep's mailbox (IMAP and submission of the harness Dovecot, signed in as `username`). */
export async function connectMailbox(api: RepApi, dovecot: Dovecot, username: string, password: string): Promise<void> {
  await api.call('PUT', '/api/v1/mailbox', {
    imap: { host: dovecot.host, port: dovecot.port, tls: 'none' },
    smtp: { host: dovecot.host, port: dovecot.submissionPort ?? 0, tls: 'none' },
    username,
    auth: { method: 'password', password },
  });
}

/** A campaign of `bodies.length` steps replying in the thread, the first due a minute after the email, the others at once. */
export async function createCampaign(api: RepApi, bodies: readonly string[]): Promise<string> {
  const campaign = await api.call<{ id: string }>('POST', '/api/v1/campaigns', {
    name: 'Follow-up',
    team: false,
    stopSameCompany: false,
    sender: { first_name: 'Alice' },
    window: { days: [1, 2, 3, 4, 5, 6, 7], startHour: 0, endHour: 24, timeZone: 'UTC' },
    steps: bodies.map((body, index) => ({ wait: { amount: index === 0 ? 1 : 0, unit: 'minutes' }, subject: '', body })),
  });
  return campaign.id;
}

/** A tracked email from the rep to `to`, sent at `sentAt`: its token and Message-ID (with <>). */
export async function trackedEmail(api: RepApi, to: string, sentAt: Date): Promise<{ token: string; messageId: string }> {
  const me = await api.call<{ signingKey: SigningKey }>('GET', '/api/v1/me');
  const token = mintEmailToken(me.signingKey);
  const messageId = newMessageId('rep.example');
  await api.call('POST', '/api/v1/emails', { token, subject: 'Proposal', to: [to], rfcMessageId: messageId, sentAt: sentAt.toISOString() });
  return { token, messageId };
}

/** A tracked email sent two minutes ago (so its first step is due), enrolled; its Message-ID (no <>) and enrolment. */
export async function enrolledEmail(
  api: RepApi,
  campaignId: string,
  recipient: string,
): Promise<{ messageId: string; enrolment: EnrolmentView }> {
  const { token, messageId } = await trackedEmail(api, recipient, new Date(Date.now() - 2 * 60_000));
  const { enrolments } = await api.call<{ enrolments: EnrolmentView[] }>('POST', `/api/v1/campaigns/${campaignId}/enrolments`, {
    emailToken: token,
  });
  const [enrolment] = enrolments;
  if (!enrolment) throw new Error('no enrolment was made');
  return { messageId: messageId.replace(/^<|>$/g, ''), enrolment };
}

export async function enrolmentsOf(api: RepApi, campaignId: string): Promise<EnrolmentView[]> {
  return (await api.call<{ enrolments: EnrolmentView[] }>('GET', `/api/v1/campaigns/${campaignId}`)).enrolments;
}

/** The value of a header in a raw message (first occurrence, unfolded), or null. */
export function header(raw: string, name: string): string | null {
  const match = new RegExp(`^${name}:[ \\t]*((?:.*)(?:\\r?\\n[ \\t].*)*)`, 'im').exec(raw);
  return match?.[1]?.replace(/\r?\n[ \t]+/g, ' ').trim() ?? null;
}

// until() moved to until.ts; re-exported for the campaign tests that import it from here.
export { until } from './until.ts';
