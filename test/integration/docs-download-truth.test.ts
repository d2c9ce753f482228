// doc_download comes from the server's own fetch of the original, once per download, and document
// hits meet the machine rules of clicks: link-scanner networks, scans right after sending (unless
// the same address has just opened the email: a person on a call), bot agents, and the rep's
// device is self. Real server, real SQLite, requests over loopback with the
// client address set through X-Forwarded-For (TRUST_PROXY=true) to real-shaped addresses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentInfo } from '../../src/shared/document-schemas.ts';
import { mintId } from '../../src/shared/ids.ts';
import { recordBeacon } from '../../src/server/docs/record-beacon.ts';
import { IP, UA } from '../fixtures/hits/real-world.ts';
import {
  CHROME_UA,
  documentLink,
  fetchOriginal,
  postBeacon,
  requesterHeaders,
  sentEmail,
  storedEvents,
  uploadPdf,
  type Requester,
} from '../support/docs-recipient.ts';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';

let server: TestServer;
let rep: TestUser;
let pdf: DocumentInfo;
const HOUR = 3600;
const reader: Requester = { ip: IP.home, userAgent: CHROME_UA };

beforeAll(async () => {
  server = await startServer({ env: { TRUST_PROXY: 'true' } });
  rep = await server.addUser('rep@seller.example', { team: 'seller', plan: 'team_starter' });
  pdf = await uploadPdf(server, rep, 3);
});

afterAll(() => server.close());

const kinds = (events: ReturnType<typeof storedEvents>, kind: string): Array<[string, string]> =>
  events.filter((event) => event.kind === kind).map((event) => [event.label, event.reason]);

