// The reps of bench:reply: Glint users created in the store before the server starts (as
// `glint user add` does, without a process per user), one Dovecot user each, a tracked email
// with its RFC Message-ID, and the mailbox connected through the API as the options page does.
import { loadConfig, publicUrlOf } from '../../../src/server/config.ts';
import { createContext } from '../../../src/server/context.ts';
import { createUser } from '../../../src/server/accounts/create-user.ts';
import type { MailboxView } from '../../../src/server/mail/mailbox-schemas.ts';
import { mintEmailToken } from '../../../src/shared/email-tokens.ts';
import type { SigningKey } from '../../../src/shared/link-signing.ts';
import type { Dovecot } from '../../support/dovecot.ts';
import { newMessageId } from '../../support/mail-messages.ts';

export const BUYER = 'buyer@acme.example';
const PASSWORD = 'bench mailbox password';

export interface BenchRep {
  email: string;
  /** The Dovecot password of the rep's mailbox. */
  password: string;
  headers: Record<string, string>;
  signingKey: SigningKey;
  /** The Message-ID of the rep's tracked email, which every reply answers. */
  messageId: string;
}

/** Runs `work` on every item, at most `concurrency` at a time. */
export async function eachLimited<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

/** Creates the users in the server's store (the server is not running yet) and on Dovecot. */
export async function createReps(env: Record<string, string>, dovecot: Dovecot, count: number): Promise<BenchRep[]> {
  const config = loadConfig(env);
  const context = await createContext(config, () => publicUrlOf(config, config.port));
  try {
    await context.keys.checkServerKey();
    const reps: BenchRep[] = [];
    for (let index = 0; index < count; index++) {
      const email = `rep-${index}@northwind.example`;
      const created = await createUser(context.store, context.keys, { email, password: PASSWORD });
      dovecot.addUser(email, PASSWORD);
      const headers = { authorization: `Bearer ${created.apiToken}`, 'content-type': 'application/json' };
      reps.push({ email, password: PASSWORD, headers, signingKey: created.signingKey, messageId: newMessageId('mail.northwind.example') });
    }
    return reps;
  } finally {
    await context.store.close();
  }
}

async function call(url: string, init: RequestInit): Promise<Response> {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url} answered ${response.status}: ${await response.text()}`);
  return response;
}

/** Registers the rep's tracked email, its Message-ID known (as the extension reports it from Gmail). */
export async function registerTrackedEmail(baseUrl: string, rep: BenchRep): Promise<void> {
  await call(`${baseUrl}/api/v1/emails`, {
    method: 'POST',
    headers: rep.headers,
    body: JSON.stringify({
      token: mintEmailToken(rep.signingKey),
      subject: 'Proposal',
      to: [BUYER],
      rfcMessageId: rep.messageId,
    }),
  });
}

export async function connectMailbox(baseUrl: string, rep: BenchRep, dovecot: Dovecot): Promise<void> {
  const endpoint = { host: dovecot.host, port: dovecot.port, tls: 'none' };
  await call(`${baseUrl}/api/v1/mailbox`, {
    method: 'PUT',
    headers: rep.headers,
    body: JSON.stringify({
      imap: endpoint,
      smtp: { ...endpoint, port: 25 },
      username: rep.email,
      auth: { method: 'password', password: rep.password },
    }),
  });
}

export async function watcherStatus(baseUrl: string, rep: BenchRep): Promise<MailboxView['watcher']> {
  const response = await call(`${baseUrl}/api/v1/mailbox`, { headers: rep.headers });
  return ((await response.json()) as MailboxView).watcher;
}

/** The feed's current cursor for the rep: replies after it are new. */
export async function feedHead(baseUrl: string, rep: BenchRep): Promise<string> {
  const response = await call(`${baseUrl}/api/v1/feed`, { headers: rep.headers });
  return ((await response.json()) as { cursor: string }).cursor;
}
