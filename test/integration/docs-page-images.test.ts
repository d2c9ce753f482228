// The first pages of a document as images (docs/page-images/), on the real server: drawn in the
// background once the document is ready (a PDF at upload, a PowerPoint once LibreOffice is done),
// listed in the viewer page, served with the PDF's own checks (revoked link: 404, email first:
// 403, withdrawn: 410) and never kept by a shared cache, and gone with the document.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentInfo, DocumentLinkInfo } from '../../src/shared/document-schemas.ts';
import { VIEWER_CONFIG_META, type ViewerConfig } from '../../src/shared/viewer-config.ts';
import { documentLink, uploadPdf } from '../support/docs-recipient.ts';
import { requireSoffice } from '../support/libreoffice.ts';
import { makePdf, makePptx } from '../support/make-documents.ts';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';
import { buildViewer } from '../support/viewer-static-server.ts';

requireSoffice();

let server: TestServer;
let rep: TestUser;

beforeAll(async () => {
  server = await startServer({ env: { VIEWER_DIR: await buildViewer() } });
  rep = await server.addUser('rep@pages.example', { plan: 'team_starter' });
});
afterAll(() => server?.close());

const auth = (user: TestUser): Record<string, string> => ({ authorization: `Bearer ${user.apiToken}` });

/** The ViewerConfig the viewer page carries (its <meta>, HTML-escaped JSON). */
async function viewerConfigOf(link: DocumentLinkInfo, headers: Record<string, string> = {}): Promise<ViewerConfig> {
  const html = await (await fetch(link.url, { headers })).text();
  const content = new RegExp(`<meta name="${VIEWER_CONFIG_META}" content="([^"]*)"`).exec(html)?.[1] ?? '';
  return JSON.parse(content.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))) as ViewerConfig;
}

async function upload(bytes: Uint8Array, name: string): Promise<DocumentInfo> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  const response = await fetch(`${server.baseUrl}/api/v1/documents`, { method: 'POST', headers: auth(rep), body: form });
  return (await response.json()) as DocumentInfo;
}

const imagesDirOf = async (documentId: string): Promise<string> => {
  const document = await server.context.store.getDocument(documentId);
  if (!document) throw new Error('no such document');
  return server.context.docs.files.pageImagesDirOf(document.pdfFile);
};

