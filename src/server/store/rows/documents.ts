// Document, link and visit rows as both stores read them, and their records.
import { type ConversionFailureCode, isConversionFailureCode } from '../../../shared/conversion-failure-codes.ts';
import type { DocumentLinkRecord, DocumentRecord, DocumentStatus, DocumentVisitRecord } from '../document-store.ts';

export interface DocumentRow {
  id: string;
  owner_id: string;
  team_id: string;
  shared: number;
  title: string;
  original_name: string;
  mime: string;
  doc_type: string;
  size: number;
  sha256: string;
  original_file: string;
  pdf_file: string;
  page_count: number;
  status: string;
  failure: string | null;
  failure_code: string | null;
  created_at: number;
  updated_at: number;
}

export interface LinkRow {
  token: string;
  document_id: string;
  owner_id: string;
  email_token: string;
  expires_at: number | null;
  revoked_at: number | null;
  allow_download: number;
  require_email: number;
  created_at: number;
}

export interface VisitRow {
  link_token: string;
  visit_id: string;
  viewer_email: string | null;
  grant_hash: string | null;
  started_at: number;
  last_at: number;
  state_json: string;
  open_event_id: string | null;
  pages_event_id: string | null;
}

const STATUSES: readonly DocumentStatus[] = ['converting', 'ready', 'failed'];
// Only this code writes the column; anything else would be a damaged row: not served.
const toStatus = (status: string): DocumentStatus => STATUSES.find((known) => known === status) ?? 'failed';

// A code this version does not know (written by a newer server) reads as none: the generic sentence.
const toFailureCode = (code: string | null): ConversionFailureCode | null => (code !== null && isConversionFailureCode(code) ? code : null);

export const toDocument = (row: DocumentRow): DocumentRecord => ({
  id: row.id,
  ownerId: row.owner_id,
  teamId: row.team_id,
  shared: row.shared === 1,
  title: row.title,
  originalName: row.original_name,
  mime: row.mime,
  docType: row.doc_type,
  size: row.size,
  sha256: row.sha256,
  originalFile: row.original_file,
  pdfFile: row.pdf_file,
  pageCount: row.page_count,
  status: toStatus(row.status),
  failure: row.failure,
  failureCode: toFailureCode(row.failure_code),
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
});

const date = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

export const toLink = (row: LinkRow): DocumentLinkRecord => ({
  token: row.token,
  documentId: row.document_id,
  ownerId: row.owner_id,
  emailToken: row.email_token,
  expiresAt: date(row.expires_at),
  revokedAt: date(row.revoked_at),
  allowDownload: row.allow_download === 1,
  requireEmail: row.require_email === 1,
  createdAt: new Date(row.created_at),
});

export const toVisit = (row: VisitRow): DocumentVisitRecord => ({
  linkToken: row.link_token,
  visitId: row.visit_id,
  viewerEmail: row.viewer_email,
  grantHash: row.grant_hash,
  startedAt: new Date(row.started_at),
  lastAt: new Date(row.last_at),
  stateJson: row.state_json,
  openEventId: row.open_event_id,
  pagesEventId: row.pages_event_id,
});

/** LIKE pattern matching `text` literally (\ escapes % and _). */
export const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
