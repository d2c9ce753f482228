// self-view-guard and content-button against the fake Gmail: the rep's own pixel never loads and
// a self-view beacon is asked for; another sender's pixel loads as sent; the Content button
// opens the picker for this compose's token and inserts only well-formed links from it.
import { describe, expect, it } from 'vitest';
import { mintEmailToken } from '../../src/shared/email-tokens.ts';
import { pixelUrl } from '../../src/shared/tracking-urls.ts';
import contentButton from '../../src/extension/content/features/content-button.ts';
import instrumentOnSend from '../../src/extension/content/features/instrument-on-send.ts';
import selfViewGuard, { SELF_VIEW_DEDUP_MS } from '../../src/extension/content/features/self-view-guard.ts';
import { BackgroundError } from '../../src/extension/content/background-client.ts';
import { PICKER_PAGE, emailTokenOf } from '../../src/extension/data/picker-protocol.ts';
import { FakeImage } from '../support/fake-gmail-adapter.ts';
import { EXTENSION_ORIGIN, composeHarness, drainMicrotasks } from './compose-harness.ts';

const BASE = 'https://glint.seller.example';
/** Gmail shows external images through its proxy, with the original URL after a `#`. */
const proxied = (url: string): string => `https://ci3.googleusercontent.com/meips/ADKq_Nb9x=s0-d-e1-ft#${url}`;

describe('self-view-guard', () => {
  it("neutralises the pixel of the rep's own sent message as it enters the page and asks for beacons at once", async () => {
    const h = await composeHarness([selfViewGuard]);
    const token = mintEmailToken();
    const { images } = h.gmail.showMessage([proxied(pixelUrl(BASE, token)), 'https://seller.example/logo.png'], true);
    const [pixel, logo] = images;
    expect(pixel?.fetched).toEqual([]);
    expect(logo?.fetched).toEqual(['https://seller.example/logo.png']);
    // As soon as the image is in the page (emails this browser sent), and as the rep's message.
    await drainMicrotasks();
    expect(h.callsOf('selfView.report').map((call) => call.request)).toEqual(
      expect.arrayContaining([
        { tokens: [token], sentByMe: false },
        { tokens: [token], sentByMe: true },
      ]),
    );
    expect(h.callsOf('selfView.report')).toHaveLength(2);
    expect(pixel?.neutralised).toBe(true);
  });

  it("puts back another sender's pixel: the rep reading it is a real open for them", async () => {
    const mine = mintEmailToken();
    const theirs = mintEmailToken();
    const h = await composeHarness([selfViewGuard], { responders: { 'selfView.report': async () => ({ mine: [mine] }) } });
    // A reply from the customer quoting the rep's tracked email, plus another Glint user's pixel.
    const { images } = h.gmail.showMessage([proxied(pixelUrl(BASE, mine)), pixelUrl('https://other-glint.example', theirs)], false);
    await drainMicrotasks();
    expect(h.callsOf('selfView.report').map((call) => call.request)).toEqual([{ tokens: [mine, theirs], sentByMe: false }]);
    expect(images.map((image) => image.neutralised)).toEqual([true, false]);
    expect(images[0]?.fetched).toEqual([]);
  });

  it("keeps the rep's own message guarded when the background cannot answer, and restores others'", async () => {
    const h = await composeHarness([selfViewGuard], {
      responders: {
        'selfView.report': async () => {
          throw new BackgroundError('unreachable', 'Glint was reloaded');
        },
      },
    });
    const own = h.gmail.showMessage([pixelUrl(BASE, mintEmailToken())], true);
    const other = h.gmail.showMessage([pixelUrl(BASE, mintEmailToken())], false);
    await drainMicrotasks();
    expect(own.images[0]?.neutralised).toBe(true);
    expect(other.images[0]?.neutralised).toBe(false);
  });

  it('reports a view once, and again when the rep opens the message later', async () => {
    const h = await composeHarness([selfViewGuard]);
    const token = mintEmailToken();
    h.gmail.showMessage([pixelUrl(BASE, token)], true);
    h.gmail.showMessage([pixelUrl(BASE, token)], true); // Gmail re-rendered the same message
    await drainMicrotasks();
    expect(h.callsOf('selfView.report')).toHaveLength(2); // in-page, then as the rep's message
    h.clock.now += SELF_VIEW_DEDUP_MS + 1;
    h.gmail.showMessage([pixelUrl(BASE, token)], true);
    await drainMicrotasks();
    expect(h.callsOf('selfView.report')).toHaveLength(4);
  });

  it("neutralises a pixel quoted in a compose (a reply to the rep's own tracked email)", async () => {
    const h = await composeHarness([selfViewGuard]);
    const image = new FakeImage(proxied(pixelUrl(BASE, mintEmailToken())));
    h.gmail.images.emit(image);
    image.load();
    expect(image.fetched).toEqual([]);
  });

  it('ignores images that are not Glint pixels and stops when its signal aborts', async () => {
    const h = await composeHarness([selfViewGuard]);
    h.gmail.showMessage(['https://example.com/a.png', 'https://example.com/t/o/em_short.gif'], true);
    await drainMicrotasks();
    expect(h.callsOf('selfView.report')).toEqual([]);
    h.controller.abort();
    const { images } = h.gmail.showMessage([pixelUrl(BASE, mintEmailToken())], true);
    expect(images[0]?.fetched).toHaveLength(1);
  });
});

