// The options page's Mailbox section without Chrome: presets filling the form, a stored mailbox
// back into it (never its password), the settings sent, the field a server refusal names, the
// watcher's state in words, and what is rendered (hostile strings as text only).
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { MailboxView } from '../../src/shared/mailbox-api.ts';
import type { AuthStatus, GlintActions } from '../../src/shared/messages.ts';
import {
  draftOf,
  emptyForm,
  fieldOfServerError,
  formOf,
  needsNewPassword,
  providerOf,
  saveDraftOf,
  withProvider,
} from '../../src/extension/options/mailbox-form.ts';
import { MailboxEditor } from '../../src/extension/options/mailbox-editor.tsx';
import { MailboxSection, WatcherState } from '../../src/extension/options/mailbox-section.tsx';
import { lastReplyWords, watcherLine, whenWords } from '../../src/extension/options/mailbox-words.ts';
import { speakPerTest } from '../support/popup-i18n.ts';

const speak = speakPerTest();

const HOSTILE = '<img src=x onerror="alert(1)">';
const stored: MailboxView = {
  imap: { host: '127.0.0.1', port: 1143, tls: 'none' },
  smtp: { host: '127.0.0.1', port: 1025, tls: 'none' },
  username: 'rep@acme.example',
  auth: { method: 'password', set: true },
  watcher: { status: 'paused', pausedReason: `The server refused the password ${HOSTILE}`, lastReplyAt: null },
  lastTest: null,
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
};
const unused = (() => Promise.reject(new Error('unused'))) as unknown as GlintActions;

describe('mailbox form', () => {
  it('starts on Gmail and fills the servers from the chosen preset', () => {
    const form = emptyForm();
    expect(form).toMatchObject({
      provider: 'gmail',
      imap: { host: 'imap.gmail.com', port: '993', tls: 'tls' },
      smtp: { host: 'smtp.gmail.com', port: '465', tls: 'tls' },
      password: '',
    });
    const microsoft = withProvider(form, 'microsoft365');
    expect(microsoft.imap).toEqual({ host: 'outlook.office365.com', port: '993', tls: 'tls' });
    expect(microsoft.smtp).toEqual({ host: 'smtp.office365.com', port: '587', tls: 'starttls' });
    // "Other" keeps what is there, to be edited from.
    expect(withProvider(microsoft, 'other')).toEqual({ ...microsoft, provider: 'other' });
  });

  it('recognises a stored preset, and never brings a password back', () => {
    expect(
      providerOf({ imap: { host: 'IMAP.gmail.com', port: 993, tls: 'tls' }, smtp: { host: 'smtp.gmail.com', port: 465, tls: 'tls' } }),
    ).toBe('gmail');
    expect(
      providerOf({ imap: { host: 'imap.gmail.com', port: 143, tls: 'starttls' }, smtp: { host: 'smtp.gmail.com', port: 465, tls: 'tls' } }),
    ).toBe('other');
    expect(formOf(stored)).toEqual({
      provider: 'other',
      imap: { host: '127.0.0.1', port: '1143', tls: 'none' },
      smtp: { host: '127.0.0.1', port: '1025', tls: 'none' },
      username: 'rep@acme.example',
      password: '',
    });
  });

  it('sends trimmed settings with numeric ports, and names a port that is not a number', () => {
    const form = { ...withProvider(emptyForm(), 'other'), username: ' rep@acme.example ', password: ' secret ' };
    expect(draftOf({ ...form, imap: { ...form.imap, host: ' mail.acme.example ', port: ' 993 ' } })).toEqual({
      ok: true,
      settings: {
        imap: { host: 'mail.acme.example', port: 993, tls: 'tls' },
        smtp: { host: 'smtp.gmail.com', port: 465, tls: 'tls' },
        username: 'rep@acme.example',
        auth: { method: 'password', password: ' secret ' },
      },
    });
    expect(draftOf({ ...form, smtp: { ...form.smtp, port: 'abc' } })).toEqual({ ok: false, field: 'smtp.port' });
    expect(draftOf({ ...form, imap: { ...form.imap, port: '' } })).toEqual({ ok: false, field: 'imap.port' });
  });

  it('saves without the password when none is typed, so the server keeps the stored one', () => {
    const typed = draftOf({ ...formOf(stored), password: 'new one' });
    const untyped = draftOf(formOf(stored));
    if (!typed.ok || !untyped.ok) throw new Error('the stored form is valid');
    expect(saveDraftOf(typed.settings).auth).toEqual({ method: 'password', password: 'new one' });
    expect(saveDraftOf(untyped.settings)).not.toHaveProperty('auth');
    expect(saveDraftOf(untyped.settings)).toMatchObject({ username: stored.username, imap: stored.imap });
  });

  it('asks for a password once the address or a host changes, not for a port', () => {
    const form = formOf(stored);
    expect(needsNewPassword(form, stored)).toBe(false);
    expect(needsNewPassword({ ...form, imap: { ...form.imap, port: '993', tls: 'tls' } }, stored)).toBe(false);
    expect(needsNewPassword({ ...form, username: 'other@acme.example' }, stored)).toBe(true);
    expect(needsNewPassword({ ...form, imap: { ...form.imap, host: 'imap.acme.example' } }, stored)).toBe(true);
    expect(needsNewPassword({ ...form, smtp: { ...form.smtp, host: 'smtp.acme.example' } }, stored)).toBe(true);
    expect(needsNewPassword({ ...form, username: 'other@acme.example', password: 'typed' }, stored)).toBe(false);
  });

  it("finds the field a server's refusal names", () => {
    expect(fieldOfServerError('body.imap.host: must be a host name or an IP address')).toBe('imap.host');
    expect(fieldOfServerError("body.settings.smtp.tls: tls 'none' is only allowed ...")).toBe('smtp.tls');
    expect(fieldOfServerError('body.username: username is required')).toBe('username');
    expect(fieldOfServerError('body.auth.password: password is required')).toBe('password');
    expect(fieldOfServerError('No mailbox is connected')).toBeNull();
  });
});

