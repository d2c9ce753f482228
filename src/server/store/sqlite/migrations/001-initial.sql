-- Accounts, emails, devices, self views and events. Times are milliseconds since the epoch.
CREATE TABLE teams (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  plan TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  team_id TEXT NOT NULL REFERENCES teams(id),
  created_at INTEGER NOT NULL
);

-- Only the SHA-256 of each token is kept.
CREATE TABLE api_tokens (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL
);

-- Secrets sealed with AES-256-GCM under the server key.
CREATE TABLE signing_keys (
  kid TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  sealed_secret TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX signing_keys_by_user ON signing_keys(user_id, created_at);

CREATE TABLE devices (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER
);
CREATE INDEX devices_by_user ON devices(user_id);

CREATE TABLE emails (
  token TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  subject TEXT NOT NULL,
  to_json TEXT NOT NULL,
  cc_json TEXT NOT NULL,
  bcc_json TEXT NOT NULL,
  sent_at INTEGER NOT NULL,
  gmail_thread_id TEXT,
  gmail_message_id TEXT,
  rfc_message_id TEXT,
  open_tracking INTEGER NOT NULL,
  click_tracking INTEGER NOT NULL,
  links_json TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX emails_by_user ON emails(user_id, sent_at);
CREATE INDEX emails_by_rfc_message_id ON emails(rfc_message_id) WHERE rfc_message_id IS NOT NULL;

-- No foreign key to emails: a view may be reported before the email is registered.
CREATE TABLE self_views (
  email_token TEXT NOT NULL,
  user_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX self_views_by_token ON self_views(email_token, at);

-- seq is the feed cursor (the rowid); relabelling moves an event to a new, larger seq.
-- user_id stays NULL until the email is registered (hits may arrive first).
CREATE TABLE events (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  label TEXT NOT NULL,
  reason TEXT NOT NULL,
  at INTEGER NOT NULL,
  email_token TEXT NOT NULL,
  user_id TEXT,
  signer_user_id TEXT,
  link_index INTEGER,
  url TEXT,
  ip TEXT,
  user_agent TEXT,
  device_id TEXT,
  repeat INTEGER NOT NULL DEFAULT 0,
  details_json TEXT
);
CREATE INDEX events_by_user ON events(user_id, seq);
-- Ingestion reads the latest clicks and the latest human open of an email: bounded index scans
-- even when an email collects thousands of hits.
CREATE INDEX events_by_token_kind ON events(email_token, kind, label, at);
CREATE INDEX events_orphans ON events(email_token, at) WHERE user_id IS NULL;
