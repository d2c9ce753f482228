// What the service worker does for the compose side's messages (src/shared/messages.ts): the
// compose context, the outbox, send failures, self-view beacons and the picker's document calls.
// Handed its dependencies (no chrome.* here), so it tests in Node against a real server.
import { z } from 'zod';
import { signingKeySchema } from '../../shared/api-schemas.ts';
import type { SigningKey } from '../../shared/link-signing.ts';
import { MessageError, type ComposeContext } from '../../shared/messages.ts';
import { sentTokens, type OutboxDb } from '../data/outbox-db.ts';
import { recordSendFailure } from '../data/send-failures.ts';
import type { Settings } from '../data/settings.ts';
import type { KeyValueArea } from '../data/storage.ts';
import type { Outbox } from './outbox/outbox.ts';
import { createDocumentLink, removeDocument, searchDocuments } from './picker-documents.ts';
import type { GlintHttp } from './signed-in-http.ts';
import type { MessageHandlers } from './router.ts';

export type ComposeMessageName =
  | 'compose.context'
  | 'compose.reportFailure'
  | 'outbox.register'
  | 'outbox.updateIds'
  | 'outbox.enrol'
  | 'selfView.report'
  | 'documents.search'
  | 'documents.createLink'
  | 'documents.remove';

export interface ComposeHandlerDeps {
  http: GlintHttp;
  outbox: Outbox;
  db: OutboxDb;
  /** chrome.storage.local: the send-failure list. */
  local: KeyValueArea;
  readSettings(): Promise<Settings>;
  /** This profile's registered device id, for the X-Glint-Device header of self-view beacons. */
  deviceId(): Promise<string | null>;
}

const meSchema = z.object({ trackingBaseUrl: z.string().url(), signingKey: signingKeySchema });

export function createComposeHandlers(deps: ComposeHandlerDeps): Pick<MessageHandlers, ComposeMessageName> {
  // /api/v1/me names the public tracking URL; asked once per API token while the worker lives.
  const tracking = new Map<string, { trackingBaseUrl: string; signingKey: SigningKey }>();

  const context = async (): Promise<ComposeContext> => {
    const auth = await deps.http.auth().catch(() => null);
    if (!auth) return { signedIn: false };
    let known = tracking.get(auth.apiToken);
    if (!known) {
      known = await deps.http.request({ path: '/api/v1/me', schema: meSchema }).catch(() => undefined);
      if (known) tracking.set(auth.apiToken, known);
    }
    const settings = await deps.readSettings();
    return {
      signedIn: true,
      userEmail: auth.user.email,
      // Offline at compose time: the server URL the rep signed in with is the best guess.
      trackingBaseUrl: known?.trackingBaseUrl ?? auth.serverUrl,
      signingKey: known?.signingKey ?? auth.signingKey,
      tracking: { opens: settings.tracking.opens, clicks: settings.tracking.clicks },
      excludedDomains: settings.privacy.excludedDomains,
    };
  };

  /** Who is sending: the outbox delivers the email only while this user is signed in. */
  const sender = async (): Promise<string | undefined> => (await deps.http.auth().catch(() => null))?.user.id;

  return {
    'compose.context': context,
    'compose.reportFailure': async (failure) => {
      await recordSendFailure(deps.local, failure);
      return { recorded: true };
    },
    'outbox.register': async (registration) => {
      await deps.outbox.enqueue(registration, await sender());
      return { queued: true };
    },
    'outbox.updateIds': async ({ token, ...ids }) => {
      await deps.outbox.updateIds(token, ids, await sender());
      return { queued: true };
    },
    'outbox.enrol': async ({ token, campaignId }) => {
      await deps.outbox.enrol(token, campaignId, await sender());
      return { queued: true };
    },
    'selfView.report': async ({ tokens, sentByMe }) => {
      // A pixel in a message someone else sent is the rep's only if the rep sent that email
      // (a quote in a reply); otherwise it is another sender's, and this view a real open.
      const mine = sentByMe ? [...new Set(tokens)] : await sentTokens(deps.db, tokens);
      const deviceId = await deps.deviceId();
      if (mine.length > 0 && deviceId) {
        await Promise.all(
          mine.map((token) =>
            deps.http
              .request({
                method: 'POST',
                path: '/api/v1/self-views',
                body: { token },
                headers: { 'x-glint-device': deviceId },
                schema: z.unknown(),
              })
              .catch((error: unknown) => console.warn('Glint: self-view beacon failed', error)),
          ),
        );
      }
      return { mine };
    },
    'documents.search': async ({ query }) => ({ documents: await searchDocuments(deps.http, query) }),
    'documents.remove': async ({ documentId }) => removeDocument(deps.http, documentId),
    'documents.createLink': async ({ documentId, emailToken }) => {
      try {
        return await createDocumentLink(deps.http, documentId, emailToken);
      } catch (error) {
        if (error instanceof MessageError) throw error;
        throw new MessageError('not-a-glint-server', error instanceof Error ? error.message : String(error));
      }
    },
  };
}
