-- Campaigns: ordered steps (JSON), a sending window (JSON), sender merge fields (JSON). team_id
-- set: the whole team may use it; null: its author only.
CREATE TABLE campaigns (
  id TEXT PRIMARY KEY,
  owner_user_id TEXT NOT NULL REFERENCES users(id),
  team_id TEXT,
  name TEXT NOT NULL,
  steps_json TEXT NOT NULL,
  window_json TEXT NOT NULL,
  stop_same_company INTEGER NOT NULL,
  sender_json TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX campaigns_by_owner ON campaigns(owner_user_id, created_at);
CREATE INDEX campaigns_by_team ON campaigns(team_id, created_at) WHERE team_id IS NOT NULL;

-- One enrolment per recipient (lowercase) of a tracked email. state: active, paused, stopped,
-- finished; next_step: the index of the step to send; due_at: when it is due (null unless active).
CREATE TABLE campaign_enrolments (
  id TEXT PRIMARY KEY,
  campaign_id TEXT NOT NULL REFERENCES campaigns(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  email_token TEXT NOT NULL,
  recipient TEXT NOT NULL,
  fields_json TEXT NOT NULL,
  state TEXT NOT NULL,
  next_step INTEGER NOT NULL,
  due_at INTEGER,
  paused_until INTEGER,
  stop_reason TEXT,
  stop_detail TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (email_token, recipient)
);
CREATE INDEX campaign_enrolments_by_campaign ON campaign_enrolments(campaign_id, user_id, created_at);
CREATE INDEX campaign_enrolments_due ON campaign_enrolments(due_at) WHERE state = 'active';

-- The sending state machine, one row per step of an enrolment: claimed (its Message-ID and the
-- follow-up's tracked-email token fixed before the SMTP conversation; claimed_by holds it until
-- lease_until), then sent or refused with the SMTP answer. A claim whose lease ran out is
-- reconciled (that Message-ID looked for) before anything is sent again.
CREATE TABLE campaign_sends (
  enrolment_id TEXT NOT NULL REFERENCES campaign_enrolments(id),
  step_index INTEGER NOT NULL,
  user_id TEXT NOT NULL,
  message_id TEXT NOT NULL UNIQUE,
  email_token TEXT NOT NULL,
  state TEXT NOT NULL,
  claimed_by TEXT NOT NULL,
  lease_until INTEGER NOT NULL,
  smtp_response TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (enrolment_id, step_index)
);
