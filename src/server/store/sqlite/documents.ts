// Documents, document links and viewer visits on SQLite: one prepared statement per method.
import type { DocumentStore } from '../document-store.ts';
import { type DocumentRow, type LinkRow, type VisitRow, likePattern, toDocument, toLink, toVisit } from '../rows/documents.ts';
import type { SqliteDatabase } from './database.ts';

export function documentQueries(db: SqliteDatabase): DocumentStore {
  const insertDocument = db.prepare(`INSERT INTO documents (id, owner_id, team_id, shared, title, original_name, mime,
      doc_type, size, sha256, original_file, pdf_file, page_count, status, failure, failure_code, created_at, updated_at)
    VALUES (@id, @ownerId, @teamId, @shared, @title, @originalName, @mime, @docType, @size, @sha256, @originalFile,
      @pdfFile, @pageCount, @status, @failure, @failureCode, @createdAt, @updatedAt)`);
  const finishConversion = db.prepare<Record<string, string | number | null>, DocumentRow>(`UPDATE documents
    SET status = @status, page_count = @pageCount, failure = @failure, failure_code = @failureCode, updated_at = @at
    WHERE id = @id AND status = 'converting' RETURNING *`);
  const converting = db.prepare<[], DocumentRow>("SELECT * FROM documents WHERE status = 'converting' ORDER BY created_at, id");
  const documentById = db.prepare<[string], DocumentRow>('SELECT * FROM documents WHERE id = ?');
  const listVisible = db.prepare<Record<string, string | number>, DocumentRow>(`SELECT * FROM documents
    WHERE (owner_id = @userId OR (team_id = @teamId AND shared = 1))
      AND (@search = '' OR title LIKE @pattern ESCAPE '\\' OR original_name LIKE @pattern ESCAPE '\\')
    ORDER BY created_at DESC, id LIMIT @limit`);
  const updateDocument = db.prepare<Record<string, string | number | null>, DocumentRow>(`UPDATE documents
    SET title = COALESCE(@title, title), shared = COALESCE(@shared, shared), updated_at = @at
    WHERE id = @id AND owner_id = @ownerId RETURNING *`);
  const deleteDocument = db.prepare<[string, string], DocumentRow>('DELETE FROM documents WHERE id = ? AND owner_id = ? RETURNING *');
  const insertLink = db.prepare(`INSERT INTO document_links (token, document_id, owner_id, email_token, expires_at,
      revoked_at, allow_download, require_email, created_at)
    VALUES (@token, @documentId, @ownerId, @emailToken, @expiresAt, NULL, @allowDownload, @requireEmail, @createdAt)
    ON CONFLICT (email_token, document_id) DO NOTHING`);
  const linkByPair = db.prepare<[string, string], LinkRow>('SELECT * FROM document_links WHERE email_token = ? AND document_id = ?');
  const linkByToken = db.prepare<[string], LinkRow>('SELECT * FROM document_links WHERE token = ?');
  const updateLink = db.prepare<Record<string, string | number | null>, LinkRow>(`UPDATE document_links SET
      revoked_at = CASE WHEN @revoked IS NULL THEN revoked_at WHEN @revoked = 1 THEN COALESCE(revoked_at, @at) ELSE NULL END,
      expires_at = CASE WHEN @setExpiry = 1 THEN @expiresAt ELSE expires_at END,
      allow_download = COALESCE(@allowDownload, allow_download),
      require_email = COALESCE(@requireEmail, require_email)
    WHERE token = @token AND owner_id = @ownerId RETURNING *`);
  const visitById = db.prepare<[string, string], VisitRow>('SELECT * FROM document_visits WHERE link_token = ? AND visit_id = ?');
  const visitByGrant = db.prepare<[string, string], VisitRow>('SELECT * FROM document_visits WHERE link_token = ? AND grant_hash = ?');
  const upsertVisit = db.prepare(`INSERT INTO document_visits (link_token, visit_id, viewer_email, grant_hash, started_at,
      last_at, state_json, open_event_id, pages_event_id)
    VALUES (@linkToken, @visitId, @viewerEmail, @grantHash, @startedAt, @lastAt, @stateJson, @openEventId, @pagesEventId)
    ON CONFLICT (link_token, visit_id) DO UPDATE SET viewer_email = excluded.viewer_email, grant_hash = excluded.grant_hash,
      last_at = excluded.last_at, state_json = excluded.state_json, open_event_id = excluded.open_event_id,
      pages_event_id = excluded.pages_event_id`);
  const flag = (value: boolean | undefined): number | null => (value === undefined ? null : value ? 1 : 0);

  return {
    async createDocument(document) {
      insertDocument.run({
        ...document,
        shared: document.shared ? 1 : 0,
        createdAt: document.createdAt.getTime(),
        updatedAt: document.updatedAt.getTime(),
      });
    },
    async getDocument(id) {
      const row = documentById.get(id);
      return row ? toDocument(row) : null;
    },
    async finishConversion(id, outcome, at) {
      const row = finishConversion.get({
        id,
        status: outcome.status,
        pageCount: outcome.status === 'ready' ? outcome.pageCount : 0,
        failure: outcome.status === 'failed' ? outcome.failure : null,
        failureCode: outcome.status === 'failed' ? outcome.failureCode : null,
        at: at.getTime(),
      });
      return row ? toDocument(row) : null;
    },
    async listConvertingDocuments() {
      return converting.all().map(toDocument);
    },
    async listDocuments({ userId, teamId, search, limit }) {
      const text = search?.trim() ?? '';
      return listVisible.all({ userId, teamId, search: text, pattern: likePattern(text), limit }).map(toDocument);
    },
    async updateDocument(id, ownerId, changes, at) {
      const row = updateDocument.get({ id, ownerId, title: changes.title ?? null, shared: flag(changes.shared), at: at.getTime() });
      return row ? toDocument(row) : null;
    },
    async deleteDocument(id, ownerId) {
      const row = deleteDocument.get(id, ownerId);
      return row ? toDocument(row) : null;
    },
    async createDocumentLink(link) {
      const result = insertLink.run({
        token: link.token,
        documentId: link.documentId,
        ownerId: link.ownerId,
        emailToken: link.emailToken,
        expiresAt: link.expiresAt?.getTime() ?? null,
        allowDownload: link.allowDownload ? 1 : 0,
        requireEmail: link.requireEmail ? 1 : 0,
        createdAt: link.createdAt.getTime(),
      });
      const row = linkByPair.get(link.emailToken, link.documentId);
      if (!row) throw new Error('document link vanished after insert');
      return { link: toLink(row), created: result.changes === 1 };
    },
    async getDocumentLink(token) {
      const link = linkByToken.get(token);
      const document = link ? documentById.get(link.document_id) : undefined;
      return link && document ? { link: toLink(link), document: toDocument(document) } : null;
    },
    async updateDocumentLink(token, ownerId, changes, at) {
      const row = updateLink.get({
        token,
        ownerId,
        at: at.getTime(),
        revoked: flag(changes.revoked),
        setExpiry: changes.expiresAt === undefined ? 0 : 1,
        expiresAt: changes.expiresAt?.getTime() ?? null,
        allowDownload: flag(changes.allowDownload),
        requireEmail: flag(changes.requireEmail),
      });
      return row ? toLink(row) : null;
    },
    async getDocumentVisit(linkToken, visitId) {
      const row = visitById.get(linkToken, visitId);
      return row ? toVisit(row) : null;
    },
    async saveDocumentVisit(visit) {
      upsertVisit.run({ ...visit, startedAt: visit.startedAt.getTime(), lastAt: visit.lastAt.getTime() });
    },
    async findDocumentVisitByGrant(linkToken, grantHash) {
      const row = visitByGrant.get(linkToken, grantHash);
      return row ? toVisit(row) : null;
    },
  };
}
