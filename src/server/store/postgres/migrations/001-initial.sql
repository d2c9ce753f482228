-- The same schema as the SQLite store's migrations 001-004, for PostgreSQL. Times are
-- milliseconds since the epoch (BIGINT); flags are 0/1 integers as in SQLite, so both stores map
-- rows the same way.
CREATE TABLE teams (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  plan TEXT NOT NULL,
  created_at BIGINT NOT NULL
);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  team_id TEXT NOT NULL REFERENCES teams(id),
  created_at BIGINT NOT NULL
);

-- Only the SHA-256 of each token is kept.
CREATE TABLE api_tokens (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL
);

-- Secrets sealed with AES-256-GCM under the server key. added: insertion order, which breaks ties
-- between keys made in the same millisecond (SQLite's rowid does it there).
CREATE TABLE signing_keys (
  kid TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  sealed_secret TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  added BIGINT GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX signing_keys_by_user ON signing_keys(user_id, created_at);

CREATE TABLE devices (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT
);
CREATE INDEX devices_by_user ON devices(user_id);

CREATE TABLE emails (
  token TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  subject TEXT NOT NULL,
  to_json TEXT NOT NULL,
  cc_json TEXT NOT NULL,
  bcc_json TEXT NOT NULL,
  sent_at BIGINT NOT NULL,
  gmail_thread_id TEXT,
  gmail_message_id TEXT,
  rfc_message_id TEXT,
  open_tracking INTEGER NOT NULL,
  click_tracking INTEGER NOT NULL,
  links_json TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX emails_by_user ON emails(user_id, sent_at);
CREATE INDEX emails_by_rfc_message_id ON emails(rfc_message_id) WHERE rfc_message_id IS NOT NULL;

-- No foreign key to emails: a view may be reported before the email is registered.
CREATE TABLE self_views (
  email_token TEXT NOT NULL,
  user_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX self_views_by_token ON self_views(email_token, at);

-- seq is the feed cursor; relabelling moves an event to a new, larger seq (nextval). Event
-- writes are serialised in the store so that seq order is commit order (a cursor never skips).
-- user_id stays NULL until the email is registered (hits may arrive first). A retracted event
-- was relabelled self after the feed delivered it (see SQLite migration 003).
CREATE SEQUENCE events_seq;
CREATE TABLE events (
  seq BIGINT PRIMARY KEY DEFAULT nextval('events_seq'),
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  label TEXT NOT NULL,
  reason TEXT NOT NULL,
  at BIGINT NOT NULL,
  email_token TEXT NOT NULL,
  user_id TEXT,
  signer_user_id TEXT,
  link_index INTEGER,
  url TEXT,
  ip TEXT,
  user_agent TEXT,
  device_id TEXT,
  repeat INTEGER NOT NULL DEFAULT 0,
  details_json TEXT,
  retracted INTEGER NOT NULL DEFAULT 0
);
ALTER SEQUENCE events_seq OWNED BY events.seq;
CREATE INDEX events_by_user ON events(user_id, seq);
CREATE INDEX events_by_token_kind ON events(email_token, kind, label, at);
CREATE INDEX events_orphans ON events(email_token, at) WHERE user_id IS NULL;

-- Tracked attachments: uploaded documents, their tracked links and the viewer visits. Files live
-- under DATA_DIR/docs under random names; only those names are stored here.
CREATE TABLE documents (
  id TEXT PRIMARY KEY,
  owner_id TEXT NOT NULL REFERENCES users(id),
  team_id TEXT NOT NULL REFERENCES teams(id),
  shared INTEGER NOT NULL DEFAULT 0,
  title TEXT NOT NULL,
  original_name TEXT NOT NULL,
  mime TEXT NOT NULL,
  doc_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  original_file TEXT NOT NULL,
  pdf_file TEXT NOT NULL,
  page_count INTEGER NOT NULL,
  status TEXT NOT NULL,
  failure TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX documents_by_owner ON documents(owner_id, created_at);
CREATE INDEX documents_shared_by_team ON documents(team_id, created_at) WHERE shared = 1;
CREATE INDEX documents_converting ON documents(created_at) WHERE status = 'converting';

-- One link per (email, document).
CREATE TABLE document_links (
  token TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  owner_id TEXT NOT NULL REFERENCES users(id),
  email_token TEXT NOT NULL,
  expires_at BIGINT,
  revoked_at BIGINT,
  allow_download INTEGER NOT NULL,
  require_email INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (email_token, document_id)
);
CREATE INDEX document_links_by_document ON document_links(document_id);

-- A visit is one load of the viewer (its id minted by the viewer).
CREATE TABLE document_visits (
  link_token TEXT NOT NULL REFERENCES document_links(token) ON DELETE CASCADE,
  visit_id TEXT NOT NULL,
  viewer_email TEXT,
  grant_hash TEXT,
  started_at BIGINT NOT NULL,
  last_at BIGINT NOT NULL,
  state_json TEXT NOT NULL,
  open_event_id TEXT,
  pages_event_id TEXT,
  PRIMARY KEY (link_token, visit_id)
);
CREATE INDEX document_visits_by_grant ON document_visits(grant_hash) WHERE grant_hash IS NOT NULL;
