// The dovecot.conf of the test harness: its own directories, users from a passwd-file (and
// OAuth2 tokens when asked), maildirs with a Sent folder (and a Gmail-like All Mail when asked),
// plain or TLS listeners, and the limits tests and benchmarks need.
import { join } from 'node:path';

export interface DovecotOptions {
  /** Require TLS: `port` speaks implicit TLS, `starttlsPort` plain IMAP that must STARTTLS first. */
  tls?: boolean;
  /** Announce capabilities without IDLE, as an old or stripped-down server would. */
  withoutIdle?: boolean;
  /**
   * Also sign-in with OAuth2 access tokens (XOAUTH2, OAUTHBEARER), checked by Dovecot against
   * an introspection endpoint the harness serves on loopback: addAccessToken() issues them.
   */
  oauth2?: boolean;
  /** Also an "All Mail" folder flagged \All, laid out as Gmail's (every message, sent ones too). */
  allMailFolder?: boolean;
  /**
   * Room for this many IMAP connections at once (a benchmark's hundreds of watched mailboxes).
   * By default Dovecot signs in at most 100 clients at a time (imap-login's process_limit comes
   * from default_process_limit) and runs at most 1024 sessions (imap's process_limit).
   */
  maxConnections?: number;
  /**
   * Also real outgoing mail: Dovecot's submission service (sign-in from the same passwd-file, as
   * smtp.gmail.com:587; implicit TLS with `tls`) relaying through the harness relay
   * (smtp-relay.ts) to Dovecot's LMTP, so a message sent lands in the recipient's mailbox.
   */
  submission?: boolean;
}

/** What Dovecot announces when a test wants a server without IDLE. */
const CAPABILITY_WITHOUT_IDLE = 'IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE LITERAL+ UIDPLUS';

/** The folder flagged \Sent in every harness mailbox, and the \All one with `allMailFolder`. */
export const SENT_FOLDER = 'Sent';
export const ALL_MAIL_FOLDER = 'All Mail';

export interface ConfigParts {
  /** With `oauth2`: the oauth2 passdb block. */
  oauth2Passdb: string;
  dir: string;
  mailDir: string;
  passwdFile: string;
  logFile: string;
  port: number;
  starttlsPort: number | null;
  /** With `submission`: its port, Dovecot's LMTP port and the relay's port; null otherwise. */
  mailPorts: { submission: number; lmtp: number; relay: number } | null;
  options: DovecotOptions;
}

export function dovecotConfig({
  dir,
  mailDir,
  passwdFile,
  logFile,
  port,
  starttlsPort,
  mailPorts,
  options,
  oauth2Passdb,
}: ConfigParts): string {
  const listeners = options.tls
    ? `inet_listener imap {\n    port = ${starttlsPort ?? 0}\n  }\n  inet_listener imaps {\n    port = ${port}\n    ssl = yes\n  }`
    : `inet_listener imap {\n    port = ${port}\n  }\n  inet_listener imaps {\n    port = 0\n  }`;
  const tls = options.tls ? `ssl = required\nssl_cert = <${join(dir, 'cert.pem')}\nssl_key = <${join(dir, 'key.pem')}` : 'ssl = no';
  return `protocols = imap${mailPorts ? ' lmtp submission' : ''}
listen = 127.0.0.1
base_dir = ${join(dir, 'run')}
state_dir = ${join(dir, 'state')}
log_path = ${logFile}
info_log_path = ${logFile}
${tls}
disable_plaintext_auth = no
auth_mechanisms = plain login${options.oauth2 ? ' xoauth2 oauthbearer' : ''}
# Answer a wrong password at once (default: 2 s later), so failure tests stay fast.
auth_failure_delay = 0
passdb {
  driver = passwd-file
  args = ${passwdFile}
  mechanisms = plain login
}
${oauth2Passdb}userdb {
  driver = static
  args = uid=dovecot gid=dovecot home=${mailDir}/%u${mailPorts ? ' allow_all_users=yes' : ''}
}
mail_location = maildir:~/Maildir
namespace inbox {
  inbox = yes
  mailbox ${SENT_FOLDER} {
    special_use = \\Sent
    auto = create
  }
${options.allMailFolder ? `  mailbox "${ALL_MAIL_FOLDER}" {\n    special_use = \\All\n    auto = create\n  }\n` : ''}}
# IDLE learns of new mail through inotify; past the kernel's inotify instances per user (128 by
# default, all of Dovecot's imap processes are one user) it polls instead, every 30 s by default.
mailbox_idle_check_interval = 1 secs
first_valid_uid = 100
default_internal_user = dovecot
default_login_user = dovenull
# No growing delay after failed sign-ins from one address (anvil's auth penalty): a test that
# tries a wrong password, then the watcher doing the same, must get its answer at once.
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
${options.withoutIdle ? `imap_capability = ${CAPABILITY_WITHOUT_IDLE}\n` : ''}service imap-login {
  ${listeners}${options.maxConnections ? `\n  process_limit = ${options.maxConnections}` : ''}
}
${options.maxConnections ? connectionLimits(options.maxConnections) : ''}${mailPorts ? mailServices(mailPorts, options.tls === true) : ''}`;
}

/**
 * Submission for the rep's client, LMTP for the relay's deliveries. LMTP takes any recipient
 * (allow_all_users: the passdb only serves sign-ins); the relay refuses the ones a test names.
 */
function mailServices(ports: { submission: number; lmtp: number; relay: number }, tls: boolean): string {
  return `hostname = mail.glint.test
submission_relay_host = 127.0.0.1
submission_relay_port = ${ports.relay}
submission_relay_trusted = yes
submission_relay_ssl = no
service submission-login {
  inet_listener submission {
    port = ${ports.submission}${tls ? '\n    ssl = yes' : ''}
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = ${ports.lmtp}
  }
}
`;
}

/**
 * One imap process per session and one imap-login process per sign-in in progress; every process
 * is also a client of the log, anvil and stats services (default_client_limit, 1000).
 */
function connectionLimits(connections: number): string {
  return `service imap {
  process_limit = ${connections}
}
default_client_limit = ${Math.max(1000, 3 * connections)}
`;
}
