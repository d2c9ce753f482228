// The content library API and the recipient routes on the real server (SQLite, loopback HTTP):
// plan gate, uploads checked by their bytes, visibility, links, Range, beacons into the feed.
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedResponse } from '../../src/shared/api-schemas.ts';
import type { DocumentInfo, DocumentLinkInfo } from '../../src/shared/document-schemas.ts';
import { mintId } from '../../src/shared/ids.ts';
import { mintEmailToken } from '../../src/shared/email-tokens.ts';
import { makePdf, makeWindowsExe } from '../support/make-documents.ts';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';
import { buildViewer } from '../support/viewer-static-server.ts';

let server: TestServer;
let alice: TestUser;
let bob: TestUser;
let freeUser: TestUser;
let outsider: TestUser;

beforeAll(async () => {
  // The server serves the viewer from VIEWER_DIR; a checkout has not built it yet.
  server = await startServer({ env: { VIEWER_DIR: await buildViewer() } });
  alice = await server.addUser('alice@acme.example', { team: 'acme', plan: 'team_starter' });
  bob = await server.addUser('bob@acme.example', { team: 'acme' });
  freeUser = await server.addUser('fran@free.example', { team: 'freebies', plan: 'free' });
  outsider = await server.addUser('olga@other.example', { team: 'other', plan: 'team_pro' });
});

afterAll(() => server.close());

const auth = (user: TestUser): Record<string, string> => ({ authorization: `Bearer ${user.apiToken}` });

async function upload(user: TestUser, bytes: Uint8Array, name: string, query = ''): Promise<Response> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  return fetch(`${server.baseUrl}/api/v1/documents${query}`, { method: 'POST', headers: auth(user), body: form });
}

async function json<T>(response: Response, status: number): Promise<T> {
  const body: unknown = await response.json();
  expect({ status: response.status, body }).toMatchObject({ status });
  return body as T;
}

