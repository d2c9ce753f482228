// Wire schemas of /api/v1/mailbox: they live in src/shared/mailbox-api.ts, where the extension
// reads them too; re-exported here for the server and the CLI.
export { connectionTestResultSchema, mailboxSchema, mailboxTestRequestSchema } from '../../shared/mailbox-api.ts';
export type { MailboxView } from '../../shared/mailbox-api.ts';
