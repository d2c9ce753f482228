// Records for the Store contract tests: the seed accounts every test starts with, and small
// builders for emails, events and documents (ids minted as the server mints them).
import { mintEmailToken } from '../../../src/shared/email-tokens.ts';
import { mintId } from '../../../src/shared/ids.ts';
import type {
  DocumentLinkRecord,
  DocumentRecord,
  DocumentVisitRecord,
  EmailRecord,
  NewEvent,
  Store,
} from '../../../src/server/store/store.ts';

const T0 = 1_700_000_000_000;
/** A time `ms` after a fixed origin (all tests use times relative to it). */
export const at = (ms: number): Date => new Date(T0 + ms);

/** `value`, or a failed test when it is missing. */
export function must<T>(value: T | null | undefined, what = 'a value'): T {
  if (value === null || value === undefined) throw new Error(`expected ${what}, got ${String(value)}`);
  return value;
}

/** Alice and Bob are teammates in Acme; Carol is in Globex. */
export const ACME = { id: mintId('team'), name: 'Acme', plan: 'team_pro', createdAt: at(0) } as const;
export const GLOBEX = { id: mintId('team'), name: 'Globex', plan: 'free', createdAt: at(0) } as const;
export const ALICE = { id: mintId('user'), email: 'alice@acme.example', passwordHash: 'hash-alice', teamId: ACME.id, createdAt: at(1) };
export const BOB = { id: mintId('user'), email: 'bob@acme.example', passwordHash: 'hash-bob', teamId: ACME.id, createdAt: at(2) };
export const CAROL = { id: mintId('user'), email: 'carol@globex.example', passwordHash: 'hash-carol', teamId: GLOBEX.id, createdAt: at(3) };

export async function seedAccounts(store: Store): Promise<void> {
  await store.createTeam({ ...ACME });
  await store.createTeam({ ...GLOBEX });
  for (const user of [ALICE, BOB, CAROL]) {
    if (!(await store.createUser(user))) throw new Error(`seed user ${user.email} refused`);
  }
}

export function emailRecord(userId: string, fields: Partial<EmailRecord> = {}): EmailRecord {
  return {
    token: mintEmailToken(),
    userId,
    subject: 'Quarterly numbers',
    to: ['reader@example.org', 'second@example.org'],
    cc: ['boss@example.org'],
    bcc: ['archive@example.org'],
    sentAt: at(10_000),
    gmailThreadId: null,
    gmailMessageId: null,
    rfcMessageId: null,
    openTracking: true,
    clickTracking: true,
    links: [
      { index: 0, url: 'https://example.com/pricing' },
      { index: 1, url: 'https://example.com/docs?a=1&b=2' },
    ],
    createdAt: at(10_001),
    ...fields,
  };
}

/** A recipient's hit on `token` (an open by default; no owner given: the store finds it). */
export function hit(token: string, fields: Partial<NewEvent> = {}): NewEvent {
  return {
    id: mintId('event'),
    kind: 'open',
    label: 'human',
    reason: 'no-machine-signal',
    at: at(20_000),
    emailToken: token,
    userId: null,
    signerUserId: null,
    linkIndex: null,
    url: null,
    ip: '198.51.100.7',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0',
    deviceId: null,
    repeat: false,
    details: null,
    ...fields,
  };
}

export function click(token: string, linkIndex: number, fields: Partial<NewEvent> = {}): NewEvent {
  return hit(token, { kind: 'click', linkIndex, url: `https://example.com/${linkIndex}`, ...fields });
}

/** A machine hit (Gmail's image proxy by default). */
export function machine(token: string, fields: Partial<NewEvent> = {}): NewEvent {
  return hit(token, { label: 'machine', reason: 'gmail-proxy-at-send', ...fields });
}

export function documentRecord(owner: { id: string; teamId: string }, fields: Partial<DocumentRecord> = {}): DocumentRecord {
  return {
    id: mintId('document'),
    ownerId: owner.id,
    teamId: owner.teamId,
    shared: false,
    title: 'Pricing 2026',
    originalName: 'pricing-2026.pdf',
    mime: 'application/pdf',
    docType: 'pdf',
    size: 123_456,
    sha256: 'ab'.repeat(32),
    originalFile: `${mintId('document')}.pdf`,
    pdfFile: `${mintId('document')}.pdf`,
    pageCount: 12,
    status: 'ready',
    failure: null,
    failureCode: null,
    createdAt: at(30_000),
    updatedAt: at(30_000),
    ...fields,
  };
}

export function linkRecord(document: DocumentRecord, emailToken: string, fields: Partial<DocumentLinkRecord> = {}): DocumentLinkRecord {
  return {
    token: mintId('documentLink'),
    documentId: document.id,
    ownerId: document.ownerId,
    emailToken,
    expiresAt: null,
    revokedAt: null,
    allowDownload: true,
    requireEmail: false,
    createdAt: at(40_000),
    ...fields,
  };
}

export function visitRecord(linkToken: string, fields: Partial<DocumentVisitRecord> = {}): DocumentVisitRecord {
  return {
    linkToken,
    visitId: `visit-${mintId('event')}`,
    viewerEmail: null,
    grantHash: null,
    startedAt: at(50_000),
    lastAt: at(50_000),
    stateJson: JSON.stringify({ pages: { 1: 4.5 } }),
    openEventId: null,
    pagesEventId: null,
    ...fields,
  };
}
