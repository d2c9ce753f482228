// GET /api/v1/feed — the caller's events. ?cursor=: what happened after it, oldest first, held
// open up to ?wait= seconds until something arrives (long-poll). ?before=: a history page, newest
// first. Neither: the newest page and the current cursor. Self events never appear, nor machine
// ones with includeMachine=false, with one exception: an event relabelled so after it may have
// been delivered (a self-view beacon that came just after the proxy fetch; later evidence of a
// scanner) is re-delivered once on ?cursor=, with its new label, so the client drops it. A person's
// click that a link sweep may still relabel carries `checkingUntil` (feed-holds.ts).
import { errorResponseSchema, feedQuerySchema, feedResponseSchema } from '../../shared/api-schemas.ts';
import type { FeedPage } from '../store/store.ts';
import type { RouteModule } from './app-types.ts';
import { currentUser, stillSignedIn } from './auth.ts';
import { holdOpenWhileWaiting } from './connection-limits.ts';
import { HttpError } from './errors.ts';
import { openFeedCursor, sealFeedCursor } from './feed-cursor.ts';
import { checkingTimes } from './feed-holds.ts';
import { presentFeedEvent } from './presenters.ts';

export const registerFeedRoutes: RouteModule = (app, { store, hub, config, box, linkSweepHoldMs }) => {
  app.get(
    '/api/v1/feed',
    {
      schema: {
        tags: ['feed'],
        querystring: feedQuerySchema,
        response: { 200: feedResponseSchema, 400: errorResponseSchema, 401: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const { cursor, before, wait, limit, includeMachine } = request.query;
      const base = { userId: user.id, limit, includeMachine };
      // A cursor that stands for no position of this user's goes past the head: brought back below.
      const after = cursor === undefined ? undefined : (openFeedCursor(box, user.id, cursor) ?? Number.MAX_SAFE_INTEGER);
      const beforeSeq = before === undefined ? undefined : openFeedCursor(box, user.id, before);
      if (beforeSeq === null) throw new HttpError(400, 'invalid_cursor', 'before must be a cursor the feed returned to you');
      const read = (): Promise<FeedPage> => store.readFeed(after !== undefined ? { ...base, after } : { ...base, before: beforeSeq });

      let page = await read();
      const waited = after !== undefined && page.events.length === 0 && wait > 0;
      if (waited) {
        // Released when the client goes away, on shutdown, or when `wait` runs out.
        const gone = new AbortController();
        reply.raw.on('close', () => gone.abort());
        const deadline = Date.now() + wait * 1000;
        const restoreIdleTimeout = holdOpenWhileWaiting(request.raw.socket, wait * 1000, config.http);
        while (page.events.length === 0 && !gone.signal.aborted) {
          const remaining = deadline - Date.now();
          if (remaining <= 0) break;
          const outcome = await hub.wait(user.id, remaining, gone.signal);
          page = await read();
          if (outcome !== 'event') break;
        }
        restoreIdleTimeout();
      }

      // A long wait may outlive the token (signed out meanwhile): nothing goes to a revoked token.
      if (waited) await stillSignedIn(store, request, user.id);

      const last = page.events.at(-1);
      // Forward reads may skip ahead to the head (nothing of this user lies in between); a cursor
      // beyond the head (from another database) is brought back to it.
      const next = after !== undefined && page.hasMore && last ? last.seq : Math.max(page.head, last?.seq ?? 0);
      const checking = await checkingTimes(store, page.events, new Date(), linkSweepHoldMs);
      const sealed = (seq: number): string => sealFeedCursor(box, user.id, seq);
      const events = page.events.map((event) => ({
        ...presentFeedEvent(event, checking.get(event.id) ?? null),
        cursor: sealed(event.seq),
      }));
      return { events, cursor: sealed(next), hasMore: page.hasMore };
    },
  );
};
