// self-view-guard: the rep's own views must not count. Every Glint pixel that appears in Gmail is
// neutralised the moment it is in the document (a src set afterwards never loads; a load the HTML
// parser already started cannot be recalled), and at that same moment the background is asked
// for a self-view beacon for the rep's own emails, so the Gmail-proxy fetch that follows is
// labelled `self`. When InboxSDK reports the message view: a message the rep sent gets beacons for
// all its pixels (also emails sent from another browser), and in a message from someone else the
// pixels of other senders' emails are put back (the rep reading them is a real open for them).
import { pixelTokenOf } from '../../../shared/tracking-urls.ts';
import { defineFeature, type FeatureEnv } from '../feature.ts';
import type { GuardedImage } from '../gmail-adapter.ts';

const MAX_TOKENS = 20;
/** One beacon per token and view: the same message rendered again within this is the same view. */
export const SELF_VIEW_DEDUP_MS = 30_000;

/** Asks the background which tokens are the rep's (beaconing those), once per token and window. */
function selfViewReporter(env: FeatureEnv): (tokens: string[], sentByMe: boolean) => Promise<ReadonlySet<string>> {
  const recent = new Map<string, { at: number; mine: Promise<boolean> }>();
  return async (tokens, sentByMe) => {
    const now = env.now().getTime();
    for (const [key, entry] of recent) if (now - entry.at > SELF_VIEW_DEDUP_MS) recent.delete(key);
    const fresh = [...new Set(tokens)].filter((token) => !recent.has(`${token}|${sentByMe}`)).slice(0, MAX_TOKENS);
    if (fresh.length > 0) {
      // Unanswered (Glint reloaded, offline): nothing is known to be the rep's.
      const answer = env.actions('selfView.report', { tokens: fresh, sentByMe }).then(
        ({ mine }) => new Set(mine),
        (error: unknown) => {
          console.warn('Glint: self-view not reported', error);
          return new Set<string>();
        },
      );
      for (const token of fresh) recent.set(`${token}|${sentByMe}`, { at: now, mine: answer.then((mine) => mine.has(token)) });
    }
    const verdicts = await Promise.all(
      tokens.map(async (token) => [token, await (recent.get(`${token}|${sentByMe}`)?.mine ?? false)] as const),
    );
    return new Set(verdicts.filter(([, mine]) => mine).map(([token]) => token));
  };
}

export default defineFeature({
  id: 'self-view-guard',
  init(signal, env) {
    const report = selfViewReporter(env);
    let queued: string[] = [];
    const flush = (): void => {
      const tokens = queued;
      queued = [];
      void report(tokens, false);
    };

    env.gmail.onImage((image) => {
      const token = pixelTokenOf(image.originalSrc);
      if (!token) return;
      image.neutralise();
      // Images arrive in bursts (a whole message at once): one message to the background per burst.
      if (queued.push(token) === 1) queueMicrotask(flush);
    }, signal);

    env.gmail.onMessageView((view) => {
      const pixels = new Map<GuardedImage, string>();
      for (const image of view.images()) {
        const token = pixelTokenOf(image.originalSrc);
        if (!token) continue;
        image.neutralise();
        pixels.set(image, token);
      }
      if (pixels.size === 0) return;
      const tokens = [...new Set(pixels.values())];
      const sentByMe = view.isSentByMe();
      // The rep's own message stays guarded whatever the answer; in another sender's message only
      // the pixels known to be the rep's stay guarded (unanswered: none are).
      void report(tokens, sentByMe).then((mine) => {
        if (!sentByMe) for (const [image, token] of pixels) if (!mine.has(token)) image.restore();
      });
    }, signal);
  },
});
