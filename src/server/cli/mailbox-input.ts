// What `glint mailbox connect` reads: server settings from a preset and/or flags, and the
// credential from stdin (never argv, where other users of the machine and shell history see it).
import { MAILBOX_PRESETS, isPresetName, mailboxSettingsSchema, type MailboxSettings } from '../mail/connection-settings.ts';
import { UsageError } from './cli-errors.ts';

export interface ConnectFlags {
  preset?: string;
  imapHost?: string;
  imapPort?: string;
  imapTls?: string;
  smtpHost?: string;
  smtpPort?: string;
  smtpTls?: string;
  username?: string;
  passwordStdin?: boolean;
  tokenStdin?: boolean;
}

const PRESETS = Object.keys(MAILBOX_PRESETS).join(' or ');

/** The settings the flags and the secret describe, validated as the server will; UsageError otherwise. */
export function settingsFromFlags(flags: ConnectFlags, secret: string): MailboxSettings {
  if (flags.preset !== undefined && !isPresetName(flags.preset)) throw new UsageError(`--preset must be ${PRESETS}`);
  const preset = flags.preset !== undefined && isPresetName(flags.preset) ? MAILBOX_PRESETS[flags.preset] : undefined;
  const endpoint = (side: 'imap' | 'smtp', host?: string, port?: string, tls?: string): Record<string, unknown> => {
    const given = { host, port: port === undefined ? undefined : Number(port), tls };
    const missing = Object.entries(given)
      .filter(([, value]) => value === undefined && preset === undefined)
      .map(([name]) => `--${side}-${name}`);
    if (missing.length > 0) throw new UsageError(`give --preset (${PRESETS}) or ${missing.join(', ')}`);
    return { ...preset?.[side], ...Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)) };
  };
  if (!flags.username) throw new UsageError('--username is required (the mailbox sign-in, usually the email address)');
  const auth = flags.tokenStdin ? { method: 'oauth2', accessToken: secret } : { method: 'password', password: secret };
  const parsed = mailboxSettingsSchema.safeParse({
    imap: endpoint('imap', flags.imapHost, flags.imapPort, flags.imapTls),
    smtp: endpoint('smtp', flags.smtpHost, flags.smtpPort, flags.smtpTls),
    username: flags.username,
    auth,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.').replace(/^(imap|smtp)\.(host|port|tls)$/, '--$1-$2') ?? '';
    throw new UsageError(`${field}: ${issue?.message ?? 'invalid settings'}`);
  }
  return parsed.data;
}

/** Which credential comes on stdin: exactly one of the two flags. */
export function secretKind(flags: ConnectFlags): 'password' | 'token' {
  if (flags.passwordStdin && flags.tokenStdin) throw new UsageError('give --password-stdin or --token-stdin, not both');
  if (flags.passwordStdin) return 'password';
  if (flags.tokenStdin) return 'token';
  throw new UsageError('the password or token is read from stdin: give --password-stdin or --token-stdin (never on the command line)');
}

/** All of stdin, without the line break that `echo` or a here-string adds. */
export async function readSecretFromStdin(kind: 'password' | 'token'): Promise<string> {
  if (process.stdin.isTTY) throw new UsageError(`pipe the ${kind} into stdin, e.g. from a password manager`);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const secret = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (secret === '') throw new UsageError(`stdin is empty: no ${kind} given`);
  return secret;
}
