// Hostile text in subjects and document titles: NUL, CR/LF and bidi overrides (U+202E shows
// "Invoice fdp.exe" as "Invoice exe.pdf") are taken out where the text enters and isolated where it
// is shown. Recipient pages forbid framing and need no inline style; a PDF served inline is
// sandboxed.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentInfo } from '../../src/shared/document-schemas.ts';
import { cleanDisplayText, isolateBidi } from '../../src/shared/display-text.ts';
import { notificationFor } from '../../src/extension/background/notifications.ts';
import { printable } from '../../src/server/cli/printable.ts';
import { documentLink, uploadPdf } from '../support/docs-recipient.ts';
import { makeFeedEvent } from '../support/feed-events.ts';
import { translator } from '../support/locale-catalogue.ts';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';
import { json, registerEmail } from '../integration/server/helpers.ts';

const HOSTILE = 'Invoice\u0000\r\nBcc: evil@example.org \u202efdp.exe\u001b[2J';
const CLEAN = 'Invoice Bcc: evil@example.org fdp.exe[2J';

describe('cleanDisplayText and isolateBidi', () => {
  it('turns line breaks into spaces and drops control and bidi characters', () => {
    expect(cleanDisplayText(HOSTILE)).toBe(CLEAN);
    expect(cleanDisplayText('\u2066a\u2069\u200f  b\t\tc\u0085')).toBe('a b c');
  });

  it('isolates text with right-to-left letters and leaves other text alone', () => {
    expect(isolateBidi('שלום world')).toBe('\u2068שלום world\u2069');
    expect(isolateBidi('Proposal for Acme')).toBe('Proposal for Acme');
  });
});

describe('where subjects and titles are shown', () => {
  it('notifications carry no controls and isolate right-to-left subjects', () => {
    const translate = translator('en');
    const hostile = notificationFor(makeFeedEvent({ email: { subject: HOSTILE } }), translate);
    expect(hostile?.title).toBe(`Opened: ${CLEAN}`);
    const hebrew = notificationFor(makeFeedEvent({ email: { subject: 'הצעה \u202eלאקמה' } }), translate);
    expect(hebrew?.title).toBe('Opened: \u2068הצעה לאקמה\u2069');
  });

  it('the CLI shows control and bidi characters as escapes', () => {
    expect(printable('deck\u202efdp.exe\r\n')).toBe('deck\\u202efdp.exe\\u000d\\u000a');
  });
});

describe('the server', () => {
  let server: TestServer;
  let alice: TestUser;
  beforeAll(async () => {
    server = await startServer();
    alice = await server.addUser('alice@acme.example', { team: 'acme', plan: 'team_pro' });
  });
  afterAll(() => server.close());

  it('stores an email subject without controls or bidi overrides', async () => {
    const { token, response } = await registerEmail(server, alice, { subject: HOSTILE });
    expect(response.status).toBe(201);
    const email = await fetch(`${server.baseUrl}/api/v1/emails/${token}`, { headers: alice.headers });
    expect((await json<{ subject: string }>(email)).subject).toBe(CLEAN);
  });

  it('stores document titles without them, and refuses a title made only of them', async () => {
    const uploaded = await uploadPdf(server, alice, 1);
    const rename = (title: string): Promise<Response> =>
      fetch(`${server.baseUrl}/api/v1/documents/${uploaded.id}`, {
        method: 'PATCH',
        headers: alice.headers,
        body: JSON.stringify({ title }),
      });
    const renamed = await rename('Q3 \u202efdp.exe\nplan');
    expect(renamed.status).toBe(200);
    expect((await json<DocumentInfo>(renamed)).title).toBe('Q3 fdp.exe plan');
    const empty = await rename('\u202e\u0000\r\n');
    expect(empty.status).toBe(400);
  });

  it('serves a PDF inline under a sandbox CSP', async () => {
    const uploaded = await uploadPdf(server, alice, 1);
    const link = await documentLink(server, alice, uploaded.id, {});
    const file = await fetch(`${link.url}/file`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toMatch(/^inline;/);
    expect(file.headers.get('content-security-policy')).toBe('sandbox');
  });

  it('sends recipient pages that no page may frame and that need no inline style', async () => {
    const page = await fetch(`${server.baseUrl}/t/c/not-a-token/0`);
    expect(page.status).toBe(400);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await page.text();
    expect(html).not.toMatch(/\sstyle=/);
    const style = /<style>([^<]*)<\/style>/.exec(html)?.[1] ?? '';
    expect(csp).toContain(`style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'`);
  });
});
