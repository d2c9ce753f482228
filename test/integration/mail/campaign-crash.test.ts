// The real `glint serve` process SIGKILLed between the SMTP server's answer to a campaign step and
// the commit that records it, then started again: the recipient's mailbox (read over IMAP) holds
// exactly one copy of the step. The process is held at that point without any hook in the
// product: once the relay has handed the message to LMTP, the test takes SQLite's write lock on
// another connection (BEGIN IMMEDIATE) before the relay answers, so the server's commit waits on
// its busy_timeout with its event loop stopped; the test sees /healthz stop answering and kills.
// Two providers: one that files sent mail in the Sent folder itself (as Gmail does: the restart
// finds the copy, records the step and goes on to the next one, threaded on it), and one that
// does not (the copy the server would have appended never was: the step is not sent again and
// the enrolment stops, saying so).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANDED_TO_SMTP, UNCONFIRMED_SEND } from '../../../src/server/campaigns/step-sender.ts';
import { DATABASE_FILE_NAME } from '../../../src/server/store/sqlite/database.ts';
import {
  connectMailbox,
  createCampaign,
  enrolledEmail,
  enrolmentsOf,
  header,
  repApi,
  until,
  type RepApi,
} from '../../support/campaign-setup.ts';
import { startDovecot, type Dovecot } from '../../support/dovecot.ts';
import { glintCommand, spawnServe, type ServeProcess } from '../../support/glint-serve.ts';

const root = mkdtempSync(join(tmpdir(), 'glint-campaign-crash-'));
const running = new Set<ServeProcess>();
let dovecot: Dovecot;

const REPS = { filing: 'filing@rep.example', plain: 'plain@rep.example' } as const;
const BUYERS = { filing: 'camille.martin@buyer.example', plain: 'jo@buyer.example' } as const;

beforeAll(async () => {
  dovecot = await startDovecot({ submission: true });
  // Every user before the first sign-in: Dovecot rereads the passwd-file when its mtime changes.
  for (const address of [...Object.values(REPS), ...Object.values(BUYERS)]) dovecot.addUser(address, 'secret');
}, 60_000);
afterAll(async () => {
  for (const serve of running) await serve.stop('SIGKILL');
  await dovecot?.stop();
  rmSync(root, { recursive: true, force: true });
});

interface Rep {
  env: NodeJS.ProcessEnv;
  dataDir: string;
  api: RepApi;
  url: string;
}

async function serve(rep: Rep, env: NodeJS.ProcessEnv = {}): Promise<ServeProcess> {
  const started = await spawnServe({ ...rep.env, ...env });
  running.add(started);
  rep.url = started.url;
  return started;
}

/** A data directory, the rep added with `glint user add`, the mailbox connected by a server with sending off. */
async function newRep(email: string): Promise<{ rep: Rep; setup: ServeProcess }> {
  const dataDir = join(root, email.split('@')[0] ?? 'rep');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    MAILBOX_HOSTS: 'loopback',
    CAMPAIGN_SENDING: 'off',
    // A lease of 8 s (four SMTP timeouts): a restart reconciles the killed claim soon after.
    CAMPAIGN_SMTP_TIMEOUT_S: '2',
    CAMPAIGN_LEASE_S: '1',
  };
  const added = await glintCommand(env)('user', 'add', email, '--json');
  expect(added.code).toBe(0);
  const rep: Rep = { env, dataDir, url: '', api: repApi(() => rep.url, (JSON.parse(added.stdout) as { apiToken: string }).apiToken) };
  const setup = await serve(rep);
  await connectMailbox(rep.api, dovecot, email, 'secret');
  return { rep, setup };
}

/** Resolves once the server's event loop stops answering: it is waiting for SQLite's write lock. */
async function untilFrozen(url: string): Promise<void> {
  for (;;) {
    try {
      await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(750) });
    } catch {
      return;
    }
  }
}

/**
 * Starts sending with the step due, holds the server at its commit after the relay's answer, and
 * SIGKILLs it; `whileHeld` runs once the message is delivered (the provider's own filing). The
 * send row as the killed process left it.
 */
