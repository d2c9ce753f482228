// Pure parts of the service worker: who may send which message, server URL rules, the device
// header rule, notification choice and wording, and the settings schema.
import { describe, expect, it } from 'vitest';
import { MessageError, unwrapResult } from '../../src/shared/messages.ts';
import { handleMessage, senderKind, type MessageHandlers } from '../../src/extension/background/router.ts';
import { normaliseServerUrl, originPattern } from '../../src/extension/data/server-url.ts';
import { deviceHeaderRules, headerOrigins } from '../../src/extension/background/device-header.ts';
import { badgeText } from '../../src/extension/background/badge.ts';
import { isExcludedAddress } from '../../src/extension/data/excluded-domains.ts';
import { DEFAULT_SETTINGS, parseDomain, settingsSchema } from '../../src/extension/data/settings.ts';
import manifest from '../../manifest.json' with { type: 'json' };

const EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';
const page = {
  id: EXTENSION_ID,
  url: `chrome-extension://${EXTENSION_ID}/src/extension/options/index.html`,
  origin: `chrome-extension://${EXTENSION_ID}`,
};
const gmail = { id: EXTENSION_ID, url: 'https://mail.google.com/mail/u/0/#inbox', origin: 'https://mail.google.com', tab: { id: 3 } };

function handlers(overrides: Partial<MessageHandlers> = {}): MessageHandlers {
  const fail = async (): Promise<never> => {
    throw new Error('not expected');
  };
  return {
    'auth.status': fail,
    'auth.signIn': fail,
    'auth.signOut': fail,
    'devices.list': fail,
    'devices.renameThis': fail,
    'feed.syncNow': fail,
    'feed.markAllRead': fail,
    'feed.markEmailRead': fail,
    'feed.openEmail': fail,
    'compose.context': fail,
    'compose.reportFailure': fail,
    'outbox.register': fail,
    'outbox.updateIds': fail,
    'selfView.report': fail,
    'documents.search': fail,
    'documents.remove': fail,
    'documents.createLink': fail,
    'mailbox.get': fail,
    'mailbox.save': fail,
    'mailbox.test': fail,
    'mailbox.disconnect': fail,
    'mailbox.checkWatch': fail,
    'teamNetworks.list': fail,
    'teamNetworks.add': fail,
    'teamNetworks.remove': fail,
    'webhooks.list': fail,
    'webhooks.add': fail,
    'webhooks.test': fail,
    'webhooks.remove': fail,
    'webhooks.resume': fail,
    'webhooks.deliveries': fail,
    'campaigns.list': fail,
    'campaigns.get': fail,
    'campaigns.create': fail,
    'campaigns.update': fail,
    'campaigns.enrolmentAction': fail,
    'outbox.enrol': fail,
    'salesforce.status': fail,
    'salesforce.connect': fail,
    'salesforce.settings': fail,
    'salesforce.skipped': fail,
    'salesforce.disconnect': fail,
    ...overrides,
  };
}

describe('message router', () => {
  it('tells extension pages from Gmail content scripts and refuses others', () => {
    expect(senderKind(page, EXTENSION_ID)).toBe('extension-page');
    expect(senderKind({ ...page, tab: { id: 1 } }, EXTENSION_ID)).toBe('extension-page'); // options open in a tab
    expect(senderKind(gmail, EXTENSION_ID)).toBe('content-script');
    expect(senderKind({ ...gmail, url: 'https://evil.example/', origin: 'https://evil.example' }, EXTENSION_ID)).toBeNull();
    expect(senderKind({ ...page, id: 'another-extension' }, EXTENSION_ID)).toBeNull();
  });

  it('runs the handler with the validated request and returns its value', async () => {
    const result = await handleMessage(
      handlers({
        'devices.renameThis': async ({ name }) => ({
          signedIn: false,
          serverUrl: null,
          user: null,
          deviceId: 'dv',
          deviceName: name,
          syncStatus: 'signed-out',
          lastError: null,
          trackingAccess: null,
        }),
      }),
      { glint: 1, name: 'devices.renameThis', request: { name: '  Laptop  ' } },
      page,
      EXTENSION_ID,
    );
    expect(unwrapResult<{ deviceName: string }>(result).deviceName).toBe('Laptop');
  });

  it('refuses sign-in from a content script, bad requests and unknown names, as errors with codes', async () => {
    const signIn = { glint: 1, name: 'auth.signIn', request: { serverUrl: 'https://x.example', email: 'a@b.example', password: 'p' } };
    expect(await handleMessage(handlers(), signIn, gmail, EXTENSION_ID)).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(await handleMessage(handlers(), { ...signIn, request: { serverUrl: 'x' } }, page, EXTENSION_ID)).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(await handleMessage(handlers(), { glint: 1, name: 'toString', request: {} }, page, EXTENSION_ID)).toMatchObject({
      ok: false,
      error: { code: 'unknown-message' },
    });
  });

  it('carries a handler error across as a MessageError with the same code', async () => {
    const result = await handleMessage(
      handlers({
        'auth.signOut': async () => {
          throw new MessageError('server-unreachable', 'down');
        },
      }),
      { glint: 1, name: 'auth.signOut', request: {} },
      page,
      EXTENSION_ID,
    );
    expect(() => unwrapResult(result)).toThrow(
      expect.objectContaining({ name: 'MessageError', code: 'server-unreachable', message: 'down' }),
    );
  });
});

