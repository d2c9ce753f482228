-- Tracked attachments: uploaded documents, their tracked links and the viewer visits.
-- Files live under DATA_DIR/docs under random names; only those names are stored here.
CREATE TABLE documents (
  id TEXT PRIMARY KEY,
  owner_id TEXT NOT NULL REFERENCES users(id),
  team_id TEXT NOT NULL REFERENCES teams(id),
  shared INTEGER NOT NULL DEFAULT 0,
  title TEXT NOT NULL,
  original_name TEXT NOT NULL,
  mime TEXT NOT NULL,
  doc_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  original_file TEXT NOT NULL,
  pdf_file TEXT NOT NULL,
  page_count INTEGER NOT NULL,
  status TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX documents_by_owner ON documents(owner_id, created_at);
CREATE INDEX documents_shared_by_team ON documents(team_id, created_at) WHERE shared = 1;

-- One link per (email, document). email_token names the email the link went out in (it may be
-- registered later, like the hits of any email).
CREATE TABLE document_links (
  token TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  owner_id TEXT NOT NULL REFERENCES users(id),
  email_token TEXT NOT NULL,
  expires_at INTEGER,
  revoked_at INTEGER,
  allow_download INTEGER NOT NULL,
  require_email INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (email_token, document_id)
);
CREATE INDEX document_links_by_document ON document_links(document_id);

-- A visit is one load of the viewer (its id minted by the viewer). state_json holds the folded
-- page times; the events it produced are re-delivered as the visit goes on.
CREATE TABLE document_visits (
  link_token TEXT NOT NULL REFERENCES document_links(token) ON DELETE CASCADE,
  visit_id TEXT NOT NULL,
  viewer_email TEXT,
  grant_hash TEXT,
  started_at INTEGER NOT NULL,
  last_at INTEGER NOT NULL,
  state_json TEXT NOT NULL,
  open_event_id TEXT,
  pages_event_id TEXT,
  PRIMARY KEY (link_token, visit_id)
);
CREATE INDEX document_visits_by_grant ON document_visits(grant_hash) WHERE grant_hash IS NOT NULL;