describe("the watcher's state in words", () => {
  it('says watching, paused with the reason, and connecting with or without one', () => {
    speak('en');
    expect(watcherLine({ status: 'watching', pausedReason: null, lastReplyAt: null })).toEqual({
      tone: 'watching',
      text: 'Watching for replies',
    });
    expect(watcherLine({ status: 'paused', pausedReason: 'Wrong password.', lastReplyAt: null }).text).toBe('Paused: Wrong password.');
    expect(watcherLine({ status: 'paused', pausedReason: null, lastReplyAt: null }).text).toBe('Paused');
    expect(watcherLine({ status: 'waiting', pausedReason: null, lastReplyAt: null })).toEqual({ tone: 'waiting', text: 'Connecting…' });
    expect(watcherLine({ status: 'waiting', pausedReason: 'Retrying in 30 s.', lastReplyAt: null }).text).toBe(
      'Connecting… Retrying in 30 s.',
    );
    speak('fr');
    expect(watcherLine({ status: 'paused', pausedReason: 'Wrong password.', lastReplyAt: null }).text).toBe('En pause : Wrong password.');
    speak('nl');
    expect(watcherLine({ status: 'watching', pausedReason: null, lastReplyAt: null }).text).toBe('Antwoorden worden gevolgd');
  });

  it('says when the last reply was seen: relative within a day, else the local date', () => {
    const now = new Date('2026-12-03T12:00:00Z');
    expect(whenWords('2026-12-03T11:55:00Z', now, 'en')).toBe('5 minutes ago');
    expect(whenWords('2026-12-03T09:00:00Z', now, 'en')).toBe('3 hours ago');
    expect(whenWords('2026-12-03T11:59:30Z', now, 'en')).toBe('now');
    expect(whenWords('2026-11-20T09:00:00Z', now, 'en')).toMatch(/Nov 20, 2026/);
    expect(whenWords('2026-12-03T11:55:00Z', now, 'fr')).toBe('il y a 5 minutes');
    speak('en');
    expect(lastReplyWords(null, now, 'en')).toBe('No reply seen yet');
    expect(lastReplyWords('2026-12-03T11:55:00Z', now, 'en')).toBe('Last reply seen: 5 minutes ago');
  });
});

describe('mailbox section rendering', () => {
  const signedOut = { signedIn: false } as AuthStatus;

  it('asks to sign in first when signed out', () => {
    speak('fr');
    const html = renderToStaticMarkup(<MailboxSection status={signedOut} actions={unused} />);
    expect(html).toContain('Boîte mail');
    expect(html).toContain('Connectez-vous d&#x27;abord pour relier votre boîte mail.');
    expect(html).not.toContain('<form');
  });

  it('shows a stored password as stored, never its value, and hostile strings as text', () => {
    speak('en');
    const html = renderToStaticMarkup(
      <>
        <WatcherState mailbox={stored} />
        <MailboxEditor
          stored={{ ...stored, imap: { ...stored.imap, host: HOSTILE } }}
          actions={unused}
          onStored={() => undefined}
          confirm={() => true}
        />
      </>,
    );
    expect(html).toContain('A password is stored. Type a new one to replace it.');
    expect(html).toMatch(/<input id="mailbox-password" type="password"[^>]*value=""/);
    expect(html).toContain('>Disconnect</button>');
    expect(html).toContain('No reply seen yet');
    expect(html).not.toContain('<img');
    expect(html).toContain('Paused: The server refused the password &lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
  });

  it('offers the Gmail help and no Disconnect before anything is stored', () => {
    speak('nl');
    const html = renderToStaticMarkup(<MailboxEditor stored={null} actions={unused} onStored={() => undefined} confirm={() => true} />);
    expect(html).toContain('Gmail vraagt een app-wachtwoord');
    expect(html).toContain('>Verbinding testen</button>');
    expect(html).not.toContain('Ontkoppelen');
    expect(html).not.toContain('Er is een wachtwoord opgeslagen');
  });
});
