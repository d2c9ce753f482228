// The number on the toolbar button: human events not read yet (see countUnread).
import { type FeedDb } from '../data/feed-db.ts';
import { countUnread } from '../data/feed-writes.ts';

export function badgeText(unread: number): string {
  if (unread <= 0) return '';
  return unread > 99 ? '99+' : String(unread);
}

export async function refreshBadge(db: FeedDb): Promise<number> {
  const unread = await countUnread(db);
  await chrome.action.setBadgeBackgroundColor({ color: '#4f46e5' });
  await chrome.action.setBadgeText({ text: badgeText(unread) });
  return unread;
}