describe('doc_download', () => {
  it('is recorded once when the original is fetched, with the document, and not from a viewer beacon', async () => {
    const email = await sentEmail(server, rep, HOUR);
    const link = await documentLink(server, rep, pdf.id, { emailToken: email, allowDownload: true });
    const visitId = 'AAAAAAAAAAAAAAAAAAAAAA';
    // A viewer loaded before the change still posts a download beacon: it counts nothing.
    expect((await postBeacon(link, reader, { visitId, kind: 'open', seq: 0 })).status).toBe(204);
    expect((await postBeacon(link, reader, { visitId, kind: 'download', seq: 1 })).status).toBe(204);
    expect(kinds(storedEvents(server, email), 'doc_download')).toEqual([]);
    const download = await fetchOriginal(link, reader);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain('attachment');
    const events = storedEvents(server, email);
    expect(kinds(events, 'doc_download')).toEqual([['human', 'no-machine-signal']]);
    expect(events.find((event) => event.kind === 'doc_download')?.details).toEqual({ documentId: pdf.id, documentName: 'deck' });
  });

  it('counts a download split into ranges, probed, resumed or checked with HEAD once', async () => {
    const email = await sentEmail(server, rep, HOUR);
    const link = await documentLink(server, rep, pdf.id, { emailToken: email, allowDownload: true });
    const size = Number((await fetchOriginal(link, reader, {}, 'HEAD')).headers.get('content-length'));
    expect(kinds(storedEvents(server, email), 'doc_download')).toEqual([]);
    // A download manager: probe the first byte, then fetch two segments in parallel.
    expect((await fetchOriginal(link, reader, { range: 'bytes=0-0' })).status).toBe(206);
    const half = Math.floor(size / 2);
    const segments = await Promise.all([
      fetchOriginal(link, reader, { range: `bytes=0-${half - 1}` }),
      fetchOriginal(link, reader, { range: `bytes=${half}-` }),
    ]);
    expect(segments.map((response) => response.status)).toEqual([206, 206]);
    // The browser resumes an interrupted download from where it stopped.
    expect((await fetchOriginal(link, reader, { range: `bytes=${size - 100}-` })).status).toBe(206);
    expect(kinds(storedEvents(server, email), 'doc_download')).toEqual([['human', 'no-machine-signal']]);
    // Someone else downloading it is another download.
    await fetchOriginal(link, { ip: IP.office, userAgent: UA.edgeWindows });
    expect(kinds(storedEvents(server, email), 'doc_download')).toHaveLength(2);
  });

  it('attributes the download to the reader who gave their email', async () => {
    const email = await sentEmail(server, rep, HOUR);
    const link = await documentLink(server, rep, pdf.id, { emailToken: email, allowDownload: true, requireEmail: true });
    expect((await fetchOriginal(link, reader)).status).toBe(403);
    const identify = await fetch(`${link.url}/identify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': reader.ip },
      body: JSON.stringify({ visitId: 'BBBBBBBBBBBBBBBBBBBBBB', email: 'Buyer@Client.example' }),
    });
    const cookie = (identify.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect((await fetchOriginal(link, reader, { cookie })).status).toBe(200);
    const download = storedEvents(server, email).find((event) => event.kind === 'doc_download');
    expect(download?.details).toMatchObject({ visitId: 'BBBBBBBBBBBBBBBBBBBBBB', viewerEmail: 'buyer@client.example' });
  });
});

describe('machine truth for document hits', () => {
  it('labels a server-side fetch of the original from Safe Links, Proofpoint, Mimecast and Barracuda networks machine', async () => {
    const email = await sentEmail(server, rep, 3 * HOUR);
    const link = await documentLink(server, rep, pdf.id, { emailToken: email, allowDownload: true });
    for (const ip of [IP.microsoftEop, IP.microsoftEopV6, IP.proofpoint, IP.mimecast, IP.barracuda]) {
      expect((await fetchOriginal(link, { ip, userAgent: UA.chromeWindows })).status).toBe(200);
    }
    const downloads = storedEvents(server, email).filter((event) => event.kind === 'doc_download');
    expect(downloads.map((event) => [event.ip, event.label, event.reason])).toEqual(
      [IP.microsoftEop, IP.microsoftEopV6, IP.proofpoint, IP.mimecast, IP.barracuda].map((ip) => [ip, 'machine', 'link-scanner-network']),
    );
  });

  it('labels a headless detonation running the viewer, and scripts fetching the original, bot-ua', async () => {
    const email = await sentEmail(server, rep, 3 * HOUR);
    const link = await documentLink(server, rep, pdf.id, { emailToken: email, allowDownload: true });
    const sandbox: Requester = { ip: IP.office, userAgent: UA.headlessChrome };
    await postBeacon(link, sandbox, { visitId: 'CCCCCCCCCCCCCCCCCCCCCC', kind: 'open', seq: 0 });
    await postBeacon(link, sandbox, { visitId: 'CCCCCCCCCCCCCCCCCCCCCC', kind: 'pages', seq: 1, pages: [{ page: 1, ms: 900 }] });
    await fetchOriginal(link, { ip: IP.phone, userAgent: UA.curl });
    await fetchOriginal(link, { ip: IP.phone, userAgent: UA.pythonRequests });
    const events = storedEvents(server, email);
    expect(events.map((event) => [event.kind, event.label, event.reason])).toEqual([
      ['doc_open', 'machine', 'bot-ua'],
      ['doc_pages', 'machine', 'bot-ua'],
      ['doc_download', 'machine', 'bot-ua'],
      ['doc_download', 'machine', 'bot-ua'],
    ]);
  });

  it('labels document hits seconds after sending machine (a gateway checking the link at delivery)', async () => {
    const email = await sentEmail(server, rep, 5);
    const link = await documentLink(server, rep, pdf.id, { emailToken: email, allowDownload: true });
    await postBeacon(link, reader, { visitId: 'DDDDDDDDDDDDDDDDDDDDDD', kind: 'open', seq: 0 });
    await fetchOriginal(link, reader);
    expect(storedEvents(server, email).map((event) => [event.kind, event.label, event.reason])).toEqual([
      ['doc_open', 'machine', 'link-scanner-timing'],
      ['doc_download', 'machine', 'link-scanner-timing'],
    ]);
  });

  it('labels them human when the same address has just opened the email with a mail client (a person on a call)', async () => {
    const email = await sentEmail(server, rep, 20);
    const link = await documentLink(server, rep, pdf.id, { emailToken: email, allowDownload: true });
    const opened = await fetch(`${server.baseUrl}/t/o/${email}.gif`, {
      headers: requesterHeaders({ ip: IP.home, userAgent: UA.outlookDesktop }),
    });
    expect(opened.status).toBe(200);
    await postBeacon(link, reader, { visitId: 'FFFFFFFFFFFFFFFFFFFFFF', kind: 'open', seq: 0 });
    await fetchOriginal(link, reader);
    // Another address in the same minute is still a gateway's check.
    await fetchOriginal(link, { ip: IP.office, userAgent: CHROME_UA });
    expect(storedEvents(server, email).map((event) => [event.kind, event.label, event.reason])).toEqual([
      ['open', 'human', 'no-machine-signal'],
      ['doc_open', 'human', 'no-machine-signal'],
      ['doc_download', 'human', 'no-machine-signal'],
      ['doc_download', 'machine', 'link-scanner-timing'],
    ]);
  });

  it('keeps a scan visit’s doc_pages machine when its first page time arrives after the window', async () => {
    const sentAt = Date.now() - 2 * HOUR * 1000;
    const email = await sentEmail(server, rep, 2 * HOUR);
    const info = await documentLink(server, rep, pdf.id, { emailToken: email });
    const target = await server.context.store.getDocumentLink(info.token);
    if (!target) throw new Error('link not stored');
    const facts = { ip: IP.home, userAgent: CHROME_UA };
    const visitId = 'EEEEEEEEEEEEEEEEEEEEEE';
    // The store's email says "sent two hours ago"; the beacons carry their own server times.
    const at = (seconds: number): Date => new Date(sentAt + seconds * 1000);
    await recordBeacon(server.context, target, { visitId, kind: 'open', seq: 0, pages: [], final: false }, facts, at(50));
    await recordBeacon(
      server.context,
      target,
      { visitId, kind: 'pages', seq: 1, pages: [{ page: 1, ms: 20_000 }], final: false },
      facts,
      at(75),
    );
    expect(storedEvents(server, email).map((event) => [event.kind, event.label, event.reason])).toEqual([
      ['doc_open', 'machine', 'link-scanner-timing'],
      ['doc_pages', 'machine', 'link-scanner-timing'],
    ]);
  });

  it('labels the rep’s own device self: a download and a visit from the rep’s browser never reach the feed', async () => {
    const deviceId = mintId('device');
    await fetch(`${server.baseUrl}/api/v1/devices`, {
      method: 'POST',
      headers: rep.headers,
      body: JSON.stringify({ deviceId, name: 'Laptop' }),
    });
    const email = await sentEmail(server, rep, HOUR);
    const link = await documentLink(server, rep, pdf.id, { emailToken: email, allowDownload: true });
    const own: Requester = { ...reader, deviceId };
    await postBeacon(link, own, { visitId: 'FFFFFFFFFFFFFFFFFFFFFF', kind: 'open', seq: 0 });
    await fetchOriginal(link, own);
    expect(storedEvents(server, email).map((event) => [event.kind, event.label, event.reason])).toEqual([
      ['doc_open', 'self', 'sender-device'],
      ['doc_download', 'self', 'sender-device'],
    ]);
    const feed = await fetch(`${server.baseUrl}/api/v1/feed?includeMachine=true`, { headers: rep.headers });
    const shown = ((await feed.json()) as { events: Array<{ email: { token: string } }> }).events;
    expect(shown.filter((event) => event.email.token === email)).toEqual([]);
  });
});
