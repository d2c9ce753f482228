// A stranger holding a document link cannot record without bound: beacons are validated strictly,
// beacons per visit, new visits and recording requests per network are capped (429 in the one
// error shape, with Retry-After), a visit ends after DOC_VISIT_MAX_MS, and what a visit claims is
// bounded by the server's wall time and the document's pages. Real server over loopback; each test
// uses its own client address (TRUST_PROXY=true) so the buckets do not mix.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DOC_BEACONS_PER_VISIT,
  DOC_NEW_VISITS_PER_READER,
  DOC_REQUESTS_PER_READER,
  DOC_VISIT_MAX_MS,
} from '../../src/shared/doc-tracking-config.ts';
import type { DocumentInfo, DocumentLinkInfo } from '../../src/shared/document-schemas.ts';
import { newVisit } from '../../src/server/docs/record-beacon.ts';
import { CHROME_UA, documentLink, postBeacon, sentEmail, storedEvents, uploadPdf, type Requester } from '../support/docs-recipient.ts';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';

let server: TestServer;
let rep: TestUser;
let pdf: DocumentInfo;
let link: DocumentLinkInfo;
let email = '';

beforeAll(async () => {
  server = await startServer({ env: { TRUST_PROXY: 'true' } });
  rep = await server.addUser('rep@seller.example', { team: 'seller', plan: 'team_starter' });
  pdf = await uploadPdf(server, rep, 3);
  email = await sentEmail(server, rep, 3600);
  link = await documentLink(server, rep, pdf.id, { emailToken: email, allowDownload: true });
});

afterAll(() => server.close());

const from = (ip: string): Requester => ({ ip, userAgent: CHROME_UA });
const visitId = (n: number): string => `visit${String(n).padStart(17, '0')}`;

async function error(response: Response): Promise<{ status: number; code: string; message: string }> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  return { status: response.status, ...body.error };
}

describe('beacon bodies', () => {
  const reader = from('203.0.113.10');
  const invalid = (message: string) => ({ status: 400, code: 'validation_failed', message: `Invalid beacon: ${message}` });

  it('refuses anything the viewer would not send, with a clear 400', async () => {
    const open = { visitId: visitId(1), kind: 'open', seq: 0 };
    expect(await error(await postBeacon(link, reader, { ...open, sneaky: 1 }))).toEqual(invalid('Unrecognized key: "sneaky"'));
    expect(
      await error(
        await postBeacon(link, reader, {
          ...open,
          kind: 'pages',
          pages: [
            { page: 2, ms: 1 },
            { page: 1, ms: 1 },
          ],
        }),
      ),
    ).toEqual(invalid('pages: must list each page once, in ascending order'));
    expect(
      await error(
        await postBeacon(link, reader, {
          ...open,
          kind: 'pages',
          pages: [
            { page: 1, ms: 1 },
            { page: 1, ms: 9 },
          ],
        }),
      ),
    ).toEqual(invalid('pages: must list each page once, in ascending order'));
    expect((await error(await postBeacon(link, reader, { ...open, pages: [{ page: 1, ms: 1, extra: true }] }))).message).toBe(
      'Invalid beacon: pages.0: Unrecognized key: "extra"',
    );
    expect((await error(await postBeacon(link, reader, { ...open, pages: [{ page: 0, ms: 1 }] }))).message).toMatch(
      /^Invalid beacon: pages\.0\.page: /,
    );
    expect((await error(await postBeacon(link, reader, { ...open, pages: [{ page: 1, ms: 1e12 }] }))).message).toMatch(
      /^Invalid beacon: pages\.0\.ms: /,
    );
    expect((await error(await postBeacon(link, reader, { ...open, visitId: '../../x' }))).message).toBe(
      'Invalid beacon: visitId: must be a visit id minted by the viewer',
    );
    expect(await error(await postBeacon(link, reader, '{"visitId":'))).toEqual({
      status: 400,
      code: 'invalid_json',
      message: 'The beacon is not valid JSON',
    });
    const huge = await postBeacon(link, reader, {
      ...open,
      pages: Array.from({ length: 5000 }, (_, index) => ({ page: index + 1, ms: 1 })),
    });
    expect(huge.status).toBe(413);
    expect(storedEvents(server, email)).toEqual([]);
  });
});

