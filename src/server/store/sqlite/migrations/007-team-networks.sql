-- Networks a team allow-listed as its own (a company VPN that exits on a cloud): hits from there
-- are judged on other signals than the network. cidr is normalised (network address and prefix
-- length), so one network is one row.
CREATE TABLE team_networks (
  team_id TEXT NOT NULL REFERENCES teams(id),
  cidr TEXT NOT NULL,
  label TEXT,
  added_by TEXT NOT NULL,
  added_at INTEGER NOT NULL,
  PRIMARY KEY (team_id, cidr)
);
