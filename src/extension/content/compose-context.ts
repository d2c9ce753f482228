// The compose context (sign-in, tracking defaults, signing key, tracking URL) from the background,
// cached so the send path can read it synchronously: sending never waits for anything.
import type { ComposeContext, GlintActions } from '../../shared/messages.ts';

export interface ComposeContextSource {
  /** The last context the background gave, or null before the first answer. */
  current(): ComposeContext | null;
  /** Asks the background again; null (and the cache kept) when it does not answer. */
  refresh(): Promise<ComposeContext | null>;
}

export function composeContextSource(actions: GlintActions): ComposeContextSource {
  let cached: ComposeContext | null = null;
  let pending: Promise<ComposeContext | null> | null = null;
  return {
    current: () => cached,
    refresh() {
      pending ??= actions('compose.context', {})
        .then((context) => (cached = context))
        .catch((error: unknown) => {
          console.warn('Glint: no compose context', error);
          return null;
        })
        .finally(() => (pending = null));
      return pending;
    },
  };
}
