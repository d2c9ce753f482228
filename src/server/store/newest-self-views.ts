// The cached list of an email's newest self views, kept exact by each store as views are added.
// Lists are per user: only the owner's views count, and nobody else's can push them out.
import { VIEWS_PER_TOKEN } from './cache-sizes.ts';
import type { SelfView } from './types.ts';

/** Adds a view to a cached list of the newest ones, oldest first, keeping VIEWS_PER_TOKEN. */
export function addToNewestViews(list: SelfView[], view: SelfView): void {
  // A view is normally the newest, but a clock step may put it earlier.
  let index = list.length;
  while (index > 0 && (list[index - 1]?.at.getTime() ?? 0) > view.at.getTime()) index--;
  list.splice(index, 0, view);
  if (list.length > VIEWS_PER_TOKEN) list.splice(0, list.length - VIEWS_PER_TOKEN);
}

/** The cache key of one user's views of one token. */
export function viewsKey(token: string, userId: string): string {
  return `${userId}\n${token}`;
}
