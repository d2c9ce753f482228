-- Salesforce: a team's connection is a crm_endpoints row of kind 'salesforce' (url: the instance
-- URL from the token answer; sealed_secret: the sealed refresh token; kinds: reply and the
-- engagement kinds the team logs), so its deliveries share the outbox, claims, retries and the
-- circuit breaker with webhooks. These tables hold what only Salesforce needs.
CREATE TABLE salesforce_connections (
  endpoint_id TEXT PRIMARY KEY REFERENCES crm_endpoints(id) ON DELETE CASCADE,
  -- One connection a team.
  team_id TEXT NOT NULL UNIQUE REFERENCES teams(id),
  -- 1: an unknown reply sender becomes a Lead; 0: the reply is skipped and listed.
  create_leads INTEGER NOT NULL DEFAULT 0
);

-- A connection under way (OAuth 2.0 authorization code with PKCE): the state is kept hashed,
-- used once, for ten minutes, and names the team and user who started it.
CREATE TABLE salesforce_auth_states (
  state_hash TEXT PRIMARY KEY,
  team_id TEXT NOT NULL REFERENCES teams(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  sealed_verifier TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);

-- Addresses Salesforce knows neither as a Contact nor as a Lead, one row per address.
CREATE TABLE salesforce_skipped (
  endpoint_id TEXT NOT NULL REFERENCES crm_endpoints(id) ON DELETE CASCADE,
  address TEXT NOT NULL,
  last_kind TEXT NOT NULL,
  last_email_token TEXT NOT NULL,
  times INTEGER NOT NULL,
  first_at INTEGER NOT NULL,
  last_at INTEGER NOT NULL,
  PRIMARY KEY (endpoint_id, address)
);

-- Engagement logged as one Task per email, kind and day, with its count of hits.
CREATE TABLE salesforce_activity (
  endpoint_id TEXT NOT NULL REFERENCES crm_endpoints(id) ON DELETE CASCADE,
  email_token TEXT NOT NULL,
  kind TEXT NOT NULL,
  day TEXT NOT NULL,
  task_id TEXT,
  hits INTEGER NOT NULL,
  -- The delivery counted last, so a retry of it is not counted twice.
  last_message_id TEXT NOT NULL,
  PRIMARY KEY (endpoint_id, email_token, kind, day)
);
