-- Which server key this database's secrets are sealed with: a known text sealed by the first
-- server (or CLI) to start on it. Every later start must open it or refuse, even before any
-- signing key exists, so that two instances never seal secrets under two keys.
CREATE TABLE server_key_check (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  sealed TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
