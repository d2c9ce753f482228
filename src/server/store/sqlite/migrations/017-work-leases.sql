-- Work that must run in one server process at a time (a mailbox's watcher, the retention purge):
-- one row per piece of work, held by one process until expires_at (ms) unless renewed. generation
-- counts the takings, so a holder knows when its lease was lost and taken again in between.
CREATE TABLE work_leases (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  generation INTEGER NOT NULL
) WITHOUT ROWID;
