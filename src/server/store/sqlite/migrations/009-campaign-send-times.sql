-- Pacing per mailbox shared by every server process: one row per step claimed for sending
-- (mailbox: the rep's user id). The claim counts the last minute's and the last day's rows before
-- it takes a step, in its own transaction; rows older than a day are pruned by the claim.
CREATE TABLE campaign_send_times (
  mailbox TEXT NOT NULL,
  sent_at INTEGER NOT NULL
);
CREATE INDEX campaign_send_times_by_mailbox ON campaign_send_times(mailbox, sent_at);
