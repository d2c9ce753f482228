// Sends one claimed step over the rep's own SMTP server (nodemailer), as a reply in the thread,
// registered first as a tracked email (its token is the follow-up's, its Message-ID the one fixed
// at the claim). The claim notes that the message is being handed to the server before the SMTP
// conversation and records the server's answer right after it, then a copy is filed in the Sent
// folder over IMAP (Gmail files sent mail itself). A claim to reconcile (its process died, or its
// lease ran out) is decided from those records: found in the Sent folder by its Message-ID, it is
// recorded as sent; never handed to the server (or surely refused for now), it is sent; handed
// over with no answer recorded and no copy in Sent, it may have gone out, so it is not sent again
// and the enrolment stops with a sentence for the rep (never twice comes before never missing).
// A permanent refusal (5xx) stops the enrolment with the server's answer. Both connections go to
// the address the host policy (MAILBOX_HOSTS) checks at that moment, as the watcher's do: the names
// were checked when the rep saved them, but DNS may point them elsewhere since.
import { createTransport } from 'nodemailer';
import type { SigningKey } from '../../shared/link-signing.ts';
import type { MailboxSettings } from '../mail/connection-settings.ts';
import { createImapClient } from '../mail/imap-client.ts';
import { checkMailHost, MailHostRefusedError, type MailboxHostPolicy } from '../mail/mail-host-policy.ts';
import { openSettings } from '../mail/mailbox-record.ts';
import type { SecretBox } from '../security/secret-box.ts';
import type { Store, StepClaim, StepOutcome } from '../store/store.ts';
import { dueAt } from './schedule.ts';
import { stepMessage } from './step-message.ts';

export interface StepSenderDeps {
  store: Store;
  box: SecretBox;
  signingKeyOf: (userId: string) => Promise<SigningKey>;
  publicUrl: () => string;
  timeoutMs: number;
  trustedCertificates?: string | readonly string[] | undefined;
  /** Which mail servers may be reached (MAILBOX_HOSTS). */
  hostPolicy: MailboxHostPolicy;
}

export type StepResult = 'sent' | 'reconciled' | 'unconfirmed' | 'refused' | 'left' | 'lost';

/** Noted on a claim while its message is with the SMTP server and no answer is recorded. */
export const HANDED_TO_SMTP = 'handed to the SMTP server; no answer recorded';

/** What the rep reads when a crashed send may have gone out: it is not sent again. */
export const UNCONFIRMED_SEND =
  'The server stopped while this follow-up was with the mail server, and the Sent folder has no copy: it may have gone out, so it was not sent again. Check your Sent folder.';

type SendClaim = Extract<StepClaim, { kind: 'send' | 'reconcile' }>;

const isGmail = (settings: MailboxSettings): boolean => /(^|\.)gmail\.com$/i.test(settings.smtp.host);

export async function sendClaimedStep(deps: StepSenderDeps, claim: SendClaim, owner: string): Promise<StepResult> {
  const { store } = deps;
  const { enrolment, send } = claim;
  const finish = async (outcome: StepOutcome): Promise<StepResult> => {
    const done = await store.completeStep(enrolment.id, send.stepIndex, owner, outcome, new Date());
    return done ? (outcome.sent ? 'sent' : 'refused') : 'lost';
  };
  const [campaign, email, mailbox] = await Promise.all([
    store.getCampaign(enrolment.campaignId),
    store.getEmail(enrolment.emailToken),
    store.getMailbox(enrolment.userId),
  ]);
  if (!campaign || !email) return finish({ sent: false, smtpResponse: 'The campaign or its email is gone.', reason: 'gone' });
  if (!mailbox) return finish({ sent: false, smtpResponse: 'No mailbox is connected to send from.', reason: 'no_mailbox' });
  const settings = openSettings(mailbox, deps.box);
  const nextStep = campaign.steps[send.stepIndex + 1];
  const nextDueAt = (from: Date) => (nextStep ? dueAt(from, nextStep, campaign.window) : null);

  if (claim.kind === 'reconcile') {
    const found = await inSentFolder(deps, settings, send.messageId);
    if (found || send.smtpResponse !== null) {
      const outcome: StepOutcome = found
        ? { sent: true, smtpResponse: 'found in the Sent folder after a restart', nextDueAt: nextDueAt(new Date()) }
        : { sent: false, smtpResponse: UNCONFIRMED_SEND, reason: 'unconfirmed' };
      const done = await store.completeStep(enrolment.id, send.stepIndex, owner, outcome, new Date());
      return done ? (found ? 'reconciled' : 'unconfirmed') : 'lost';
    }
  }

  const previous = (await store.listStepSends(enrolment.id)).filter((s) => s.state === 'sent').map((s) => s.messageId);
  const built = stepMessage(
    { campaign, enrolment, email, send, previous },
    { baseUrl: deps.publicUrl(), signingKey: await deps.signingKeyOf(enrolment.userId) },
  );
  if (!built.ok) return finish({ sent: false, smtpResponse: built.reason, reason: 'blocked' });
  const { message } = built;

  const now = new Date();
  await store.registerEmail({
    token: send.emailToken,
    userId: enrolment.userId,
    subject: message.subject,
    to: [enrolment.recipient],
    cc: [],
    bcc: [],
    sentAt: now,
    gmailThreadId: email.gmailThreadId,
    gmailMessageId: null,
    rfcMessageId: send.messageId,
    openTracking: true,
    clickTracking: true,
    links: message.links,
    createdAt: now,
  });

  const raw = await composeRaw(settings, enrolment.recipient, send.messageId, message);
  let smtpHost;
  try {
    smtpHost = await checkMailHost(settings.smtp.host, deps.hostPolicy);
  } catch (error) {
    if (!(error instanceof MailHostRefusedError)) throw error;
    return finish({ sent: false, smtpResponse: `This server may not connect to your mail server: ${error.message}`, reason: 'refused' });
  }
  // Not resolvable now: nothing was handed over, so it is tried again after the lease.
  if (smtpHost === null) return 'left';
  const transport = createTransport({
    host: smtpHost.address,
    ...(smtpHost.servername === undefined ? {} : { servername: smtpHost.servername }),
    port: settings.smtp.port,
    secure: settings.smtp.tls === 'tls',
    requireTLS: settings.smtp.tls === 'starttls',
    ignoreTLS: settings.smtp.tls === 'none',
    ...(deps.trustedCertificates === undefined ? {} : { tls: { ca: [deps.trustedCertificates].flat() } }),
    auth:
      settings.auth.method === 'password'
        ? { user: settings.username, pass: settings.auth.password }
        : { type: 'OAuth2', user: settings.username, accessToken: settings.auth.accessToken },
    connectionTimeout: deps.timeoutMs,
    greetingTimeout: deps.timeoutMs,
    socketTimeout: deps.timeoutMs,
  });
  if (!(await store.noteStepSmtp(enrolment.id, send.stepIndex, owner, HANDED_TO_SMTP, new Date()))) {
    transport.close();
    return 'lost';
  }
  let response: string;
  try {
    const info = await transport.sendMail({ envelope: { from: settings.username, to: [enrolment.recipient] }, raw });
    response = info.response;
  } catch (error) {
    const code = (error as { responseCode?: number }).responseCode;
    const answer = (error as { response?: string }).response ?? String(error);
    if (code !== undefined && code >= 500) {
      return finish({ sent: false, smtpResponse: `The mail server refused the follow-up: ${answer}`, reason: 'refused' });
    }
    // Surely not taken: sent again after the lease. Else (a timeout after the message) it may have gone.
    if (surelyNotTaken(error)) await store.noteStepSmtp(enrolment.id, send.stepIndex, owner, null, new Date());
    return 'left';
  } finally {
    transport.close();
  }
  // The answer is recorded first: a crash during the Sent append then loses a copy, never sends twice.
  const result = await finish({ sent: true, smtpResponse: response, nextDueAt: nextDueAt(new Date()) });
  if (!isGmail(settings)) await appendToSent(deps, settings, raw).catch(() => undefined);
  return result;
}

