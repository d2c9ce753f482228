// Which folders the watcher reads. Gmail's "All Mail" (special use \All) holds the inbox, the
// messages a filter archived at once, and the rep's sent mail, so on Gmail it is the one folder
// watched. Elsewhere the INBOX is watched and the Sent folder read beside it, to learn the RFC
// Message-ID of tracked emails the extension could not report.
import type { ImapFlow } from 'imapflow';
import type { WatchedFolder } from './folder-sync.ts';

export interface WatchedFolders {
  watched: WatchedFolder;
  /** Null when the watched folder already holds the sent mail. */
  sent: WatchedFolder | null;
}

export async function pickWatchedFolders(client: ImapFlow, accountKey: string): Promise<WatchedFolders> {
  const folders = await client.list();
  const all = folders.find((folder) => folder.specialUse === '\\All');
  const sent = folders.find((folder) => folder.specialUse === '\\Sent');
  const folder = (role: WatchedFolder['role'], path: string): WatchedFolder => ({ role, path, key: `${accountKey}|${path}` });
  if (all) return { watched: folder('watched', all.path), sent: null };
  return { watched: folder('watched', 'INBOX'), sent: sent ? folder('sent', sent.path) : null };
}
