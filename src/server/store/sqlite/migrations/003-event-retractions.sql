-- Later evidence may relabel an event that the feed already delivered as human (a self-view
-- beacon arriving just after Gmail's proxy fetch). Relabelled self, it is `retracted`: cursor
-- (forward) feed reads deliver it once more, labelled self, so clients drop it; history pages and
-- fresh clients never see it, like every other self event.
ALTER TABLE events ADD COLUMN retracted INTEGER NOT NULL DEFAULT 0;