describe('first-page images', () => {
  it('draws the first three pages of a ready PDF, lists them in the viewer page and serves them privately', async () => {
    const document = await uploadPdf(server, rep, 5);
    await server.context.docs.pageImages.idle();
    const link = await documentLink(server, rep, document.id, {});
    const config = await viewerConfigOf(link);
    const base = new URL(link.url).pathname;
    expect(config.pageImages.map((image) => image.url)).toEqual([1, 2, 3].map((page) => `${base}/pages/${page}`));
    // makePdf's pages are US Letter, portrait: the aspect pdf.js lays out.
    for (const image of config.pageImages) expect(image.aspect).toBeCloseTo(612 / 792, 6);

    const first = await fetch(`${link.url}/pages/1`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('image/webp');
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    expect(first.headers.get('x-content-type-options')).toBe('nosniff');
    const bytes = new Uint8Array(await first.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(8, 12))).toBe('WEBP');
    const again = await fetch(`${link.url}/pages/1`, { headers: { 'if-none-match': first.headers.get('etag') ?? '' } });
    expect(again.status).toBe(304);
    expect((await fetch(`${link.url}/pages/4`)).status).toBe(404);
    expect((await fetch(`${link.url}/pages/0`)).status).toBe(400);
  });

  it('answers 404 for the images of a revoked link, and 403 until the reader gave an email', async () => {
    const document = await uploadPdf(server, rep, 2);
    await server.context.docs.pageImages.idle();
    const link = await documentLink(server, rep, document.id, {});
    expect((await fetch(`${link.url}/pages/1`)).status).toBe(200);
    const revoked = await fetch(`${server.baseUrl}/api/v1/documents/${document.id}/links/${link.token}`, {
      method: 'PATCH',
      headers: rep.headers,
      body: JSON.stringify({ revoked: true }),
    });
    expect(revoked.status).toBe(200);
    const gone = await fetch(`${link.url}/pages/1`);
    expect(gone.status).toBe(404);
    expect(gone.headers.get('content-type')).toContain('application/json');

    const gated = await documentLink(server, rep, document.id, { emailToken: undefined, requireEmail: true });
    expect((await fetch(`${gated.url}/pages/1`)).status).toBe(403);
    // The page behind the email question does not preload an image it may not have.
    expect(await (await fetch(gated.url)).text()).not.toContain('rel="preload"');
  });

  it('writes page 1’s image into the viewer page itself, and none into the page behind the email question', async () => {
    const document = await uploadPdf(server, rep, 3);
    await server.context.docs.pageImages.idle();
    const link = await documentLink(server, rep, document.id, {});
    const page = await fetch(link.url);
    expect(page.headers.get('content-security-policy')).toContain('img-src');
    const html = await page.text();
    const img = /<main id="pages" class="pages"><div class="page" data-page="1">(<img [^>]*>)<\/div><\/main>/.exec(html)?.[1] ?? '';
    // Small enough to come inline: the very bytes /pages/1 serves, at the size the server drew.
    const inline = /src="data:image\/webp;base64,([^"]+)"/.exec(img)?.[1] ?? '';
    const served = Buffer.from(await (await fetch(`${link.url}/pages/1`)).arrayBuffer());
    expect(Buffer.from(inline, 'base64').equals(served)).toBe(true);
    expect(img).toMatch(/width="960" height="124[12]"/);
    expect(html).toContain('<body data-state="preview">');

    const gated = await documentLink(server, rep, document.id, { requireEmail: true });
    const gatedHtml = await (await fetch(gated.url)).text();
    expect(gatedHtml).not.toContain('<img');
    expect(gatedHtml).not.toContain('data:image');
    expect(gatedHtml).toContain('<body data-state="loading">');
  });

  it('answers 410 for the images of a team-mate’s link once the owner un-shares the document', async () => {
    const mate = await server.addUser('mate@pages.example', { team: 'pages-team', plan: 'team_starter' });
    const owner = await server.addUser('owner@pages.example', { team: 'pages-team', plan: 'team_starter' });
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await makePdf({ pages: 2 }))]), 'shared.pdf');
    const shared = (await (
      await fetch(`${server.baseUrl}/api/v1/documents?shared=true`, { method: 'POST', headers: auth(owner), body: form })
    ).json()) as DocumentInfo;
    await server.context.docs.pageImages.idle();
    const link = await documentLink(server, mate, shared.id, {});
    expect((await fetch(`${link.url}/pages/1`)).status).toBe(200);
    await fetch(`${server.baseUrl}/api/v1/documents/${shared.id}`, {
      method: 'PATCH',
      headers: owner.headers,
      body: JSON.stringify({ shared: false }),
    });
    expect((await fetch(`${link.url}/pages/1`)).status).toBe(410);
  });

  it('draws a PowerPoint file once its conversion made it ready', async () => {
    const uploaded = await upload(await makePptx(2), 'Slides.pptx');
    expect(uploaded.status).toBe('converting');
    await expect
      .poll(async () => (await server.context.store.getDocument(uploaded.id))?.status, { interval: 200, timeout: 60_000 })
      .toBe('ready');
    await server.context.docs.pageImages.idle();
    const link = await documentLink(server, rep, uploaded.id, {});
    const config = await viewerConfigOf(link);
    expect(config.pageImages).toHaveLength(2);
    // Slides are landscape.
    expect(config.pageImages[0]?.aspect).toBeGreaterThan(1);
    expect((await fetch(`${link.url}/pages/2`)).status).toBe(200);
  });

  it('removes the images with the document', async () => {
    const document = await uploadPdf(server, rep, 1);
    await server.context.docs.pageImages.idle();
    const dir = await imagesDirOf(document.id);
    expect(existsSync(dir)).toBe(true);
    const deleted = await fetch(`${server.baseUrl}/api/v1/documents/${document.id}`, { method: 'DELETE', headers: auth(rep) });
    expect(deleted.status).toBe(204);
    expect(existsSync(dir)).toBe(false);
  });
});

describe('a document without images', () => {
  it('is drawn when a recipient first opens it, after a server that did not draw it', async () => {
    const viewerDir = await buildViewer();
    const dataServer = await startServer({ keepDataDir: true, env: { DOCS_PAGE_IMAGES: '0', VIEWER_DIR: viewerDir } });
    const user = await dataServer.addUser('rep@later.example', { plan: 'team_starter' });
    const document = await uploadPdf(dataServer, user, 2);
    const link = await documentLink(dataServer, user, document.id, {});
    expect((await viewerConfigOf(link)).pageImages).toEqual([]);
    await dataServer.close();

    const later = await startServer({ dataDir: dataServer.dataDir, env: { VIEWER_DIR: viewerDir } });
    try {
      const url = link.url.replace(dataServer.baseUrl, later.baseUrl);
      const firstView = await fetch(url);
      expect(firstView.status).toBe(200);
      await later.context.docs.pageImages.idle();
      const config = await viewerConfigOf({ ...link, url });
      expect(config.pageImages).toHaveLength(2);
    } finally {
      await later.close();
      await rm(dataServer.dataDir, { recursive: true, force: true });
    }
  });
});
