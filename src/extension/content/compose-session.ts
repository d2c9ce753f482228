// What Glint knows about one compose while it is open: its email token (minted here, in the
// browser, when first needed, so document links and the pixel share it and sending never waits
// for the server; bound to the rep's signing key), the per-email tracking switches, the follow-up
// campaign chosen and whether it was registered at send.
import { mintEmailToken } from '../../shared/email-tokens.ts';
import type { ComposeContextSource } from './compose-context.ts';
import type { ComposeHandle } from './gmail-adapter.ts';

export interface ComposeSession {
  readonly token: string;
  opens: boolean;
  clicks: boolean;
  /** The rep flipped a switch: later defaults must not override it. */
  trackingChosen: boolean;
  /** The request modifier is registered, so presending leaves the body alone. */
  modifierReady: boolean;
  /** The outbox was asked to register the email (after-send then sends its ids). */
  registered: boolean;
  /** The registration last queued (JSON), so presending and the modifier queue it once. */
  queued: string | null;
  /** The follow-up campaign the rep chose for this email, or null. */
  followUp: string | null;
}

export interface ComposeSessions {
  of(compose: ComposeHandle): ComposeSession;
}

export function composeSessions(context: ComposeContextSource): ComposeSessions {
  const sessions = new WeakMap<ComposeHandle, ComposeSession>();
  return {
    of(compose) {
      let session = sessions.get(compose);
      if (!session) {
        const known = context.current();
        const defaults = known?.signedIn ? known.tracking : { opens: true, clicks: true };
        let token: string | null = null;
        session = {
          // Minted at first use with the signing key known then: the server registers only tokens
          // bound to the rep's own key (shared/email-tokens.ts).
          get token() {
            if (token === null) {
              const now = context.current();
              token = mintEmailToken(now?.signedIn ? now.signingKey : undefined);
            }
            return token;
          },
          opens: defaults.opens,
          clicks: defaults.clicks,
          trackingChosen: false,
          modifierReady: false,
          registered: false,
          queued: null,
          followUp: null,
        };
        sessions.set(compose, session);
      }
      return session;
    },
  };
}
