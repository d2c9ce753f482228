-- The mailbox watcher's state. status_at: when a watcher last set the status (updated_at stays
-- the time the settings changed, as the API shows it).
ALTER TABLE mailboxes ADD COLUMN status_at INTEGER;

-- Where the watcher stopped reading each folder (role: watched or sent). folder_key names the
-- account and folder, so a cursor of other settings is not used. Deleted with the mailbox.
CREATE TABLE mailbox_cursors (
  user_id TEXT NOT NULL REFERENCES users(id),
  role TEXT NOT NULL,
  folder_key TEXT NOT NULL,
  uid_validity INTEGER NOT NULL,
  last_uid INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, role)
);

-- One event per message of a user's mailbox (a reply read twice, after a restart or from two
-- folders, counts once). message_key: the normalised Message-ID, or the message's place
-- "uid:<folder_key>:<uid_validity>:<uid>" when it has none.
CREATE TABLE mail_events (
  user_id TEXT NOT NULL,
  message_key TEXT NOT NULL,
  event_id TEXT NOT NULL,
  PRIMARY KEY (user_id, message_key)
);

-- RFC Message-IDs are stored normalised from now on: trimmed, without angle brackets,
-- lowercase (the rule of store/rows/emails.ts), so a reply's references match with an index.
UPDATE emails SET rfc_message_id = trim(rfc_message_id, char(32, 9, 10, 13)) WHERE rfc_message_id IS NOT NULL;
UPDATE emails SET rfc_message_id = substr(rfc_message_id, 2) WHERE rfc_message_id LIKE '<%';
UPDATE emails SET rfc_message_id = substr(rfc_message_id, 1, length(rfc_message_id) - 1) WHERE rfc_message_id LIKE '%>';
UPDATE emails SET rfc_message_id = lower(trim(rfc_message_id, char(32, 9, 10, 13))) WHERE rfc_message_id IS NOT NULL;
UPDATE emails SET rfc_message_id = NULL WHERE rfc_message_id = '';
-- A reply is matched within its user's emails.
DROP INDEX emails_by_rfc_message_id;
CREATE INDEX emails_by_user_rfc_message_id ON emails(user_id, rfc_message_id) WHERE rfc_message_id IS NOT NULL;
