-- A team's retention period in days (NULL: events and document visits are kept forever).
ALTER TABLE teams ADD COLUMN retention_days INTEGER;
CREATE INDEX events_by_at ON events(at);