/** nodemailer's timeouts that come before the message is written (a socket timeout may come after). */
const BEFORE_ANY_MESSAGE = new Set(['CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT']);

/** Whether an SMTP failure shows the server did not take the message: it answered no, or never got that far. */
function surelyNotTaken(error: unknown): boolean {
  const failure = error as { responseCode?: number; code?: string; originalCode?: string; timeoutType?: string };
  if (typeof failure.responseCode === 'number' || failure.code === 'EAUTH' || failure.code === 'EDNS') return true;
  return failure.originalCode === 'ECONNREFUSED' || BEFORE_ANY_MESSAGE.has(failure.timeoutType ?? '');
}

async function composeRaw(
  settings: MailboxSettings,
  recipient: string,
  messageId: string,
  message: { subject: string; text: string; html: string; inReplyTo: string | null; references: string[] },
): Promise<Buffer> {
  const composer = createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const info = await composer.sendMail({
    from: settings.username,
    to: recipient,
    subject: message.subject,
    text: message.text,
    html: message.html,
    messageId: `<${messageId}>`,
    ...(message.inReplyTo ? { inReplyTo: `<${message.inReplyTo}>` } : {}),
    ...(message.references.length > 0 ? { references: message.references.map((id) => `<${id}>`).join(' ') } : {}),
  });
  return info.message as Buffer;
}

async function withSentFolder<T>(
  deps: StepSenderDeps,
  settings: MailboxSettings,
  work: (client: ReturnType<typeof createImapClient>, path: string) => Promise<T>,
): Promise<T | null> {
  // Refused or unresolvable: thrown, so an append is skipped and a reconciliation waits for the next lease.
  const imapHost = await checkMailHost(settings.imap.host, deps.hostPolicy);
  if (imapHost === null) throw new Error(`${settings.imap.host} does not resolve`);
  const client = createImapClient(settings, {
    timeoutMs: deps.timeoutMs,
    trustedCertificates: deps.trustedCertificates,
    connectTo: imapHost,
  });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const folders = await client.list();
    const sent = folders.find((folder) => folder.specialUse === '\\Sent');
    return sent ? await work(client, sent.path) : null;
  } finally {
    await client.logout().catch(() => undefined);
  }
}

async function appendToSent(deps: StepSenderDeps, settings: MailboxSettings, raw: Buffer): Promise<void> {
  await withSentFolder(deps, settings, async (client, path) => client.append(path, raw, ['\\Seen']));
}

/** How many of the newest Sent messages a reconciliation reads: a crashed send is among the last ones. */
const RECONCILE_WINDOW = 200;

/** Whether a message with this Message-ID is among the newest in the Sent folder (Gmail files sent mail there too). */
async function inSentFolder(deps: StepSenderDeps, settings: MailboxSettings, messageId: string): Promise<boolean> {
  const wanted = messageId.toLowerCase();
  const found = await withSentFolder(deps, settings, async (client, path) => {
    const opened = await client.mailboxOpen(path, { readOnly: true });
    if (opened.exists === 0) return false;
    const from = Math.max(1, opened.exists - RECONCILE_WINDOW + 1);
    for await (const message of client.fetch(`${from}:*`, { envelope: true })) {
      const id = message.envelope?.messageId?.replace(/^<|>$/g, '').toLowerCase();
      if (id === wanted) return true;
    }
    return false;
  });
  return found === true;
}
