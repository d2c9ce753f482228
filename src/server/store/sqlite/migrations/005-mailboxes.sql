-- One mailbox connection per user, for reply tracking: IMAP (watched) and SMTP (kept for the
-- campaigns that will send), the username and the credential sealed with the server key. The
-- watcher's state (waiting, watching or paused, and why; the last reply seen) and the last connection
-- test live beside the settings.
CREATE TABLE mailboxes (
  user_id TEXT PRIMARY KEY REFERENCES users(id),
  imap_host TEXT NOT NULL,
  imap_port INTEGER NOT NULL,
  imap_tls TEXT NOT NULL,
  smtp_host TEXT NOT NULL,
  smtp_port INTEGER NOT NULL,
  smtp_tls TEXT NOT NULL,
  username TEXT NOT NULL,
  auth_method TEXT NOT NULL,
  sealed_secret TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'waiting',
  paused_reason TEXT,
  last_reply_at INTEGER,
  last_test_at INTEGER,
  last_test_failure TEXT,
  last_test_message TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
