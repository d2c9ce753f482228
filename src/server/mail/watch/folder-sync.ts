// Reads what is new in one folder since the watcher's cursor, oldest first, and moves the cursor
// after each message, so a restart resumes exactly where it stopped: nothing missed, nothing read
// twice. A folder seen for the first time, or whose UIDVALIDITY changed (the server renumbered
// it), is read again from a date window; the store's per-message keys make that harmless.
import type { FetchMessageObject, ImapFlow } from 'imapflow';
import type { MailboxCursor, MailboxFolderRole, Store } from '../../store/store.ts';
import type { FetchedMessage } from './message-intake.ts';

export interface WatchedFolder {
  role: MailboxFolderRole;
  path: string;
  /** "host|username|path": a cursor saved for another account or folder is not used. */
  key: string;
}

/** How far back a folder is read the first time it is watched. */
export const FIRST_SCAN_DAYS = 7;
/** A renumbered folder is read again from this long before the cursor last moved... */
const RESCAN_MARGIN_DAYS = 2;
/** ...but never further back than this. */
const MAX_RESCAN_DAYS = 30;
/** Messages fetched per round trip. */
const FETCH_BATCH = 20;
/** The classifier needs headers and the first screens of text: bigger messages are cut. */
export const MAX_FETCHED_BYTES = 2 * 1024 * 1024;

const DAY_MS = 24 * 60 * 60 * 1000;

export interface FolderSyncDeps {
  store: Store;
  userId: string;
  now: () => Date;
  onMessage: (message: FetchedMessage, uidKey: string) => Promise<unknown>;
}

/** True when the folder's UIDNEXT says something arrived after the cursor (or there is no cursor). */
export function hasNewMessages(
  cursor: MailboxCursor | null,
  folder: WatchedFolder,
  uidValidity: number,
  uidNext: number | undefined,
): boolean {
  if (!cursor || cursor.folderKey !== folder.key || cursor.uidValidity !== uidValidity) return true;
  return uidNext === undefined || uidNext > cursor.lastUid + 1;
}

function windowStart(cursor: MailboxCursor | null, folder: WatchedFolder, now: Date): Date {
  if (!cursor || cursor.folderKey !== folder.key) return new Date(now.getTime() - FIRST_SCAN_DAYS * DAY_MS);
  const since = cursor.updatedAt.getTime() - RESCAN_MARGIN_DAYS * DAY_MS;
  return new Date(Math.max(since, now.getTime() - MAX_RESCAN_DAYS * DAY_MS));
}

/** Reads the folder's new messages; the number read. Leaves the folder selected. */
export async function syncFolder(client: ImapFlow, folder: WatchedFolder, deps: FolderSyncDeps): Promise<number> {
  const lock = await client.getMailboxLock(folder.path);
  try {
    const mailbox = client.mailbox;
    if (!mailbox) throw new Error(`${folder.path} could not be opened`);
    const uidValidity = Number(mailbox.uidValidity);
    const cursor = await deps.store.getMailboxCursor(deps.userId, folder.role);
    // No shortcut on UIDNEXT here: a folder that stays selected keeps the value of its SELECT,
    // while new mail is only announced (EXISTS). The UID search below is one cheap round trip.
    const resume = cursor && cursor.folderKey === folder.key && cursor.uidValidity === uidValidity ? cursor.lastUid : null;
    const found =
      resume === null
        ? await client.search({ since: windowStart(cursor, folder, deps.now()) }, { uid: true })
        : await client.search({ uid: `${resume + 1}:*` }, { uid: true });
    // "N:*" also names the last message when N is past the end: keep only what is really new.
    const uids = (found || []).filter((uid) => resume === null || uid > resume).sort((a, b) => a - b);
    const save = (lastUid: number): Promise<void> =>
      deps.store.saveMailboxCursor(deps.userId, folder.role, { folderKey: folder.key, uidValidity, lastUid }, deps.now());
    if (uids.length === 0) {
      // Nothing in the window: start from the end of the folder as it is now. Nothing new past the
      // cursor while UIDNEXT moved on (the last messages were deleted before they were read): move
      // the cursor up, or every Sent check would read the folder again. A stale UIDNEXT is lower
      // than the real one, so no message that may still arrive is skipped.
      if (resume === null) await save(Math.max(0, mailbox.uidNext - 1));
      else if (mailbox.uidNext - 1 > resume) await save(mailbox.uidNext - 1);
      return 0;
    }
    for (let start = 0; start < uids.length; start += FETCH_BATCH) {
      const batch = uids.slice(start, start + FETCH_BATCH);
      const fetched = await client.fetchAll(
        batch,
        { uid: true, internalDate: true, source: { maxLength: MAX_FETCHED_BYTES } },
        { uid: true },
      );
      for (const message of fetched.sort((a, b) => a.uid - b.uid)) {
        await deps.onMessage(toFetched(message), `uid:${folder.key}:${uidValidity}:${message.uid}`);
        await save(message.uid);
      }
    }
    return uids.length;
  } finally {
    lock.release();
  }
}

function toFetched(message: FetchMessageObject): FetchedMessage {
  const date = message.internalDate === undefined ? null : new Date(message.internalDate);
  return {
    uid: message.uid,
    source: message.source ?? Buffer.alloc(0),
    arrivedAt: date && !Number.isNaN(date.getTime()) ? date : null,
  };
}
