-- Pacing per mailbox shared by every server instance: one row per step claimed for sending
-- (mailbox: the rep's user id). The claim counts the last minute's and the last day's rows under a
-- transaction advisory lock keyed by the mailbox, so two instances never both pass the check; rows
-- older than a day are pruned by the claim.
CREATE TABLE campaign_send_times (
  mailbox TEXT NOT NULL,
  sent_at BIGINT NOT NULL
);
CREATE INDEX campaign_send_times_by_mailbox ON campaign_send_times(mailbox, sent_at);
