// self-view-guard: the rep's own views must not count. Every Glint pixel that appears in Gmail is
// neutralised as soon as it is in the document; when the message it belongs to is known, the
// background sends a self-view beacon for the rep's own emails (so a proxy hit in the next
// seconds is labelled `self`) and the pixels of other senders' emails are put back (the rep
// reading them is a real open for those senders).
import { pixelTokenOf } from '../../../shared/tracking-urls.ts';
import { defineFeature } from '../feature.ts';
import type { GuardedImage } from '../gmail-adapter.ts';

const MAX_TOKENS = 20;

export default defineFeature({
  id: 'self-view-guard',
  init(signal, env) {
    env.gmail.onImage((image) => {
      if (pixelTokenOf(image.originalSrc)) image.neutralise();
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
      const sentByMe = view.isSentByMe();
      const tokens = [...new Set(pixels.values())].slice(0, MAX_TOKENS);
      const restoreOthers = (mine: ReadonlySet<string>): void => {
        for (const [image, token] of pixels) if (!mine.has(token)) image.restore();
      };
      env.actions('selfView.report', { tokens, sentByMe }).then(
        ({ mine }) => restoreOthers(new Set(mine)),
        (error: unknown) => {
          console.warn('Glint: self-view not reported', error);
          // Unknown owner: the rep's own message stays guarded, another sender's loads as sent.
          if (!sentByMe) restoreOthers(new Set());
        },
      );
    }, signal);
  },
});
