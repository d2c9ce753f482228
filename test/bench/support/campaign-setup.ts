// The data of bench:campaigns, written into the server's store before the server starts (as
// `glint user add` and the API would, without 20,000 HTTP calls): N reps, each a Dovecot user
// whose mailbox (IMAP on Dovecot, SMTP on the benchmark's sink) is connected, a one-step
// campaign replying in the thread, and E tracked emails enrolled with their step due now.
import { createUser } from '../../../src/server/accounts/create-user.ts';
import { loadConfig, publicUrlOf } from '../../../src/server/config.ts';
import { createContext } from '../../../src/server/context.ts';
import { sealSettings } from '../../../src/server/mail/mailbox-record.ts';
import { mintEmailToken } from '../../../src/shared/email-tokens.ts';
import { mintId } from '../../../src/shared/ids.ts';
import type { Dovecot } from '../../support/dovecot.ts';

export const PASSWORD = 'bench mailbox password';

export interface BenchEnrolment {
  id: string;
  rep: string;
  /** The rep's API token (Authorization: Bearer). */
  apiToken: string;
  emailToken: string;
  /** The tracked email's Message-ID (no <>), which a reply answers. */
  messageId: string;
  dueAt: number;
}

/**
 * Creates the reps and their due enrolments; enrolment i of rep r is due at `dueFrom` + (i * reps
 * + r) ms, so the due order goes round the mailboxes. Returns them in due order.
 */
export async function seedCampaigns(
  env: Record<string, string>,
  dovecot: Dovecot,
  smtpPort: number,
  reps: number,
  perRep: number,
  dueFrom: number,
): Promise<BenchEnrolment[]> {
  const config = loadConfig(env);
  const context = await createContext(config, () => publicUrlOf(config, config.port));
  const { store } = context;
  const enrolments: BenchEnrolment[] = [];
  try {
    await context.keys.checkServerKey();
    for (let r = 0; r < reps; r++) {
      const email = `rep-${r}@northwind.example`;
      const { user, apiToken } = await createUser(store, context.keys, { email, password: PASSWORD });
      dovecot.addUser(email, PASSWORD);
      const settings = {
        imap: { host: dovecot.host, port: dovecot.port, tls: 'none' as const },
        smtp: { host: '127.0.0.1', port: smtpPort, tls: 'none' as const },
        username: email,
        auth: { method: 'password' as const, password: PASSWORD },
      };
      await store.upsertMailbox(sealSettings(user.id, settings, context.box), new Date());
      const campaignId = mintId('campaign');
      await store.createCampaign({
        id: campaignId,
        ownerUserId: user.id,
        teamId: null,
        name: 'Bench follow-up',
        steps: [
          { wait: { amount: 0, unit: 'minutes' }, subject: '', body: 'Hi {{first_name|there}},\n\nAny news?\n\n{{sender.first_name}}' },
        ],
        window: { days: [1, 2, 3, 4, 5, 6, 7], startHour: 0, endHour: 24, timeZone: 'UTC' },
        stopSameCompany: false,
        sender: { first_name: 'Alice' },
        createdAt: new Date(),
      });
      const signingKey = await context.keys.forUser(user.id);
      for (let i = 0; i < perRep; i++) {
        const token = mintEmailToken(signingKey);
        const messageId = `bench-${r}-${i}@mail.northwind.example`;
        const recipient = `buyer-${i}@acme.example`;
        const sentAt = new Date(dueFrom - 60_000);
        await store.registerEmail({
          token,
          userId: user.id,
          subject: 'Proposal',
          to: [recipient],
          cc: [],
          bcc: [],
          sentAt,
          gmailThreadId: null,
          gmailMessageId: null,
          rfcMessageId: messageId,
          openTracking: true,
          clickTracking: true,
          links: [],
          createdAt: sentAt,
        });
        const dueAt = dueFrom + i * reps + r;
        const { enrolment } = await store.enrol({
          id: mintId('enrolment'),
          campaignId,
          userId: user.id,
          emailToken: token,
          recipient,
          fields: {},
          state: 'active',
          nextStep: 0,
          dueAt: new Date(dueAt),
          pausedUntil: null,
          stopReason: null,
          stopDetail: null,
          createdAt: sentAt,
          updatedAt: sentAt,
        });
        enrolments.push({ id: enrolment.id, rep: email, apiToken, emailToken: token, messageId, dueAt });
      }
    }
  } finally {
    await store.close();
  }
  return enrolments.sort((a, b) => a.dueAt - b.dueAt);
}
