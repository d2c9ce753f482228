// Which store errors mean "the store cannot write right now" (worth holding the hit and retrying)
// as opposed to a bug or bad data, which must answer and log as any other error, not hide in the
// held-hit queue. Judged by error codes only (SQLite, PostgreSQL SQLSTATE, Node system errors),
// following `cause` because the group commit may wrap the driver's error.

/** SQLite result codes (extended codes start with these) of a busy, full, read-only or failing disk. */
const SQLITE_PREFIXES = ['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_FULL', 'SQLITE_READONLY', 'SQLITE_IOERR', 'SQLITE_CANTOPEN'];

/** SQLSTATE classes 08 (connection), 53 (insufficient resources: disk full, out of memory). */
const PG_CLASSES = ['08', '53'];
/** read_only_sql_transaction; admin / crash shutdown, cannot connect now. */
const PG_CODES = new Set(['25006', '57P01', '57P02', '57P03']);

/** Node system errors of a server that is gone, unreachable or out of disk. */
const SYSTEM_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOSPC', 'EROFS', 'EDQUOT']);

/** node-postgres errors without a code when the connection is lost or the pool cannot connect. */
const PG_CLIENT_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
];

function unavailableCode(code: string): boolean {
  if (SQLITE_PREFIXES.some((prefix) => code.startsWith(prefix))) return true;
  if (PG_CODES.has(code) || SYSTEM_CODES.has(code)) return true;
  return /^[0-9A-Z]{5}$/.test(code) && PG_CLASSES.includes(code.slice(0, 2));
}

/** True when `error` (or one of its causes) says the store is unavailable rather than wrong. */
export function isStoreUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && unavailableCode(code)) return true;
    if (PG_CLIENT_MESSAGES.some((pattern) => pattern.test(current instanceof Error ? current.message : ''))) return true;
  }
  return false;
}
