// instrument-on-send and tracking-toggle against the fake Gmail: what actually goes out when the
// rep clicks Send, through the request modifier or the presending fallback, and that every
// failure sends the email exactly as written.
import { describe, expect, it } from 'vitest';
import { mintId } from '../../src/shared/ids.ts';
import { pixelTokenOf, pixelUrl } from '../../src/shared/tracking-urls.ts';
import instrumentOnSend from '../../src/extension/content/features/instrument-on-send.ts';
import trackingToggle from '../../src/extension/content/features/tracking-toggle.ts';
import { BackgroundError } from '../../src/extension/content/background-client.ts';
import { composeHarness, signedInContext } from './compose-harness.ts';

const BODY = '<div dir="ltr">Hi Ann,<br>see <a href="https://seller.example/pricing">our pricing</a>.</div>';
const BASE = 'https://glint.seller.example';

describe('instrument-on-send', () => {
  it('rewrites the real send request once the draft has an id and registers the email', async () => {
    const h = await composeHarness([trackingToggle, instrumentOnSend]);
    const compose = h.gmail.openCompose({
      html: BODY,
      subjectText: 'Pricing',
      to: ['Ann@Customer.example'],
      cc: ['boss@customer.example'],
    });
    await compose.saveDraft();
    const { sentBody } = await compose.send();
    const { request } = await h.callNumber('outbox.register');
    expect(sentBody).toContain(pixelUrl(BASE, request.token));
    expect(sentBody).toContain(`${BASE}/t/c/${request.token}/0?`);
    expect(sentBody).not.toContain('href="https://seller.example/pricing"');
    // The compose itself was left alone: only the request changed.
    expect(compose.html).toBe(BODY);
    expect(request).toMatchObject({
      subject: 'Pricing',
      to: ['ann@customer.example'],
      cc: ['boss@customer.example'],
      openTracking: true,
      clickTracking: true,
      links: [{ index: 0, url: 'https://seller.example/pricing' }],
      sentAt: '2026-11-23T10:00:00.000Z',
    });
  });

  it('falls back to presending when the draft never got an id', async () => {
    const h = await composeHarness([instrumentOnSend]);
    const compose = h.gmail.openCompose({ html: BODY });
    const { sentBody } = await compose.send();
    const { request } = await h.callNumber('outbox.register');
    expect(compose.modifiers).toHaveLength(0);
    expect(pixelTokenOf(sentBody.match(/src="([^"]+)"/)?.[1] ?? '')).toBe(request.token);
    expect(compose.html).toBe(sentBody);
  });

  it('instruments once when the draft is saved between opening and sending', async () => {
    const h = await composeHarness([instrumentOnSend]);
    const compose = h.gmail.openCompose({ html: BODY });
    await compose.saveDraft('r-42');
    const { sentBody } = await compose.send();
    expect(sentBody.match(/\/t\/o\//g)).toHaveLength(1);
    expect(h.callsOf('outbox.register')).toHaveLength(1);
  });

  it('sends plain-text mode untouched and registers it as untracked', async () => {
    const h = await composeHarness([instrumentOnSend]);
    const compose = h.gmail.openCompose({ html: 'Hi Ann, https://seller.example/pricing', plainText: true, draft: 'r-1' });
    const { sentBody } = await compose.send();
    expect(sentBody).toBe('Hi Ann, https://seller.example/pricing');
    const { request } = await h.callNumber('outbox.register');
    expect(request).toMatchObject({ openTracking: false, clickTracking: false, links: [] });
  });

  it('leaves emails to excluded domains untouched and tells the server nothing', async () => {
    const h = await composeHarness([instrumentOnSend], { context: signedInContext({ excludedDomains: ['partner.example'] }) });
    const compose = h.gmail.openCompose({ html: BODY, to: ['ann@customer.example'], bcc: ['legal@eu.partner.example'], draft: 'r-1' });
    const { sentBody } = await compose.send();
    expect(sentBody).toBe(BODY);
    expect(h.callsOf('outbox.register')).toEqual([]);
    expect(h.callsOf('compose.reportFailure')).toEqual([]);
  });

  it('fails open when the instrumenter throws: the email goes out as written and the failure is recorded', async () => {
    // A signing secret that is too short makes instrumentEmailHtml throw.
    const h = await composeHarness([instrumentOnSend], {
      context: signedInContext({ signingKey: { kid: mintId('signingKey'), secret: 'c2hvcnQ' } }),
    });
    const compose = h.gmail.openCompose({ html: BODY, subjectText: 'Q4', draft: 'r-1' });
    const { sentBody } = await compose.send();
    expect(sentBody).toBe(BODY);
    const { request } = await h.callNumber('compose.reportFailure');
    expect(request).toMatchObject({ reason: 'instrument-error', subject: 'Q4' });
    expect(request.detail).toMatch(/signing secret/);
    expect(h.callsOf('outbox.register')).toEqual([]);
  });

  it('fails open when the background is unreachable (no context): nothing changes', async () => {
    const h = await composeHarness([instrumentOnSend], { context: null });
    const compose = h.gmail.openCompose({ html: BODY });
    const { sentBody } = await compose.send();
    expect(sentBody).toBe(BODY);
    expect((await h.callNumber('compose.reportFailure')).request.reason).toBe('no-context');
  });

  it('still sends the tracked email when the outbox cannot take the registration, and records that', async () => {
    const h = await composeHarness([instrumentOnSend], {
      responders: {
        'outbox.register': async () => {
          throw new BackgroundError('server-unreachable', 'Cannot reach the Glint server');
        },
      },
    });
    const compose = h.gmail.openCompose({ html: BODY, draft: 'r-1' });
    const { sentBody } = await compose.send();
    expect(sentBody).toContain('/t/o/');
    expect((await h.callNumber('compose.reportFailure')).request).toMatchObject({ reason: 'registration-failed' });
  });

  it('sends untouched when signed out and says why', async () => {
    const h = await composeHarness([instrumentOnSend], { context: { signedIn: false } });
    const compose = h.gmail.openCompose({ html: BODY, draft: 'r-1' });
    expect((await compose.send()).sentBody).toBe(BODY);
    // The options page words the reason in the rep's language; no English detail to show under it.
    expect((await h.callNumber('compose.reportFailure')).request).toEqual({ reason: 'signed-out', detail: '', subject: 'Proposal' });
  });
});

describe('tracking-toggle', () => {
  it('shows both switches with the options page defaults', async () => {
    const h = await composeHarness([trackingToggle], { context: signedInContext({ tracking: { opens: false, clicks: true } }) });
    const compose = h.gmail.openCompose();
    const [bar] = compose.switchBars;
    await h.env.context.refresh(); // the compose's own request for fresh settings, still pending
    expect(h.callsOf('compose.context')).toHaveLength(2);
    expect(bar?.specs.map((spec) => spec.label)).toEqual(['compose_trackOpens', 'compose_trackClicks']);
    expect(Object.fromEntries(bar?.state ?? [])).toEqual({ opens: false, clicks: true });
  });

  it('per email: opens off sends tracked links but no pixel; both off sends it untouched', async () => {
    const h = await composeHarness([trackingToggle, instrumentOnSend]);
    const first = h.gmail.openCompose({ html: BODY, draft: 'r-1' });
    first.switchBars[0]?.click('opens');
    const { sentBody } = await first.send();
    expect(sentBody).not.toContain('/t/o/');
    expect(sentBody).toContain('/t/c/');
    expect((await h.callNumber('outbox.register')).request).toMatchObject({ openTracking: false, clickTracking: true });

    const second = h.gmail.openCompose({ html: BODY, draft: 'r-2' });
    second.switchBars[0]?.click('opens');
    second.switchBars[0]?.click('clicks');
    expect((await second.send()).sentBody).toBe(BODY);
    expect((await h.callNumber('outbox.register', 1)).request).toMatchObject({ openTracking: false, clickTracking: false });
  });

  it("keeps the rep's choice when fresh settings arrive later", async () => {
    const h = await composeHarness([trackingToggle], { preload: false });
    const compose = h.gmail.openCompose();
    const bar = compose.switchBars[0];
    bar?.click('clicks');
    await h.env.context.refresh();
    expect(bar?.state.get('clicks')).toBe(false);
  });

  it('says so in the compose when the rep is not signed in', async () => {
    const h = await composeHarness([trackingToggle], { context: { signedIn: false } });
    const compose = h.gmail.openCompose();
    await h.env.context.refresh();
    expect(compose.switchBars[0]?.note).toBe('compose_notSignedIn');
  });
});

describe('request modifier', () => {
  it('always resolves, with the body as written, when reading the compose throws', async () => {
    const h = await composeHarness([instrumentOnSend]);
    const compose = h.gmail.openCompose({ html: BODY, draft: 'r-1' });
    compose.recipients = () => {
      throw new Error('Gmail changed its DOM');
    };
    const [modifier] = compose.modifiers;
    await expect(modifier?.({ body: BODY, isPlainText: false })).resolves.toEqual({ body: BODY });
    expect((await h.callNumber('compose.reportFailure')).request).toMatchObject({
      reason: 'instrument-error',
      detail: 'Gmail changed its DOM',
    });
  });
});
