// The webhook outbox INSERTs with SQLite's named parameters: { id: event id, now: ms }.
import { enqueueCreatedSql, enqueueRelabelledSql } from '../outbox-sql.ts';

export const ENQUEUE_CREATED_SQL = enqueueCreatedSql('e.id = @id', '@now');
export const ENQUEUE_RELABELLED_SQL = enqueueRelabelledSql('e.id = @id', '@now', 'e.seq');
