-- Who the team connected as, when Salesforce's identity service said so ("dana@acme.example,
-- Acme Inc"): shown beside the instance URL. NULL: not known (older connections).
ALTER TABLE salesforce_connections ADD COLUMN account TEXT;
