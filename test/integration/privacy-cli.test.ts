// `glint privacy forget`, `glint privacy export` and `glint team set-retention`, the real commands
// on the data of a real server: after forgetting an address, no text column of any table still
// names it (read straight from the SQLite file), while other recipients stay; the export holds a
// rep's data and none of their secrets.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintId } from '../../src/shared/ids.ts';
import { DATABASE_FILE_NAME } from '../../src/server/store/sqlite/database.ts';
import { glintCommand } from '../support/glint-serve.ts';
import { makePdf } from '../support/make-documents.ts';
import { startServer, type TestUser } from '../support/start-server.ts';
import { openPixel, registerEmail } from './server/helpers.ts';

const GONE = 'camille@client.example';
const KEPT = 'keep@client.example';
const dataDir = mkdtempSync(join(tmpdir(), 'glint-privacy-'));
const glint = glintCommand({ ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
let rep: TestUser;
let apiToken: string;
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Every text value of every table in the SQLite file, lowercased, with where it was. */
function allText(): { where: string; text: string }[] {
  const db = new Database(join(dataDir, DATABASE_FILE_NAME), { readonly: true });
  try {
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all();
    return tables.flatMap(({ name }) =>
      db
        .prepare<[], Record<string, unknown>>(`SELECT * FROM "${name}"`)
        .all()
        .flatMap((row) =>
          Object.entries(row)
            .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
            .map(([column, text]) => ({ where: `${name}.${column}`, text: text.toLowerCase() })),
        ),
    );
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  const server = await startServer({ dataDir });
  try {
    rep = await server.addUser('rep@northwind.example', { team: 'Northwind', plan: 'team_starter' });
    apiToken = rep.apiToken;
    const { token, response } = await registerEmail(server, rep, { to: [GONE, KEPT], cc: [GONE.toUpperCase()] });
    expect(response.status).toBe(201);
    expect((await openPixel(server, token)).status).toBe(200);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await makePdf({ pages: 1 }))]), 'deck.pdf');
    const uploaded = await fetch(`${server.baseUrl}/api/v1/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiToken}` },
      body: form,
    });
    const document = (await uploaded.json()) as { id: string };
    const linked = await fetch(`${server.baseUrl}/api/v1/documents/${document.id}/links`, {
      method: 'POST',
      headers: rep.headers,
      body: JSON.stringify({ emailToken: token, requireEmail: true }),
    });
    const link = (await linked.json()) as { url: string };
    for (const [visitId, email] of [
      ['AAAAAAAAAAAAAAAAAAAAAA', GONE],
      ['BBBBBBBBBBBBBBBBBBBBBB', KEPT],
    ] as const) {
      const identified = await fetch(`${link.url}/identify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ visitId, email }),
      });
      expect(identified.status).toBe(200);
    }
    const store = server.context.store;
    const reply = { from: GONE, fromName: 'Camille', senderRole: 'to', firstLines: 'Send the contract, Camille' };
    const base = {
      label: 'human',
      reason: 'no-machine-signal',
      at: new Date(),
      emailToken: token,
      userId: rep.user.id,
      signerUserId: null,
    } as const;
    const rest = { linkIndex: null, url: null, ip: null, userAgent: null, deviceId: null, repeat: false } as const;
    expect(
      await store.appendMailEvent({ id: mintId('event'), kind: 'reply', details: reply, ...base, ...rest }, 'msg-1@client.example'),
    ).not.toBeNull();
  } finally {
    await server.close();
  }
});

describe('glint privacy forget', () => {
  it('erases every trace of the address and prints the counts', async () => {
    expect(allText().filter((entry) => entry.text.includes(GONE)).length).toBeGreaterThan(3);
    const result = await glint('privacy', 'forget', 'Camille@Client.example', '--json');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toEqual({
      address: GONE,
      events: 1,
      documentVisits: 1,
      mailEvents: 1,
      emailRecipientLists: 1,
      campaignEnrolments: 0,
    });
    expect(allText().filter((entry) => entry.text.includes(GONE))).toEqual([]);
    expect(allText().some((entry) => entry.where === 'document_visits.viewer_email' && entry.text === KEPT)).toBe(true);
    expect(allText().some((entry) => entry.where === 'emails.to_json' && entry.text === JSON.stringify([KEPT]))).toBe(true);
    expect((await glint('privacy', 'forget', GONE)).stdout).toBe(
      `Forgot ${GONE}: 0 events, 0 document visits, 0 mail events, 0 recipient lists, 0 campaign enrolments\n`,
    );
    expect(await glint('privacy', 'forget', 'not-an-address')).toMatchObject({
      code: 2,
      stderr: 'glint: "not-an-address" is not an email address (see --help)\n',
    });
  });
});

describe('glint privacy export', () => {
  it("writes a rep's data without secrets, to stdout or a file", async () => {
    const printed = await glint('privacy', 'export', 'rep@northwind.example');
    expect(printed.code).toBe(0);
    const data = JSON.parse(printed.stdout) as Record<string, unknown[] | Record<string, unknown>>;
    expect(data).toMatchObject({ format: 'glint-user-export/1', account: { email: 'rep@northwind.example', teamName: 'Northwind' } });
    expect(data.emails).toHaveLength(1);
    expect(data.documents).toEqual([expect.objectContaining({ title: 'deck' })]);
    expect((data.events as unknown[]).length).toBeGreaterThan(0);
    expect(printed.stdout).not.toMatch(/password|sealed|pdfFile|originalFile|\$argon|\$scrypt/i);
    expect(printed.stdout).not.toContain(apiToken);
    const out = join(dataDir, 'export.json');
    expect(await glint('privacy', 'export', rep.user.id, '--out', out)).toMatchObject({ code: 0, stdout: '' });
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ account: { id: rep.user.id } });
    expect(await glint('privacy', 'export', 'nobody@northwind.example')).toMatchObject({
      code: 1,
      stderr: 'glint: no user with email or id "nobody@northwind.example"\n',
    });
  });
});

describe('glint team set-retention', () => {
  it('sets and clears a period, refuses what is not one', async () => {
    expect(await glint('team', 'set-retention', 'Northwind', '30')).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^Team Northwind \(tm_[\w-]+\): events and document visits kept 30 days\n$/),
    });
    expect(JSON.parse((await glint('team', 'set-retention', 'Northwind', 'off', '--json')).stdout)).toMatchObject({ retentionDays: null });
    expect((await glint('team', 'set-retention', 'Northwind', '0')).code).toBe(2);
    expect((await glint('team', 'set-retention', 'Nowhere', '7')).code).toBe(1);
  });
});
