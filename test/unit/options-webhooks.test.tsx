// The options page's Webhooks section without Chrome: an endpoint's state and a delivery in
// words (en, fr, nl), what is rendered (hostile strings as text only), and the service worker's
// webhook handlers against the REAL server: add (the secret once), list, test, resume, remove,
// and a refused URL in the server's own sentence.
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageError, type AuthStatus, type GlintActions } from '../../src/shared/messages.ts';
import type { DeliveryView, WebhookView } from '../../src/shared/webhook-api.ts';
import { createWebhookHandlers } from '../../src/extension/background/webhook-handlers.ts';
import { glintHttp } from '../../src/extension/background/signed-in-http.ts';
import { WebhookRow } from '../../src/extension/options/webhook-row.tsx';
import { WebhooksSection } from '../../src/extension/options/webhooks-section.tsx';
import { deliveryWords, stateWords } from '../../src/extension/options/webhook-words.ts';
import { speakPerTest } from '../support/popup-i18n.ts';
import { signedInStorage } from '../support/signed-in-storage.ts';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';

const speak = speakPerTest();

const HOSTILE = '<img src=x onerror="alert(1)">';
const paused: WebhookView = {
  id: 'wh_AAAAAAAAAAAAAAAAAAAAAA',
  url: `https://hooks.example.com/${encodeURIComponent(HOSTILE)}`,
  kinds: ['open', 'reply'],
  description: HOSTILE,
  state: 'paused',
  stateReason: `Paused after 20 failed attempts in a row ${HOSTILE}`,
  consecutiveFailures: 20,
  previousSecretUntil: null,
  createdAt: '2026-12-03T10:00:00.000Z',
};
const waiting: DeliveryView = {
  id: 7,
  messageId: 'ev_1',
  type: 'event.created',
  eventId: 'ev_1',
  emailToken: 'em_1',
  label: 'human',
  status: 'pending',
  attempts: 3,
  nextAttemptAt: '2026-12-03T10:05:00.000Z',
  lastStatus: 500,
  lastError: 'the receiver answered HTTP 500',
  createdAt: '2026-12-03T10:00:00.000Z',
  finishedAt: null,
};
const unused = (() => Promise.reject(new Error('unused'))) as unknown as GlintActions;

describe('webhooks section words', () => {
  it.each([
    ['en', 'Paused: Paused after', 'Waiting · attempts: 3', 'last error: the receiver'],
    ['fr', 'En pause : Paused after', 'En attente · tentatives : 3', 'dernière erreur : the receiver'],
    ['nl', 'Gepauzeerd: Paused after', 'Wachtend · pogingen: 3', 'laatste fout: the receiver'],
  ])('says an endpoint state and a delivery in %s', (lang, state, delivery, error) => {
    speak(lang);
    expect(stateWords(paused)).toMatchObject({ tone: 'paused' });
    expect(stateWords(paused).text).toContain(state);
    expect(stateWords({ ...paused, state: 'active', stateReason: null }).tone).toBe('ok');
    expect(deliveryWords(waiting, lang)).toContain(delivery);
    expect(deliveryWords(waiting, lang)).toContain(error);
  });

  it('renders a webhook with a resume button while paused, hostile strings as text', () => {
    speak('en');
    const html = renderToStaticMarkup(<WebhookRow webhook={paused} actions={unused} confirm={() => true} onChanged={() => undefined} />);
    expect(html).toContain('Resume');
    expect(html).toContain('Send a test');
    expect(html).not.toContain('<img');
    const active = renderToStaticMarkup(
      <WebhookRow
        webhook={{ ...paused, state: 'active', stateReason: null }}
        actions={unused}
        confirm={() => true}
        onChanged={() => undefined}
      />,
    );
    expect(active).not.toContain('Resume');
  });

  it('asks to sign in when signed out', () => {
    speak('nl');
    const status = { signedIn: false } as AuthStatus;
    expect(renderToStaticMarkup(<WebhooksSection status={status} actions={unused} />)).toContain('Meld je aan');
  });
});

describe('webhook handlers against the real server', () => {
  let server: TestServer;
  let rep: TestUser;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    server = await startServer();
    rep = await server.addUser('rep@webhooks.example');
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await server.close();
    await receiver.close();
  });

  async function handlers(): Promise<ReturnType<typeof createWebhookHandlers>> {
    return createWebhookHandlers(glintHttp(await signedInStorage(rep, server.baseUrl), fetch));
  }

  it('adds, lists, tests, resumes and removes; a refused URL comes back in the server sentence', async () => {
    const webhooks = await handlers();
    const refused: unknown = await webhooks['webhooks.add']({ url: 'http://hooks.example.com', kinds: ['open'], description: '' }).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(MessageError);
    expect((refused as MessageError).message).toMatch(/must use https/);
    const added = await webhooks['webhooks.add']({ url: receiver.url, kinds: ['open'], description: 'CRM' });
    expect(added.secret).toMatch(/^whsec_/);
    const listed = await webhooks['webhooks.list']({});
    expect(listed.webhooks.map((webhook) => webhook.id)).toEqual([added.webhook.id]);
    expect(JSON.stringify(listed)).not.toContain(added.secret);
    expect(await webhooks['webhooks.test']({ id: added.webhook.id })).toMatchObject({ ok: true, status: 200 });
    expect((await webhooks['webhooks.resume']({ id: added.webhook.id })).webhook.state).toBe('active');
    expect(await webhooks['webhooks.deliveries']({ id: added.webhook.id })).toEqual({ deliveries: [] });
    expect(await webhooks['webhooks.remove']({ id: added.webhook.id })).toEqual({ removed: true });
    expect((await webhooks['webhooks.list']({})).webhooks).toEqual([]);
  });
});