describe('rate limits', () => {
  it('caps the beacons of one visit and says when to try again', async () => {
    const reader = from('203.0.113.20');
    for (let seq = 0; seq < DOC_BEACONS_PER_VISIT.burst; seq++) {
      expect(
        (await postBeacon(link, reader, { visitId: visitId(2), kind: 'pages', seq, pages: [{ page: 1, ms: 100 * seq }] })).status,
      ).toBe(204);
    }
    const refused = await postBeacon(link, reader, { visitId: visitId(2), kind: 'pages', seq: 99, pages: [{ page: 1, ms: 5000 }] });
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(await error(refused)).toEqual({
      status: 429,
      code: 'rate_limited',
      message: 'Too many beacons for this visit; try again in 5 s',
    });
    // Another visit from the same reader is not held back.
    expect((await postBeacon(link, reader, { visitId: visitId(3), kind: 'open', seq: 0 })).status).toBe(204);
  });

  it('caps new visits per link and network, not the visits already begun nor other networks', async () => {
    const before = storedEvents(server, email).filter((event) => event.kind === 'doc_open').length;
    const script = from('2001:db8:77::1');
    for (let n = 0; n < DOC_NEW_VISITS_PER_READER.burst; n++) {
      // Rotating addresses inside one /64 is still one network.
      const sender = from(`2001:db8:77::${(n + 2).toString(16)}`);
      expect((await postBeacon(link, sender, { visitId: visitId(100 + n), kind: 'open', seq: 0 })).status).toBe(204);
    }
    const refused = await postBeacon(link, script, { visitId: visitId(200), kind: 'open', seq: 0 });
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(await error(refused)).toEqual({
      status: 429,
      code: 'rate_limited',
      message: 'Too many new visits of this document from your network; try again in 60 s',
    });
    expect((await postBeacon(link, script, { visitId: visitId(100), kind: 'pages', seq: 1, pages: [{ page: 1, ms: 800 }] })).status).toBe(
      204,
    );
    expect((await postBeacon(link, from('2001:db8:78::1'), { visitId: visitId(201), kind: 'open', seq: 0 })).status).toBe(204);
    const opens = storedEvents(server, email).filter((event) => event.kind === 'doc_open').length;
    expect(opens - before).toBe(DOC_NEW_VISITS_PER_READER.burst + 1);
  });

  it('caps recording requests per link and network: download starts past the cap get 429 and no file', async () => {
    const reader = from('198.51.100.30');
    const started = Date.now();
    const start = (): Promise<Response> =>
      fetch(`${link.url}/original`, { headers: { 'x-forwarded-for': reader.ip, 'user-agent': reader.userAgent, range: 'bytes=0-0' } });
    let allowed = 0;
    let refused = await start();
    for (; refused.status === 206 && allowed <= 2 * DOC_REQUESTS_PER_READER.burst; allowed++) {
      await refused.arrayBuffer();
      refused = await start();
    }
    // The burst, plus what refilled meanwhile (DOC_REQUESTS_PER_READER.perMinute).
    const refilled = Math.ceil(((Date.now() - started) / 60_000) * DOC_REQUESTS_PER_READER.perMinute);
    expect(allowed).toBeGreaterThanOrEqual(DOC_REQUESTS_PER_READER.burst);
    expect(allowed).toBeLessThanOrEqual(DOC_REQUESTS_PER_READER.burst + refilled);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.headers.get('content-disposition')).toBeNull();
    expect(await error(refused)).toEqual({
      status: 429,
      code: 'rate_limited',
      message: 'Too many requests for this document from your network; try again in 1 s',
    });
    // Reading the PDF in the viewer records nothing, so it is not held back.
    expect((await fetch(`${link.url}/file`, { headers: { 'x-forwarded-for': reader.ip, range: 'bytes=0-7' } })).status).toBe(206);
    // All those starts were one download by one reader.
    expect(storedEvents(server, email).filter((event) => event.kind === 'doc_download' && event.ip === reader.ip)).toHaveLength(1);
  });
});

describe('visit bounds', () => {
  it('ends a visit DOC_VISIT_MAX_MS after it began', async () => {
    const target = await server.context.store.getDocumentLink(link.token);
    if (!target) throw new Error('link not stored');
    const old = newVisit(target.link, visitId(300), new Date(Date.now() - DOC_VISIT_MAX_MS - 60_000));
    await server.context.store.saveDocumentVisit(old);
    const response = await postBeacon(link, from('203.0.113.40'), {
      visitId: visitId(300),
      kind: 'pages',
      seq: 7,
      pages: [{ page: 1, ms: 9_000 }],
    });
    expect(await error(response)).toEqual({
      status: 409,
      code: 'visit_ended',
      message: 'This visit began more than 4 hours ago; reload the document to start a new one',
    });
  });

  it('bounds what a visit claims by the wall time the server saw and the document’s pages', async () => {
    const reader = from('203.0.113.50');
    const id = visitId(400);
    await postBeacon(link, reader, { visitId: id, kind: 'open', seq: 0 });
    const claim = [
      { page: 1, ms: 3_600_000 },
      { page: 2, ms: 3_600_000 },
      { page: 99, ms: 3_600_000 },
    ];
    expect((await postBeacon(link, reader, { visitId: id, kind: 'pages', seq: 1, pages: claim, final: true })).status).toBe(204);
    const pages = storedEvents(server, email).find((event) => event.kind === 'doc_pages' && event.details?.visitId === id);
    const details = pages?.details as { pages: Array<{ page: number; seconds: number }>; totalSeconds: number };
    expect(details.pages.map((entry) => entry.page)).toEqual([1, 2]);
    // Two hours claimed within a second: the total is what the clock allows (15 s of slack).
    expect(details.totalSeconds).toBeLessThanOrEqual(16);
    expect(details.pages[0]?.seconds).toBeCloseTo(details.totalSeconds / 2, 0);
  });
});