describe('server URL', () => {
  it('normalises and keeps a path, adds https:// when missing', () => {
    expect(normaliseServerUrl(' https://glint.example.com/ ')).toBe('https://glint.example.com');
    expect(normaliseServerUrl('glint.example.com/tracking/')).toBe('https://glint.example.com/tracking');
    expect(normaliseServerUrl('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787');
    expect(originPattern('https://glint.example.com/tracking')).toBe('https://glint.example.com/*');
  });

  it('refuses clear-text http to another machine, other schemes and credentials in the URL', () => {
    expect(() => normaliseServerUrl('http://glint.example.com')).toThrow(expect.objectContaining({ code: 'insecure-server-url' }));
    expect(() => normaliseServerUrl('javascript:alert(1)')).toThrow(expect.objectContaining({ code: 'invalid-request' }));
    expect(() => normaliseServerUrl('https://user:pw@glint.example.com')).toThrow(expect.objectContaining({ code: 'invalid-request' }));
  });

  it('accepts only servers the manifest lets Chrome grant: http on the loopback names it lists, https anywhere', () => {
    // A pattern without a port matches every port (Chrome match patterns).
    const covers = (pattern: string, url: string): boolean => {
      const [scheme, host] = /^(\w+):\/\/([^/]+)\//.exec(pattern)?.slice(1) ?? [];
      const target = new URL(url);
      return target.protocol === `${scheme}:` && (host === '*' || host === target.hostname);
    };
    const allowed = [...manifest.host_permissions, ...manifest.optional_host_permissions];
    for (const url of ['http://127.0.0.1:8787', 'http://localhost:3000', 'https://glint.example.com', 'https://10.0.0.5:8443']) {
      expect(
        allowed.some((pattern) => covers(pattern, originPattern(normaliseServerUrl(url)))),
        url,
      ).toBe(true);
    }
    expect(manifest.optional_host_permissions).toEqual(['https://*/*']);
    expect(() => normaliseServerUrl('http://[::1]:8787')).toThrow(expect.objectContaining({ code: 'insecure-server-url' }));
  });
});

describe('device header rule', () => {
  it('sets X-Glint-Device on every request to the server origin only', () => {
    const [rule, ...more] = deviceHeaderRules(
      headerOrigins('https://glint.example.com/base', 'https://glint.example.com/base'),
      'dv_AAAAAAAAAAAAAAAAAAAAAA',
    );
    expect(more).toEqual([]);
    expect(rule?.condition.urlFilter).toBe('|https://glint.example.com/');
    // Named one by one: Chrome's default leaves out main_frame, the rep opening their own link.
    expect(rule?.condition.resourceTypes).toEqual(expect.arrayContaining(['main_frame', 'sub_frame', 'image', 'xmlhttprequest', 'ping']));
    expect(rule?.action.requestHeaders).toEqual([{ header: 'X-Glint-Device', operation: 'set', value: 'dv_AAAAAAAAAAAAAAAAAAAAAA' }]);
  });

  it('covers the tracking origin too when PUBLIC_URL is another one', () => {
    const origins = headerOrigins('https://glint.example.com', 'https://t.example.net/track');
    expect(origins).toEqual(['https://glint.example.com', 'https://t.example.net']);
    expect(deviceHeaderRules(origins, 'dv_AAAAAAAAAAAAAAAAAAAAAA').map((rule) => [rule.id, rule.condition.urlFilter])).toEqual([
      [1, '|https://glint.example.com/'],
      [2, '|https://t.example.net/'],
    ]);
    expect(headerOrigins('https://glint.example.com', undefined)).toEqual(['https://glint.example.com']);
  });
});

describe('badge and settings', () => {
  it('shows nothing for zero, the count, or 99+', () => {
    expect([badgeText(0), badgeText(7), badgeText(150)]).toEqual(['', '7', '99+']);
  });

  it('fills defaults, validates domains and retention', () => {
    expect(DEFAULT_SETTINGS).toEqual({
      tracking: { opens: true, clicks: true },
      notifications: { opens: true, clicks: true, documents: true, replies: true },
      privacy: { excludedDomains: [], retentionDays: 365 },
    });
    expect(parseDomain(' @Acme.EXAMPLE ')).toBe('acme.example');
    expect(parseDomain('not a domain')).toBeNull();
    expect(settingsSchema.safeParse({ privacy: { retentionDays: 0 } }).success).toBe(false);
    const settings = settingsSchema.parse({ privacy: { excludedDomains: ['acme.example'] } });
    expect(isExcludedAddress('Buyer@EU.Acme.example', settings.privacy.excludedDomains)).toBe(true);
    expect(isExcludedAddress('buyer@notacme.example', settings.privacy.excludedDomains)).toBe(false);
  });
});
