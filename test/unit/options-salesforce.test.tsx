// The options page's Salesforce section without Chrome: signed out it asks to sign in (en, fr,
// nl), and the service worker's Salesforce handlers against the REAL server and the fake
// Salesforce: status, connect (the URL the section opens in a tab), settings, skipped,
// disconnect; the tokens never reach the extension.
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthStatus, GlintActions } from '../../src/shared/messages.ts';
import { createSalesforceHandlers } from '../../src/extension/background/salesforce-handlers.ts';
import { glintHttp } from '../../src/extension/background/signed-in-http.ts';
import { SalesforceSection } from '../../src/extension/options/salesforce-section.tsx';
import { ORG_ID, startFakeSalesforce, type FakeSalesforce } from '../support/fake-salesforce.ts';
import { speakPerTest } from '../support/popup-i18n.ts';
import { consentAndConnect, salesforceEnv } from '../support/salesforce-harness.ts';
import { signedInStorage } from '../support/signed-in-storage.ts';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';

const speak = speakPerTest();

const unused: GlintActions = () => Promise.reject(new Error('not used'));

describe('Salesforce section', () => {
  it.each([
    ['en', 'Sign in to connect'],
    ['fr', 'Connectez-vous pour relier'],
    ['nl', 'Meld je aan om'],
  ])('asks to sign in when signed out (%s)', (lang, words) => {
    speak(lang);
    const html = renderToStaticMarkup(<SalesforceSection status={{ signedIn: false } as AuthStatus} actions={unused} />);
    expect(html).toContain(words);
  });
});

describe('Salesforce handlers against the real server', () => {
  let fake: FakeSalesforce;
  let server: TestServer;
  let rep: TestUser;

  beforeAll(async () => {
    fake = await startFakeSalesforce();
    server = await startServer({ env: salesforceEnv(fake) });
    rep = await server.addUser('rep@salesforce-options.example');
  });
  afterAll(async () => {
    await server?.close();
    await fake?.close();
  });

  it('connects through the URL it hands out, changes settings, lists skipped and disconnects', async () => {
    const handlers = createSalesforceHandlers(glintHttp(await signedInStorage(rep, server.baseUrl), fetch));
    expect(await handlers['salesforce.status']({})).toEqual({ configured: true, connection: null });
    const { authorizeUrl } = await handlers['salesforce.connect']({});
    const consent = await fetch(authorizeUrl, { redirect: 'manual' });
    expect((await consentAndConnect(consent.headers.get('location') ?? '')).status).toBe(200);
    const saved = await handlers['salesforce.settings']({ engagement: ['doc_open'], createLeads: true });
    expect(saved.connection).toMatchObject({
      account: `admin@acme.example (${ORG_ID})`,
      state: 'active',
      engagement: ['doc_open'],
      createLeads: true,
    });
    expect(JSON.stringify(saved)).not.toMatch(/5Aep|00D!/);
    expect(await handlers['salesforce.skipped']({})).toEqual({ skipped: [] });
    expect(await handlers['salesforce.disconnect']({})).toEqual({ disconnected: true });
    expect((await handlers['salesforce.status']({})).connection).toBeNull();
  });
});
