// The Mailbox section's form as pure data: the provider's preset filling the servers, a stored
// mailbox back into the form (never its password), the form into the settings the background
// sends, and which field a server's refusal names.
import type { MailboxView } from '../../shared/mailbox-api.ts';
import { MAILBOX_PRESETS, type ServerEndpoint, type TlsMode } from '../../shared/mailbox-settings.ts';
import type { MailboxSaveDraft, MailboxSettingsDraft } from '../../shared/messages.ts';

export const PROVIDERS = ['gmail', 'microsoft365', 'other'] as const;
export type Provider = (typeof PROVIDERS)[number];

/** One server as the form holds it: the port as typed. */
export interface EndpointForm {
  host: string;
  port: string;
  tls: TlsMode;
}

export interface MailboxForm {
  provider: Provider;
  imap: EndpointForm;
  smtp: EndpointForm;
  username: string;
  /** Empty unless the rep types one: a stored password is never shown back. */
  password: string;
}

export type MailboxField = `${'imap' | 'smtp'}.${'host' | 'port' | 'tls'}` | 'username' | 'password';

const endpointForm = (endpoint: ServerEndpoint): EndpointForm => ({ host: endpoint.host, port: String(endpoint.port), tls: endpoint.tls });

/** The form for a rep with no mailbox yet: Gmail, the most common. */
export function emptyForm(): MailboxForm {
  return withProvider(
    {
      provider: 'other',
      imap: { host: '', port: '993', tls: 'tls' },
      smtp: { host: '', port: '465', tls: 'tls' },
      username: '',
      password: '',
    },
    'gmail',
  );
}

/** A preset fills both servers; "Other" keeps what is there, to be edited. */
export function withProvider(form: MailboxForm, provider: Provider): MailboxForm {
  if (provider === 'other') return { ...form, provider };
  const preset = MAILBOX_PRESETS[provider];
  return { ...form, provider, imap: endpointForm(preset.imap), smtp: endpointForm(preset.smtp) };
}

const sameEndpoint = (a: ServerEndpoint, b: ServerEndpoint): boolean =>
  a.host.toLowerCase() === b.host.toLowerCase() && a.port === b.port && a.tls === b.tls;

/** The preset whose servers these are, else "Other". */
export function providerOf(servers: { imap: ServerEndpoint; smtp: ServerEndpoint }): Provider {
  for (const provider of ['gmail', 'microsoft365'] as const) {
    const preset = MAILBOX_PRESETS[provider];
    if (sameEndpoint(servers.imap, preset.imap) && sameEndpoint(servers.smtp, preset.smtp)) return provider;
  }
  return 'other';
}

export function formOf(mailbox: MailboxView): MailboxForm {
  return {
    provider: providerOf(mailbox),
    imap: endpointForm(mailbox.imap),
    smtp: endpointForm(mailbox.smtp),
    username: mailbox.username,
    password: '',
  };
}

export type DraftResult = { ok: true; settings: MailboxSettingsDraft } | { ok: false; field: MailboxField };

/** The settings to send, or the port field that is not a number (the server judges the rest). */
export function draftOf(form: MailboxForm): DraftResult {
  const ports: Partial<Record<'imap' | 'smtp', number>> = {};
  for (const side of ['imap', 'smtp'] as const) {
    const typed = form[side].port.trim();
    if (!/^\d{1,5}$/.test(typed)) return { ok: false, field: `${side}.port` };
    ports[side] = Number(typed);
  }
  const endpoint = (side: 'imap' | 'smtp') => ({ host: form[side].host.trim(), port: ports[side] ?? 0, tls: form[side].tls });
  return {
    ok: true,
    settings: {
      imap: endpoint('imap'),
      smtp: endpoint('smtp'),
      username: form.username.trim(),
      auth: { method: 'password', password: form.password },
    },
  };
}

/** The field a server refusal names ("body.imap.host: must be a host name ..."), if any. */
export function fieldOfServerError(message: string): MailboxField | null {
  const path = /^body\.(?:settings\.)?([\w.]+):/.exec(message)?.[1];
  if (!path) return null;
  const endpoint = /^(imap|smtp)\.(host|port|tls)\b/.exec(path);
  if (endpoint) return `${endpoint[1] as 'imap' | 'smtp'}.${endpoint[2] as 'host' | 'port' | 'tls'}`;
  if (path.startsWith('username')) return 'username';
  if (path.startsWith('auth')) return 'password';
  return null;
}

/** The settings to save: without a typed password the server keeps the stored one. */
export function saveDraftOf(settings: MailboxSettingsDraft): MailboxSaveDraft {
  if (settings.auth.password !== '') return settings;
  const { auth: _auth, ...rest } = settings;
  return rest;
}

/**
 * A stored password is kept only for the same address and hosts (the server refuses otherwise):
 * true when the form moved it elsewhere without typing a new one.
 */
export function needsNewPassword(form: MailboxForm, stored: MailboxView): boolean {
  if (form.password !== '') return false;
  const sameHost = (side: 'imap' | 'smtp'): boolean => form[side].host.trim().toLowerCase() === stored[side].host.toLowerCase();
  return form.username.trim() !== stored.username || !sameHost('imap') || !sameHost('smtp');
}
