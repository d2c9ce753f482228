// The documents part of the Store (tracked attachments): records and methods. Kept apart from
// store.ts so the area reads as one piece; Store extends DocumentStore.
import type { ConversionFailureCode } from '../../shared/conversion-failure-codes.ts';

/** `converting` until LibreOffice's PDF is in place (PDF uploads are ready at once). */
export type DocumentStatus = 'converting' | 'ready' | 'failed';

/** How a conversion ended. */
export type ConversionOutcome =
  { status: 'ready'; pageCount: number } | { status: 'failed'; failureCode: ConversionFailureCode; failure: string };

export interface DocumentRecord {
  id: string;
  ownerId: string;
  teamId: string;
  /** Visible to (and linkable by) the owner's teammates. */
  shared: boolean;
  title: string;
  originalName: string;
  mime: string;
  docType: string;
  size: number;
  sha256: string;
  /** File names inside the file store (DATA_DIR/docs), never shown to anyone. */
  originalFile: string;
  pdfFile: string;
  /** 0 until the conversion is done. */
  pageCount: number;
  status: DocumentStatus;
  /** Why the conversion failed, for a person; null otherwise. */
  failure: string | null;
  /** Why the conversion failed, as a code the extension words; null otherwise, and for documents failed before codes. */
  failureCode: ConversionFailureCode | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface DocumentLinkRecord {
  token: string;
  documentId: string;
  ownerId: string;
  emailToken: string;
  expiresAt: Date | null;
  revokedAt: Date | null;
  allowDownload: boolean;
  requireEmail: boolean;
  createdAt: Date;
}

export interface DocumentVisitRecord {
  linkToken: string;
  visitId: string;
  viewerEmail: string | null;
  /** SHA-256 of the access grant handed out after the viewer gave an email. */
  grantHash: string | null;
  startedAt: Date;
  lastAt: Date;
  /** Folded page times (server/docs/fold-visit.ts VisitState) as JSON. */
  stateJson: string;
  openEventId: string | null;
  pagesEventId: string | null;
}

export interface DocumentQuery {
  userId: string;
  teamId: string;
  /** Matched against title and original file name, case-insensitively. */
  search?: string | undefined;
  limit: number;
}

export interface DocumentChanges {
  title?: string | undefined;
  shared?: boolean | undefined;
}

export interface DocumentLinkChanges {
  revoked?: boolean | undefined;
  expiresAt?: Date | null | undefined;
  allowDownload?: boolean | undefined;
  requireEmail?: boolean | undefined;
}

export interface DocumentStore {
  createDocument(document: DocumentRecord): Promise<void>;
  getDocument(id: string): Promise<DocumentRecord | null>;
  /** The user's own documents and their team's shared ones, newest first. */
  listDocuments(query: DocumentQuery): Promise<DocumentRecord[]>;
  /** Owner only; null when the document is missing or someone else's. */
  updateDocument(id: string, ownerId: string, changes: DocumentChanges, at: Date): Promise<DocumentRecord | null>;
  /** Ends a conversion; null when the document is gone (deleted meanwhile) or not converting. */
  finishConversion(id: string, outcome: ConversionOutcome, at: Date): Promise<DocumentRecord | null>;
  /** Documents whose conversion has not ended (after a restart: to run again), oldest first. */
  listConvertingDocuments(): Promise<DocumentRecord[]>;
  /** Owner only; returns the deleted record (its files are the caller's to remove). */
  deleteDocument(id: string, ownerId: string): Promise<DocumentRecord | null>;
  /** Idempotent per (email, document): an existing link for the pair is returned instead. */
  createDocumentLink(link: DocumentLinkRecord): Promise<{ link: DocumentLinkRecord; created: boolean }>;
  getDocumentLink(token: string): Promise<{ link: DocumentLinkRecord; document: DocumentRecord } | null>;
  /** Owner of the link only. */
  updateDocumentLink(token: string, ownerId: string, changes: DocumentLinkChanges, at: Date): Promise<DocumentLinkRecord | null>;
  getDocumentVisit(linkToken: string, visitId: string): Promise<DocumentVisitRecord | null>;
  saveDocumentVisit(visit: DocumentVisitRecord): Promise<void>;
  findDocumentVisitByGrant(linkToken: string, grantHash: string): Promise<DocumentVisitRecord | null>;
}