async function killBetweenAnswerAndCommit(
  rep: Rep,
  whileHeld: (raw: Buffer) => Promise<void>,
): Promise<{ state: string; smtp_response: string | null }> {
  const db = new Database(join(rep.dataDir, DATABASE_FILE_NAME), { fileMustExist: true });
  const held = new Promise<void>((resolve, reject) => {
    dovecot.relay?.beforeAnswer(async (message) => {
      dovecot.relay?.beforeAnswer(null);
      try {
        await whileHeld(message.raw);
        db.exec('BEGIN IMMEDIATE');
        resolve();
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
  // One claim round at the start, then no poll: nothing else of the scheduler writes meanwhile.
  const sender = await serve(rep, { CAMPAIGN_SENDING: 'on', CAMPAIGN_POLL_MS: '600000' });
  await held;
  await untilFrozen(sender.url);
  await sender.stop('SIGKILL');
  expect(sender.child.signalCode).toBe('SIGKILL');
  db.exec('ROLLBACK');
  const row = db.prepare<[], { state: string; smtp_response: string | null }>('SELECT state, smtp_response FROM campaign_sends').get();
  db.close();
  if (!row) throw new Error('the killed server claimed no step');
  return row;
}

describe('a campaign step across a SIGKILL between the SMTP answer and the commit', () => {
  it('finds the copy the provider filed in Sent, records the step once and goes on in the thread', async () => {
    const { rep, setup } = await newRep(REPS.filing);
    const campaignId = await createCampaign(rep.api, ['Hi {{first_name|there}}, any news?', 'One last note.']);
    const { messageId, enrolment } = await enrolledEmail(rep.api, campaignId, BUYERS.filing);
    await setup.stop();

    const row = await killBetweenAnswerAndCommit(rep, (raw) => dovecot.append(REPS.filing, raw, 'Sent'));
    // The commit never happened: the claim still says the message was with the SMTP server.
    expect(row).toEqual({ state: 'claimed', smtp_response: HANDED_TO_SMTP });
    const [first] = await dovecot.messages(BUYERS.filing);
    expect(first).toBeDefined();

    const restarted = await serve(rep, { CAMPAIGN_SENDING: 'on', CAMPAIGN_POLL_MS: '200' });
    const [step1, step2, ...more] = await until(
      'step 2 in the recipient mailbox',
      () => dovecot.messages(BUYERS.filing),
      (messages) => messages.length >= 2,
    );
    expect(more).toEqual([]);
    expect(step1).toBe(first);
    expect(header(step1 ?? '', 'In-Reply-To')).toBe(`<${messageId}>`);
    expect(header(step1 ?? '', 'Subject')).toBe('Re: Proposal');
    expect(step1).toContain('Hi Camille, any news?');
    const step1Id = header(step1 ?? '', 'Message-ID');
    expect(header(step2 ?? '', 'In-Reply-To')).toBe(step1Id);
    expect(header(step2 ?? '', 'References')).toBe(`<${messageId}> ${step1Id ?? ''}`);
    expect(step2).toContain('One last note.');
    const done = await until(
      'the enrolment finished',
      async () => (await enrolmentsOf(rep.api, campaignId)).find((e) => e.id === enrolment.id),
      (e) => e?.state === 'finished',
    );
    expect(done?.stopReason).toBeNull();
    expect(await dovecot.messages(BUYERS.filing)).toHaveLength(2);
    await restarted.stop();
  }, 180_000);

  it('never sends again a step it cannot confirm when the provider files no copy, and says why', async () => {
    const { rep, setup } = await newRep(REPS.plain);
    const campaignId = await createCampaign(rep.api, ['Hi {{first_name|there}}, any news?', 'One last note.']);
    const { messageId, enrolment } = await enrolledEmail(rep.api, campaignId, BUYERS.plain);
    await setup.stop();

    const row = await killBetweenAnswerAndCommit(rep, async () => undefined);
    expect(row).toEqual({ state: 'claimed', smtp_response: HANDED_TO_SMTP });

    const restarted = await serve(rep, { CAMPAIGN_SENDING: 'on', CAMPAIGN_POLL_MS: '200' });
    const stopped = await until(
      'the enrolment decided after its lease',
      async () => (await enrolmentsOf(rep.api, campaignId)).find((e) => e.id === enrolment.id),
      (e) => e?.state !== 'active',
    );
    expect(stopped).toMatchObject({ state: 'stopped', stopReason: 'unconfirmed' });
    const received = await dovecot.messages(BUYERS.plain);
    expect(received).toHaveLength(1);
    expect(header(received[0] ?? '', 'In-Reply-To')).toBe(`<${messageId}>`);
    expect(await dovecot.messages(REPS.plain, 'Sent')).toEqual([]);
    await restarted.stop();
    const db = new Database(join(rep.dataDir, DATABASE_FILE_NAME), { readonly: true });
    const detail = db
      .prepare<[string], { stop_detail: string }>('SELECT stop_detail FROM campaign_enrolments WHERE id = ?')
      .get(enrolment.id);
    db.close();
    expect(detail?.stop_detail).toBe(UNCONFIRMED_SEND);
  }, 180_000);
});
