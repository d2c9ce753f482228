-- CRM deliveries: a team's endpoints (today webhooks, kind 'webhook'; a CRM such as Salesforce
-- is another kind, with its instance URL in url and its sealed token in sealed_secret) and the
-- delivery outbox. A delivery row is inserted in the same
-- transaction as the event it carries (or the relabel it announces), so no event is stored without
-- its deliveries and none is delivered that was not stored. Workers claim rows with a lease
-- (claimed_by, lease_until); an expired lease (a killed server) makes the row claimable again.
CREATE TABLE crm_endpoints (
  id TEXT PRIMARY KEY,
  team_id TEXT NOT NULL REFERENCES teams(id),
  -- Which sender delivers to it (crm/): 'webhook' only, so far.
  kind TEXT NOT NULL DEFAULT 'webhook',
  url TEXT NOT NULL,
  -- Event kinds, comma-separated with a comma at each end (',open,reply,') for a LIKE match.
  kinds TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  sealed_secret TEXT NOT NULL,
  previous_sealed_secret TEXT,
  previous_secret_until INTEGER,
  -- active, paused (circuit breaker) or disabled (the receiver answered 410 Gone)
  state TEXT NOT NULL DEFAULT 'active',
  state_reason TEXT,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX crm_endpoints_team ON crm_endpoints (team_id);

CREATE TABLE crm_deliveries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  endpoint_id TEXT NOT NULL REFERENCES crm_endpoints(id) ON DELETE CASCADE,
  -- What the receiver de-duplicates on: the event id, or event id + its new seq for a relabel.
  message_id TEXT NOT NULL,
  type TEXT NOT NULL,
  event_id TEXT NOT NULL,
  email_token TEXT NOT NULL,
  label TEXT NOT NULL,
  reason TEXT NOT NULL,
  -- pending (queued, retrying or in flight under a lease), delivered or failed (gave up)
  status TEXT NOT NULL DEFAULT 'pending',
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  claimed_by TEXT,
  lease_until INTEGER,
  last_status INTEGER,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  finished_at INTEGER
);
CREATE INDEX crm_deliveries_due ON crm_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX crm_deliveries_order ON crm_deliveries (endpoint_id, email_token, id) WHERE status = 'pending';
CREATE INDEX crm_deliveries_log ON crm_deliveries (endpoint_id, id);
CREATE INDEX crm_deliveries_event ON crm_deliveries (event_id);
