// Helpers for tests of a document link's recipient side on the real server: a rep with a tracked
// PDF, emails sent at a chosen time, links, and what a reader (or a scanner) sends, from any
// address (start the server with TRUST_PROXY=true so X-Forwarded-For sets the client IP).
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE_NAME } from '../../src/server/store/sqlite/database.ts';
import type { DocumentInfo, DocumentLinkInfo } from '../../src/shared/document-schemas.ts';
import { mintEmailToken } from '../../src/shared/email-tokens.ts';
import { UA } from '../fixtures/hits/real-world.ts';
import { makePdf } from './make-documents.ts';
import type { TestServer, TestUser } from './start-server.ts';

export const CHROME_UA = UA.chromeWindows;

async function expectStatus<T>(response: Response, status: number): Promise<T> {
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

export async function uploadPdf(server: TestServer, rep: TestUser, pages: number, name = 'deck.pdf'): Promise<DocumentInfo> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(await makePdf({ pages }))]), name);
  const response = await fetch(`${server.baseUrl}/api/v1/documents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${rep.apiToken}` },
    body: form,
  });
  return expectStatus<DocumentInfo>(response, 201);
}

/** Registers an email as sent `secondsAgo` seconds ago (scanners check links in the first minute). */
export async function sentEmail(server: TestServer, rep: TestUser, secondsAgo: number): Promise<string> {
  const token = mintEmailToken(rep.signingKey);
  const sentAt = new Date(Date.now() - secondsAgo * 1000).toISOString();
  const response = await fetch(`${server.baseUrl}/api/v1/emails`, {
    method: 'POST',
    headers: rep.headers,
    body: JSON.stringify({ token, subject: 'Our deck', to: ['buyer@client.example'], sentAt }),
  });
  await expectStatus(response, 201);
  return token;
}

export async function documentLink(
  server: TestServer,
  rep: TestUser,
  documentId: string,
  body: { emailToken?: string; allowDownload?: boolean; requireEmail?: boolean },
): Promise<DocumentLinkInfo> {
  const response = await fetch(`${server.baseUrl}/api/v1/documents/${documentId}/links`, {
    method: 'POST',
    headers: rep.headers,
    body: JSON.stringify(body),
  });
  return expectStatus<DocumentLinkInfo>(response, 201);
}

/** Who is asking: the client address (via X-Forwarded-For), the agent, the rep's device header. */
export interface Requester {
  ip: string;
  userAgent: string;
  deviceId?: string;
}

export function requesterHeaders(who: Requester): Record<string, string> {
  return {
    'x-forwarded-for': who.ip,
    'user-agent': who.userAgent,
    ...(who.deviceId ? { 'x-glint-device': who.deviceId } : {}),
  };
}

/** A beacon as the viewer posts it with sendBeacon (text/plain). */
export function postBeacon(link: DocumentLinkInfo, who: Requester, beacon: Record<string, unknown> | string): Promise<Response> {
  return fetch(`${link.url}/events`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', ...requesterHeaders(who) },
    body: typeof beacon === 'string' ? beacon : JSON.stringify(beacon),
  });
}

/** Fetches the original and reads the whole body, as a browser or a download manager would. */
export async function fetchOriginal(
  link: DocumentLinkInfo,
  who: Requester,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<Response> {
  const response = await fetch(`${link.url}/original`, { method, headers: { ...requesterHeaders(who), ...headers } });
  await response.arrayBuffer();
  return response;
}

export interface StoredDocEvent {
  kind: string;
  label: string;
  reason: string;
  ip: string;
  details: Record<string, unknown> | null;
}

/** Every event of an email as stored, self ones included (the feed never shows those). */
export function storedEvents(server: TestServer, emailToken: string): StoredDocEvent[] {
  const db = new Database(join(server.dataDir, DATABASE_FILE_NAME), { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare('SELECT kind, label, reason, ip, details_json AS details FROM events WHERE email_token = ? ORDER BY seq')
      .all(emailToken) as Array<Omit<StoredDocEvent, 'details'> & { details: string | null }>;
    return rows.map((row) => ({ ...row, details: row.details === null ? null : (JSON.parse(row.details) as Record<string, unknown>) }));
  } finally {
    db.close();
  }
}