async function createLink(user: TestUser, documentId: string, body: Record<string, unknown> = {}): Promise<Response> {
  return fetch(`${server.baseUrl}/api/v1/documents/${documentId}/links`, {
    method: 'POST',
    headers: { ...auth(user), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('content library', () => {
  let pdf: DocumentInfo;

  it('explains the plan to a user whose team does not have it', async () => {
    const body = await json<{ error: { message: string } }>(await upload(freeUser, await makePdf({ pages: 1 }), 'a.pdf'), 403);
    expect(body.error.message).toBe(
      'Tracked attachments are part of the Team Starter plan. Ask your Glint administrator to run `glint team set-plan freebies team_starter`.',
    );
  });

  it('stores an uploaded PDF with its page count, title from the file name', async () => {
    pdf = await json<DocumentInfo>(await upload(alice, await makePdf({ pages: 3 }), 'Q3 pricing <final>.pdf'), 201);
    expect(pdf).toMatchObject({
      type: 'pdf',
      pageCount: 3,
      title: 'Q3 pricing _final_',
      originalName: 'Q3 pricing _final_.pdf',
      mine: true,
      shared: false,
    });
  });

  it('refuses a renamed Windows program with a clear message and keeps nothing', async () => {
    // The first-page images of the PDF above are drawn in the background: let them land first.
    await server.context.docs.pageImages.idle();
    const before = await readdir(join(server.dataDir, 'docs'));
    const body = await json<{ error: { code: string; message: string } }>(await upload(alice, makeWindowsExe(), 'invoice.pdf'), 415);
    expect(body.error.message).toBe(
      'This file is not a PDF, Word or PowerPoint document (it looks like a Windows program). Upload a .pdf, .doc, .docx, .ppt or .pptx file.',
    );
    expect(await readdir(join(server.dataDir, 'docs'))).toEqual(before);
  });

  it('answers a malformed multipart form with a 4xx that says what to do, and keeps nothing', async () => {
    const before = await readdir(join(server.dataDir, 'docs'));
    const pdfText = new TextDecoder('latin1').decode(await makePdf({ pages: 1 }));
    const filePart = `--XX\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n${pdfText}\r\n`;
    const field = (name: string): string => `--XX\r\nContent-Disposition: form-data; name="${name}"\r\n\r\nx\r\n`;
    const cases: [string, string, string, number, string][] = [
      ['no boundary', 'multipart/form-data', `${filePart}--XX--\r\n`, 400, 'invalid_multipart'],
      ['another boundary', 'multipart/form-data; boundary=YY', `${filePart}--XX--\r\n`, 400, 'invalid_multipart'],
      ['cut off', 'multipart/form-data; boundary=XX', filePart.slice(0, 200), 400, 'invalid_multipart'],
      [
        'too many fields',
        'multipart/form-data; boundary=XX',
        `${['a', 'b', 'c', 'd', 'e', 'f'].map(field).join('')}${filePart}--XX--\r\n`,
        413,
        'too_many_parts',
      ],
    ];
    for (const [name, contentType, body, status, code] of cases) {
      const response = await fetch(`${server.baseUrl}/api/v1/documents`, {
        method: 'POST',
        headers: { ...auth(alice), 'content-type': contentType },
        body,
      });
      const answer = await json<{ error: { code: string; message: string } }>(response, status);
      expect(answer.error.code, name).toBe(code);
    }
    expect(await readdir(join(server.dataDir, 'docs'))).toEqual(before);
  });

  it('lists and searches; teammates see a document only once it is shared, other teams never', async () => {
    const search = async (user: TestUser, q: string): Promise<string[]> =>
      (
        await json<{ documents: DocumentInfo[] }>(
          await fetch(`${server.baseUrl}/api/v1/documents?q=${encodeURIComponent(q)}`, { headers: auth(user) }),
          200,
        )
      ).documents.map((document) => document.id);
    expect(await search(alice, 'pricing')).toEqual([pdf.id]);
    expect(await search(alice, '%')).toEqual([]);
    expect(await search(bob, '')).toEqual([]);
    const shared = await fetch(`${server.baseUrl}/api/v1/documents/${pdf.id}`, {
      method: 'PATCH',
      headers: { ...auth(alice), 'content-type': 'application/json' },
      body: JSON.stringify({ shared: true, title: 'Pricing 2026' }),
    });
    expect(await json<DocumentInfo>(shared, 200)).toMatchObject({ shared: true, title: 'Pricing 2026' });
    expect(await search(bob, 'pricing')).toEqual([pdf.id]);
    expect(await search(outsider, '')).toEqual([]);
    expect((await fetch(`${server.baseUrl}/api/v1/documents/${pdf.id}`, { headers: auth(outsider) })).status).toBe(404);
    // Bob may see and link it, not rename or delete it.
    const rename = await fetch(`${server.baseUrl}/api/v1/documents/${pdf.id}`, {
      method: 'PATCH',
      headers: { ...auth(bob), 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'mine now' }),
    });
    expect(rename.status).toBe(404);
  });

  it('makes one link per email and document, and a standalone link without an email', async () => {
    const email = mintEmailToken(alice.signingKey);
    const first = await json<DocumentLinkInfo>(await createLink(alice, pdf.id, { emailToken: email }), 201);
    const again = await json<DocumentLinkInfo>(await createLink(alice, pdf.id, { emailToken: email }), 200);
    expect(again.token).toBe(first.token);
    expect(first.url).toBe(`${server.baseUrl}/d/${first.token}`);
    const standalone = await json<DocumentLinkInfo>(await createLink(alice, pdf.id), 201);
    expect(standalone.emailToken).not.toBe(email);
    expect((await createLink(outsider, pdf.id)).status).toBe(404);
  });

  it('refuses a link that would be expired from the start', async () => {
    const response = await createLink(alice, pdf.id, { expiresAt: new Date(Date.now() - 60_000).toISOString() });
    const body = await json<{ error: { code: string; message: string } }>(response, 400);
    expect(body.error).toEqual({
      code: 'expiry_in_past',
      message: 'expiresAt is in the past: the link would never work; give a later time or none',
    });
    const later = await json<DocumentLinkInfo>(
      await createLink(alice, pdf.id, { expiresAt: new Date(Date.now() + 3_600_000).toISOString() }),
      201,
    );
    expect((await fetch(later.url)).status).toBe(200);
  });

  it('deletes the document and its files; its links stop working', async () => {
    const doc = await json<DocumentInfo>(await upload(alice, await makePdf({ pages: 1 }), 'temp.pdf'), 201);
    const link = await json<DocumentLinkInfo>(await createLink(alice, doc.id), 201);
    const files = await readdir(join(server.dataDir, 'docs'));
    expect((await fetch(`${server.baseUrl}/api/v1/documents/${doc.id}`, { method: 'DELETE', headers: auth(bob) })).status).toBe(404);
    expect((await fetch(`${server.baseUrl}/api/v1/documents/${doc.id}`, { method: 'DELETE', headers: auth(alice) })).status).toBe(204);
    expect((await readdir(join(server.dataDir, 'docs'))).length).toBe(files.length - 1);
    expect((await fetch(link.url)).status).toBe(404);
  });

  it('answers 404, not 500, when a live link’s file is gone from disk (deleted meanwhile)', async () => {
    const before = new Set(await readdir(join(server.dataDir, 'docs')));
    const doc = await json<DocumentInfo>(await upload(alice, await makePdf({ pages: 1 }), 'vanishing.pdf'), 201);
    const stored = (await readdir(join(server.dataDir, 'docs'))).filter((name) => !before.has(name));
    const link = await json<DocumentLinkInfo>(await createLink(alice, doc.id, { allowDownload: true }), 201);
    for (const name of stored) await rm(join(server.dataDir, 'docs', name));
    for (const which of ['file', 'original']) {
      const body = await json<{ error: { code: string } }>(await fetch(`${link.url}/${which}`), 404);
      expect(body.error.code).toBe('not_found');
    }
  });
});

describe('recipient routes', () => {
  let doc: DocumentInfo;
  let link: DocumentLinkInfo;
  let emailToken: string;

  beforeAll(async () => {
    emailToken = mintEmailToken(alice.signingKey);
    doc = await json<DocumentInfo>(await upload(alice, await makePdf({ pages: 4 }), 'deck.pdf'), 201);
    await fetch(`${server.baseUrl}/api/v1/emails`, {
      method: 'POST',
      headers: alice.headers,
      // Sent ten minutes ago: the reader opens it now (a hit in the first minute is a link scanner's).
      body: JSON.stringify({
        token: emailToken,
        subject: 'Our deck',
        to: ['buyer@client.example'],
        sentAt: new Date(Date.now() - 600_000).toISOString(),
      }),
    });
    link = await json<DocumentLinkInfo>(await createLink(alice, doc.id, { emailToken }), 201);
  });

  it('serves the PDF by validated ranges, with nosniff, and the original only when allowed', async () => {
    const range = await fetch(`${link.url}/file`, { headers: { Range: 'bytes=0-7' } });
    expect(range.status).toBe(206);
    expect(await range.text()).toBe('%PDF-1.7');
    expect(range.headers.get('x-content-type-options')).toBe('nosniff');
    expect(range.headers.get('content-type')).toBe('application/pdf');
    expect((await fetch(`${link.url}/file`, { headers: { Range: 'bytes=99999999-' } })).status).toBe(416);
    expect((await fetch(`${link.url}/file`, { headers: { Range: 'bytes=x-y' } })).status).toBe(400);
    expect((await fetch(`${link.url}/original`)).status).toBe(403);
    const patch = await fetch(`${server.baseUrl}/api/v1/documents/${doc.id}/links/${link.token}`, {
      method: 'PATCH',
      headers: { ...auth(alice), 'content-type': 'application/json' },
      body: JSON.stringify({ allowDownload: true }),
    });
    expect(await json<DocumentLinkInfo>(patch, 200)).toMatchObject({ allowDownload: true });
    const original = await fetch(`${link.url}/original`);
    expect(original.status).toBe(200);
    expect(original.headers.get('content-disposition')).toBe(`attachment; filename="deck.pdf"; filename*=UTF-8''deck.pdf`);
  });

  it('answers unknown and malformed link tokens with the same page', async () => {
    for (const token of [mintId('documentLink'), 'nope', '..%2F..%2Fetc', `${mintId('documentLink')}${'x'.repeat(80)}`, '%E0%A4%A']) {
      const response = await fetch(`${server.baseUrl}/d/${token}`);
      expect(response.status).toBe(404);
      expect(await response.text()).toContain('This link is not available');
    }
  });

  it('folds a visit’s beacons into one doc_pages event in the feed, after a doc_open', async () => {
    const visitId = 'AAAAAAAAAAAAAAAAAAAAAA';
    const send = (beacon: Record<string, unknown>): Promise<Response> =>
      fetch(`${link.url}/events`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': 'Mozilla/5.0 (Macintosh) Safari/605' },
        body: JSON.stringify({ visitId, ...beacon }),
      });
    expect((await send({ kind: 'open', seq: 0 })).status).toBe(204);
    expect((await send({ kind: 'pages', seq: 1, pages: [{ page: 1, ms: 4000 }] })).status).toBe(204);
    await Promise.all([
      send({
        kind: 'pages',
        seq: 2,
        pages: [
          { page: 1, ms: 4000 },
          { page: 2, ms: 2500 },
        ],
        final: true,
      }),
      send({
        kind: 'pages',
        seq: 3,
        pages: [
          { page: 1, ms: 4000 },
          { page: 2, ms: 2500 },
        ],
        final: true,
      }),
    ]);
    expect((await send({ kind: 'bogus', seq: 4 })).status).toBe(400);
    const feed = await json<FeedResponse>(await fetch(`${server.baseUrl}/api/v1/feed`, { headers: auth(alice) }), 200);
    const docEvents = feed.events.filter((event) => event.email.token === emailToken && event.details?.visitId === visitId);
    expect(docEvents.map((event) => event.kind).sort()).toEqual(['doc_open', 'doc_pages']);
    const pages = docEvents.find((event) => event.kind === 'doc_pages');
    expect(pages?.label).toBe('human');
    expect(pages?.details).toMatchObject({
      documentId: doc.id,
      documentName: 'deck',
      pages: [
        { page: 1, seconds: 4 },
        { page: 2, seconds: 2.5 },
      ],
      totalSeconds: 6.5,
    });
  });

  it('labels the rep’s own device self (hidden from the feed) and a bot machine', async () => {
    const deviceId = mintId('device');
    await fetch(`${server.baseUrl}/api/v1/devices`, {
      method: 'POST',
      headers: alice.headers,
      body: JSON.stringify({ deviceId, name: 'Laptop' }),
    });
    await fetch(`${link.url}/events`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-glint-device': deviceId },
      body: JSON.stringify({ visitId: 'BBBBBBBBBBBBBBBBBBBBBB', kind: 'open', seq: 0 }),
    });
    await fetch(`${link.url}/events`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'user-agent': 'Googlebot/2.1 (+http://www.google.com/bot.html)' },
      body: JSON.stringify({ visitId: 'CCCCCCCCCCCCCCCCCCCCCC', kind: 'open', seq: 0 }),
    });
    const feed = await json<FeedResponse>(await fetch(`${server.baseUrl}/api/v1/feed?includeMachine=true`, { headers: auth(alice) }), 200);
    const ofVisit = (visitId: string): string[][] =>
      feed.events.filter((event) => event.details?.visitId === visitId).map((event) => [event.kind, event.label, event.reason]);
    expect(ofVisit('BBBBBBBBBBBBBBBBBBBBBB')).toEqual([]);
    expect(ofVisit('CCCCCCCCCCCCCCCCCCCCCC')).toEqual([['doc_open', 'machine', 'bot-ua']]);
  });

  it('asks for the viewer’s email first when the link says so, and attributes the visit', async () => {
    const gated = await json<DocumentLinkInfo>(await createLink(alice, doc.id, { requireEmail: true }), 201);
    const page = await (await fetch(gated.url)).text();
    expect(page).toContain(`/d/${gated.token}/identify`);
    expect((await fetch(`${gated.url}/file`)).status).toBe(403);
    // Page times from someone who never gave an email are no view: refused, nothing in the feed.
    const anonymous = await fetch(`${gated.url}/events`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ visitId: 'EEEEEEEEEEEEEEEEEEEEEE', kind: 'open', seq: 0 }),
    });
    expect(anonymous.status).toBe(403);
    expect((await json<{ error: { code: string } }>(anonymous, 403)).error.code).toBe('email_required');
    const identify = await fetch(`${gated.url}/identify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ visitId: 'DDDDDDDDDDDDDDDDDDDDDD', email: 'Buyer@Client.example' }),
    });
    expect(identify.status).toBe(200);
    const cookie = (identify.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(identify.headers.get('set-cookie')).toContain(`Path=/d/${gated.token}; Max-Age=604800; HttpOnly; SameSite=Strict`);
    expect((await fetch(`${gated.url}/file`, { headers: { cookie, Range: 'bytes=0-3' } })).status).toBe(206);
    await fetch(`${gated.url}/events`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', cookie },
      body: JSON.stringify({ visitId: 'DDDDDDDDDDDDDDDDDDDDDD', kind: 'open', seq: 0 }),
    });
    const feed = await json<FeedResponse>(await fetch(`${server.baseUrl}/api/v1/feed`, { headers: auth(alice) }), 200);
    const open = feed.events.find((event) => event.details?.visitId === 'DDDDDDDDDDDDDDDDDDDDDD');
    expect(open?.details).toMatchObject({ viewerEmail: 'buyer@client.example' });
    expect(feed.events.some((event) => event.details?.visitId === 'EEEEEEEEEEEEEEEEEEEEEE')).toBe(false);
  });

  it('stops serving a revoked link', async () => {
    const revoke = await fetch(`${server.baseUrl}/api/v1/documents/${doc.id}/links/${link.token}`, {
      method: 'PATCH',
      headers: { ...auth(alice), 'content-type': 'application/json' },
      body: JSON.stringify({ revoked: true }),
    });
    expect(await json<DocumentLinkInfo>(revoke, 200)).toMatchObject({ revoked: true });
    expect((await fetch(link.url)).status).toBe(404);
    expect((await fetch(`${link.url}/file`)).status).toBe(404);
  });
});
