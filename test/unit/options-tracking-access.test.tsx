// The options page asks for access to a separate tracking origin only while Chrome has not given it.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { AuthStatus, GlintActions } from '../../src/shared/messages.ts';
import { AccountSection } from '../../src/extension/options/account-section.tsx';
import { speakPerTest } from '../support/popup-i18n.ts';

const speak = speakPerTest();

const signedIn: AuthStatus = {
  signedIn: true,
  serverUrl: 'https://glint.acme.example',
  user: {
    id: 'us_AAAAAAAAAAAAAAAAAAAAAA',
    email: 'ann@acme.example',
    teamId: 'tm_AAAAAAAAAAAAAAAAAAAAAA',
    teamName: 'Sales',
    plan: 'free',
  },
  deviceId: 'dv_AAAAAAAAAAAAAAAAAAAAAA',
  deviceName: 'Chrome on Linux',
  syncStatus: 'ok',
  lastError: null,
  trackingAccess: null,
};

const render = (status: AuthStatus): string =>
  renderToStaticMarkup(
    <AccountSection
      status={status}
      actions={(() => Promise.reject(new Error('unused'))) as unknown as GlintActions}
      onStatus={() => undefined}
      requestHostPermission={async () => true}
    />,
  );

describe('tracking origin access on the options page', () => {
  it('asks, in the rep language, while the tracking origin is not allowed', () => {
    speak('nl');
    const html = render({ ...signedIn, trackingAccess: { origin: 'https://t.acme.example', allowed: false } });
    expect(html).toContain('Uw gevolgde links en pixels gebruiken https://t.acme.example.');
    expect(html).toContain('>Toestaan</button>');
  });

  it('says nothing once allowed, or when the tracking URLs share the server origin', () => {
    speak('en');
    expect(render({ ...signedIn, trackingAccess: { origin: 'https://t.acme.example', allowed: true } })).not.toContain('>Allow</button>');
    expect(render(signedIn)).not.toContain('tracked links and pixels');
  });
});
