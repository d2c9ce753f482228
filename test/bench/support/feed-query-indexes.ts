// The events table's secondary indexes, dropped before bench:feed-query's bulk load and built again
// after it: building a B-tree once from sorted rows is far cheaper than 10 million scattered
// inserts into each of four of them (the load of 10 million events otherwise slows to a crawl as
// the indexes outgrow the cache). Only plain indexes move; the key and UNIQUE (id) stay, so the
// table keeps its constraints while it fills. The statements are read from the database itself,
// so the rebuilt indexes are exactly the ones the migrations made.
import type Database from 'better-sqlite3';
import type pg from 'pg';

export interface IndexDefinition {
  name: string;
  create: string;
}

export function sqliteEventIndexes(db: Database.Database): IndexDefinition[] {
  // sql IS NULL for the automatic indexes behind PRIMARY KEY and UNIQUE.
  const rows = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' AND sql IS NOT NULL ORDER BY name")
    .all() as { name: string; sql: string }[];
  return rows.map((row) => ({ name: row.name, create: row.sql }));
}

export async function postgresEventIndexes(client: pg.Client): Promise<IndexDefinition[]> {
  const { rows } = await client.query<{ name: string; create: string }>(
    `SELECT indexname AS name, indexdef AS create FROM pg_indexes
      WHERE schemaname = current_schema() AND tablename = 'events'
        AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'events'::regclass)
      ORDER BY indexname`,
  );
  return rows;
}

export const dropIndexSql = (index: IndexDefinition): string => `DROP INDEX ${index.name}`;
