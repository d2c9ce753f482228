// Decides what happens to one outgoing email and does it, synchronously and without throwing:
// instrument it (pixel, tracked links, with the token minted in the browser) and queue its
// registration in the background outbox, or leave it exactly as it is. Glint fails open: any
// error sends the mail unchanged and is recorded for the options page.
import type { EmailRegistration } from '../../shared/api-schemas.ts';
import { instrumentEmailHtml } from '../../shared/instrument.ts';
import type { SendFailureReason } from '../../shared/messages.ts';
import { isExcludedAddress } from '../data/excluded-domains.ts';
import type { ComposeSession } from './compose-session.ts';
import type { FeatureEnv } from './feature.ts';
import type { ComposeHandle, Recipients } from './gmail-adapter.ts';

/** Test seam: the instrumenter (a throwing one proves the fail-open path). */
export type Instrument = typeof instrumentEmailHtml;

const ADDRESS = /^[^\s@<>(),;:"]{1,64}@[^\s@<>(),;:"]{1,255}$/;

function cleanAddresses(list: string[]): string[] {
  return [...new Set(list.map((address) => address.trim().toLowerCase()).filter((address) => ADDRESS.test(address)))].slice(0, 500);
}

/** Any recipient, Bcc included, at a domain the rep never tracks. */
export function isExcluded(recipients: Recipients, excludedDomains: readonly string[]): boolean {
  return [...recipients.to, ...recipients.cc, ...recipients.bcc].some((address) => isExcludedAddress(address, excludedDomains));
}

export function reportFailure(env: FeatureEnv, reason: SendFailureReason, detail: string, subject?: string): void {
  const request =
    subject === undefined
      ? { reason, detail: detail.slice(0, 500) }
      : { reason, detail: detail.slice(0, 500), subject: subject.slice(0, 200) };
  void env
    .actions('compose.reportFailure', request)
    .catch((error: unknown) => console.warn('Glint: could not record a send failure', error));
}

function register(
  env: FeatureEnv,
  compose: ComposeHandle,
  session: ComposeSession,
  tracking: { opens: boolean; clicks: boolean },
  links: EmailRegistration['links'],
): void {
  const recipients = compose.recipients();
  const subject = compose.subject().slice(0, 998);
  const registration: EmailRegistration = {
    token: session.token,
    subject,
    to: cleanAddresses(recipients.to),
    cc: cleanAddresses(recipients.cc),
    bcc: cleanAddresses(recipients.bcc),
    sentAt: env.now().toISOString(),
    openTracking: tracking.opens,
    clickTracking: tracking.clicks,
    links: links ?? [],
  };
  const { sentAt: _at, ...identity } = registration;
  const key = JSON.stringify(identity);
  if (session.registered && session.queued === key) return; // presending queued it already
  session.registered = true;
  session.queued = key;
  void env.actions('outbox.register', registration).catch((error: unknown) => {
    session.registered = false;
    session.queued = null;
    reportFailure(env, 'registration-failed', error instanceof Error ? error.message : String(error), subject);
  });
}

/** The body to send. Never throws; never waits. */
export function prepareSend(
  env: FeatureEnv,
  compose: ComposeHandle,
  session: ComposeSession,
  outgoing: { body: string; isPlainText: boolean },
  instrument: Instrument = instrumentEmailHtml,
): string {
  let subject = '';
  try {
    subject = compose.subject();
    const context = env.context.current();
    if (!context) {
      reportFailure(env, 'no-context', '', subject); // the reason says it all, in the rep's language
      return outgoing.body;
    }
    if (!context.signedIn) {
      reportFailure(env, 'signed-out', '', subject);
      return outgoing.body;
    }
    // The rep asked never to track these recipients: nothing is changed and nothing is sent.
    if (isExcluded(compose.recipients(), context.excludedDomains)) {
      return outgoing.body;
    }
    // Plain text: no pixel, no rewritten links; registered as untracked for reply matching.
    if (outgoing.isPlainText || (!session.opens && !session.clicks)) {
      register(env, compose, session, { opens: false, clicks: false }, []);
      return outgoing.body;
    }
    const result = instrument(outgoing.body, {
      baseUrl: context.trackingBaseUrl,
      token: session.token,
      signingKey: context.signingKey,
      openTracking: session.opens,
      clickTracking: session.clicks,
    });
    register(env, compose, session, { opens: session.opens, clicks: session.clicks }, result.links);
    return result.html;
  } catch (error) {
    reportFailure(env, 'instrument-error', error instanceof Error ? error.message : String(error), subject);
    return outgoing.body;
  }
}
