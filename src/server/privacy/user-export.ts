// A rep's own data as one JSON-ready object (`glint privacy export`): the account, devices, tracked
// emails, events, documents' metadata and mailbox settings. Left out on purpose: the password
// hash, API tokens, signing keys, the mailbox's sealed credential and the documents' file names
// inside the file store (none is the rep's data; each would help an attacker holding the file).
import type { Store } from '../store/store.ts';

export const EXPORT_FORMAT = 'glint-user-export/1';

export async function exportUser(store: Store, userIdOrEmail: string, now: Date): Promise<Record<string, unknown> | null> {
  const found = userIdOrEmail.includes('@')
    ? await store.findUserCredentials(userIdOrEmail.toLowerCase())
    : await store.getUser(userIdOrEmail);
  if (!found) return null;
  const account = {
    id: found.id,
    email: found.email,
    teamId: found.teamId,
    teamName: found.teamName,
    plan: found.plan,
    createdAt: found.createdAt,
  };
  const [devices, rows, mailbox] = await Promise.all([store.listDevices(found.id), store.userRows(found.id), store.getMailbox(found.id)]);
  const documents = rows.documents.map(({ originalFile: _original, pdfFile: _pdf, ...metadata }) => metadata);
  const mailboxSettings = mailbox === null ? null : (({ sealedSecret: _secret, ...settings }) => settings)(mailbox);
  return {
    format: EXPORT_FORMAT,
    exportedAt: now,
    account,
    devices,
    emails: rows.emails,
    events: rows.events,
    documents,
    mailbox: mailboxSettings,
  };
}
