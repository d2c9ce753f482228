// The campaign wire shapes live in src/shared/campaign-api.ts: the extension's campaigns page and
// compose control read them too. Re-exported here so the server's imports stay where they were.
export * from '../../shared/campaign-api.ts';
