-- Stored opens and clicks of tokens nobody has registered yet, counted in the database as on
-- PostgreSQL (ingest/orphans/orphan-limits.ts): one row per token, one row for all. Seeded from the
-- events already stored.
CREATE TABLE orphan_hit_counts (
  token TEXT PRIMARY KEY,
  hits INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE orphan_hit_total (
  only_row INTEGER PRIMARY KEY CHECK (only_row = 1),
  hits INTEGER NOT NULL
);
INSERT INTO orphan_hit_counts (token, hits)
  SELECT email_token, count(*) FROM events WHERE user_id IS NULL AND kind IN ('open', 'click') GROUP BY email_token;
INSERT INTO orphan_hit_total (only_row, hits)
  SELECT 1, count(*) FROM events WHERE user_id IS NULL AND kind IN ('open', 'click');
