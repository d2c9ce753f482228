-- Work that must run in one server instance at a time (a mailbox's watcher, the retention purge):
-- one row per piece of work, held by one instance until expires_at (ms) unless renewed. generation
-- counts the takings, so a holder knows when its lease was lost and taken again in between.
CREATE TABLE work_leases (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  generation BIGINT NOT NULL
);
