// Documents, document links and viewer visits on PostgreSQL: one statement per method (two when a
// link already exists), rows mapped as on SQLite.
import type { DocumentStore } from '../document-store.ts';
import { type DocumentRow, type LinkRow, type VisitRow, likePattern, toDocument, toLink, toVisit } from '../rows/documents.ts';
import type { PgDatabase } from './database.ts';

/** 1, 0, or null to leave a flag column as it is. */
const flag = (value: boolean | undefined): number | null => (value === undefined ? null : value ? 1 : 0);

export function documentQueries(db: PgDatabase): DocumentStore {
  return {
    async createDocument(document) {
      await db.query(
        `INSERT INTO documents (id, owner_id, team_id, shared, title, original_name, mime, doc_type, size, sha256,
           original_file, pdf_file, page_count, status, failure, failure_code, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
        [
          document.id,
          document.ownerId,
          document.teamId,
          document.shared ? 1 : 0,
          document.title,
          document.originalName,
          document.mime,
          document.docType,
          document.size,
          document.sha256,
          document.originalFile,
          document.pdfFile,
          document.pageCount,
          document.status,
          document.failure,
          document.failureCode,
          document.createdAt.getTime(),
          document.updatedAt.getTime(),
        ],
      );
    },
    async getDocument(id) {
      const [row] = await db.query<DocumentRow>('SELECT * FROM documents WHERE id = $1', [id]);
      return row ? toDocument(row) : null;
    },
    async finishConversion(id, outcome, at) {
      const [row] = await db.query<DocumentRow>(
        `UPDATE documents SET status = $2, page_count = $3, failure = $4, failure_code = $5, updated_at = $6
         WHERE id = $1 AND status = 'converting' RETURNING *`,
        [
          id,
          outcome.status,
          outcome.status === 'ready' ? outcome.pageCount : 0,
          outcome.status === 'failed' ? outcome.failure : null,
          outcome.status === 'failed' ? outcome.failureCode : null,
          at.getTime(),
        ],
      );
      return row ? toDocument(row) : null;
    },
    async listConvertingDocuments() {
      // COLLATE "C": ids in byte order, as SQLite sorts text whatever the database's locale.
      const rows = await db.query<DocumentRow>(`SELECT * FROM documents WHERE status = 'converting' ORDER BY created_at, id COLLATE "C"`);
      return rows.map(toDocument);
    },
    async listDocuments({ userId, teamId, search, limit }) {
      const text = search?.trim() ?? '';
      // ILIKE: SQLite's LIKE ignores case already.
      const rows = await db.query<DocumentRow>(
        `SELECT * FROM documents
         WHERE (owner_id = $1 OR (team_id = $2 AND shared = 1))
           AND ($3 = '' OR title ILIKE $4 ESCAPE '\\' OR original_name ILIKE $4 ESCAPE '\\')
         ORDER BY created_at DESC, id COLLATE "C" LIMIT $5`,
        [userId, teamId, text, likePattern(text), limit],
      );
      return rows.map(toDocument);
    },
    async updateDocument(id, ownerId, changes, at) {
      const [row] = await db.query<DocumentRow>(
        `UPDATE documents SET title = COALESCE($3, title), shared = COALESCE($4::int, shared), updated_at = $5
         WHERE id = $1 AND owner_id = $2 RETURNING *`,
        [id, ownerId, changes.title ?? null, flag(changes.shared), at.getTime()],
      );
      return row ? toDocument(row) : null;
    },
    async deleteDocument(id, ownerId) {
      const [row] = await db.query<DocumentRow>('DELETE FROM documents WHERE id = $1 AND owner_id = $2 RETURNING *', [id, ownerId]);
      return row ? toDocument(row) : null;
    },
    async createDocumentLink(link) {
      const [inserted] = await db.query<LinkRow>(
        `INSERT INTO document_links (token, document_id, owner_id, email_token, expires_at, revoked_at, allow_download,
           require_email, created_at)
         VALUES ($1, $2, $3, $4, $5, NULL, $6, $7, $8)
         ON CONFLICT (email_token, document_id) DO NOTHING RETURNING *`,
        [
          link.token,
          link.documentId,
          link.ownerId,
          link.emailToken,
          link.expiresAt?.getTime() ?? null,
          link.allowDownload ? 1 : 0,
          link.requireEmail ? 1 : 0,
          link.createdAt.getTime(),
        ],
      );
      if (inserted) return { link: toLink(inserted), created: true };
      const [existing] = await db.query<LinkRow>('SELECT * FROM document_links WHERE email_token = $1 AND document_id = $2', [
        link.emailToken,
        link.documentId,
      ]);
      if (!existing) throw new Error('document link vanished after insert');
      return { link: toLink(existing), created: false };
    },
    async getDocumentLink(token) {
      // Both rows in one round trip, each as JSON with its column names (BIGINTs as JSON numbers).
      const [row] = await db.query<{ link: LinkRow; document: DocumentRow }>(
        `SELECT row_to_json(l) AS link, row_to_json(d) AS document
         FROM document_links l JOIN documents d ON d.id = l.document_id WHERE l.token = $1`,
        [token],
      );
      return row ? { link: toLink(row.link), document: toDocument(row.document) } : null;
    },
    async updateDocumentLink(token, ownerId, changes, at) {
      const [row] = await db.query<LinkRow>(
        `UPDATE document_links SET
           revoked_at = CASE $3::int WHEN 1 THEN COALESCE(revoked_at, $4::bigint) WHEN 0 THEN NULL ELSE revoked_at END,
           expires_at = CASE WHEN $5::boolean THEN $6::bigint ELSE expires_at END,
           allow_download = COALESCE($7::int, allow_download),
           require_email = COALESCE($8::int, require_email)
         WHERE token = $1 AND owner_id = $2 RETURNING *`,
        [
          token,
          ownerId,
          flag(changes.revoked),
          at.getTime(),
          changes.expiresAt !== undefined,
          changes.expiresAt?.getTime() ?? null,
          flag(changes.allowDownload),
          flag(changes.requireEmail),
        ],
      );
      return row ? toLink(row) : null;
    },
    async getDocumentVisit(linkToken, visitId) {
      const [row] = await db.query<VisitRow>('SELECT * FROM document_visits WHERE link_token = $1 AND visit_id = $2', [linkToken, visitId]);
      return row ? toVisit(row) : null;
    },
    async saveDocumentVisit(visit) {
      await db.query(
        `INSERT INTO document_visits (link_token, visit_id, viewer_email, grant_hash, started_at, last_at, state_json,
           open_event_id, pages_event_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (link_token, visit_id) DO UPDATE SET viewer_email = excluded.viewer_email,
           grant_hash = excluded.grant_hash, last_at = excluded.last_at, state_json = excluded.state_json,
           open_event_id = excluded.open_event_id, pages_event_id = excluded.pages_event_id`,
        [
          visit.linkToken,
          visit.visitId,
          visit.viewerEmail,
          visit.grantHash,
          visit.startedAt.getTime(),
          visit.lastAt.getTime(),
          visit.stateJson,
          visit.openEventId,
          visit.pagesEventId,
        ],
      );
    },
    async findDocumentVisitByGrant(linkToken, grantHash) {
      const [row] = await db.query<VisitRow>('SELECT * FROM document_visits WHERE link_token = $1 AND grant_hash = $2', [
        linkToken,
        grantHash,
      ]);
      return row ? toVisit(row) : null;
    },
  };
}