describe('content-button', () => {
  it("adds a Content button that opens the picker for this compose's email token", async () => {
    const h = await composeHarness([contentButton, instrumentOnSend]);
    const compose = h.gmail.openCompose({ draft: 'r-1' });
    expect(compose.buttons.map((button) => button.title)).toEqual(['compose_contentButton']);
    compose.buttons[0]?.onClick();
    const modal = h.gmail.modals[0];
    expect(modal?.spec.url.startsWith(`${EXTENSION_ORIGIN}/${PICKER_PAGE}#`)).toBe(true);
    const token = emailTokenOf(new URL(modal?.spec.url ?? '').hash);
    // Several documents, then Done.
    modal?.post({ glintPicker: 1, type: 'insert', url: `${BASE}/d/dl_one`, title: 'Pricing.pdf' });
    modal?.post({ glintPicker: 1, type: 'insert', url: `${BASE}/d/dl_two`, title: '  Case study.pptx ' });
    modal?.post({ glintPicker: 1, type: 'close' });
    expect(modal?.closed).toBe(true);
    expect(compose.inserted).toEqual([
      { text: 'Pricing.pdf', url: `${BASE}/d/dl_one` },
      { text: 'Case study.pptx', url: `${BASE}/d/dl_two` },
    ]);
    // The email goes out under the token the links were made for; its viewer links stay as they are.
    const { sentBody } = await compose.send();
    expect((await h.callNumber('outbox.register')).request.token).toBe(token);
    expect(sentBody).toContain(`href="${BASE}/d/dl_one"`);
  });

  it('inserts nothing the picker protocol does not allow', async () => {
    const h = await composeHarness([contentButton]);
    const compose = h.gmail.openCompose();
    compose.buttons[0]?.onClick();
    const modal = h.gmail.modals[0];
    for (const bad of [
      null,
      'insert',
      { type: 'insert', url: 'https://x.example', title: 'no marker' },
      { glintPicker: 1, type: 'insert', url: 'javascript:alert(1)', title: 'x' },
      { glintPicker: 1, type: 'insert', url: 'not a url', title: 'x' },
      { glintPicker: 1, type: 'insert', url: 'https://x.example', title: 7 },
      { glintPicker: 1, type: 'delete' },
    ]) {
      modal?.post(bad);
    }
    expect(compose.inserted).toEqual([]);
    expect(modal?.closed).toBe(false);
  });
});
