-- Stored opens and clicks of tokens nobody has registered yet, counted where every server instance
-- sees them (ingest/orphans/orphan-limits.ts): one row per token, one row for all. Seeded from the
-- events already stored; admit_orphan_hit() checks both caps and counts in one round trip.
CREATE TABLE orphan_hit_counts (
  token TEXT PRIMARY KEY,
  hits BIGINT NOT NULL
);
CREATE TABLE orphan_hit_total (
  only_row BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (only_row),
  hits BIGINT NOT NULL
);
INSERT INTO orphan_hit_counts (token, hits)
  SELECT email_token, count(*) FROM events WHERE user_id IS NULL AND kind IN ('open', 'click') GROUP BY email_token;
INSERT INTO orphan_hit_total (hits)
  SELECT count(*) FROM events WHERE user_id IS NULL AND kind IN ('open', 'click');

-- True (and counted) when the token is under p_per_token and all are under p_total. The total row
-- is locked first, here as in attachment and expiry, so concurrent callers never deadlock; a hit
-- refused by its token's cap gives its place in the total back.
CREATE FUNCTION admit_orphan_hit(p_token TEXT, p_per_token BIGINT, p_total BIGINT) RETURNS BOOLEAN
LANGUAGE plpgsql AS $$
BEGIN
  -- A count is not worth a WAL flush: a crash may forget the last few, letting as many more in.
  PERFORM set_config('synchronous_commit', 'off', true);
  INSERT INTO orphan_hit_total AS counted (hits) VALUES (1)
    ON CONFLICT (only_row) DO UPDATE SET hits = counted.hits + 1 WHERE counted.hits < p_total;
  IF NOT FOUND THEN
    RETURN FALSE;
  END IF;
  INSERT INTO orphan_hit_counts AS counted (token, hits) VALUES (p_token, 1)
    ON CONFLICT (token) DO UPDATE SET hits = counted.hits + 1 WHERE counted.hits < p_per_token;
  IF NOT FOUND THEN
    UPDATE orphan_hit_total SET hits = hits - 1;
    RETURN FALSE;
  END IF;
  RETURN TRUE;
END
$$;
