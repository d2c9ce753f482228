// Server configuration from environment variables, validated once at start-up. The table below is
// the single description of every variable: the README and `glint serve --help` print it.
import { resolve } from 'node:path';
import { z } from 'zod';
import { MAILBOX_HOST_POLICIES, type MailboxHostPolicy } from './mail/mail-host-policy.ts';
import { DELIVERY_ENV_VARS, deliveryConfigFrom, deliveryEnvSchema, type DeliveryConfig } from './crm/delivery-config.ts';

export interface EnvVarDoc {
  name: string;
  default: string;
  meaning: string;
}

export const ENV_VARS: readonly EnvVarDoc[] = [
  { name: 'PORT', default: '8787', meaning: 'TCP port the server listens on (0 picks a free one)' },
  { name: 'HOST', default: '127.0.0.1', meaning: 'Address the server binds to' },
  {
    name: 'DATA_DIR',
    default: './data',
    meaning: 'Directory of the SQLite database (unless DATABASE_URL is set), the key file and uploaded documents',
  },
  {
    name: 'DATABASE_URL',
    default: '(unset: SQLite)',
    meaning: 'postgres://user:password@host:port/database: keep the store in PostgreSQL instead (one Glint server per database)',
  },
  {
    name: 'PUBLIC_URL',
    default: 'http://HOST:PORT',
    meaning: 'Public base URL of the server, used in pixel and click URLs and allowed by CORS',
  },
  {
    name: 'GLINT_SECRET_KEY',
    default: '(generated)',
    meaning: 'Server key (32+ characters) encrypting signing keys at rest; else DATA_DIR/secret.key is created once',
  },
  { name: 'LOG_LEVEL', default: 'info', meaning: 'fatal, error, warn, info, debug, trace or silent' },
  {
    name: 'SQLITE_SYNCHRONOUS',
    default: 'FULL',
    meaning:
      'FULL: an answered hit survives a power cut (fsync per group commit). NORMAL: survives a crash of Glint, not of the machine; faster on slow disks',
  },
  {
    name: 'TRUST_PROXY',
    default: 'false',
    meaning: 'true when behind a reverse proxy, so X-Forwarded-For gives the client IP',
  },
  { name: 'DOCS_MAX_UPLOAD_MB', default: '100', meaning: 'Largest document upload accepted, in MB (up to 4096)' },
  {
    name: 'DOCS_CONVERSIONS',
    default: '2',
    meaning: 'Word/PowerPoint to PDF conversions (LibreOffice) running at once; the others wait (1-32)',
  },
  {
    name: 'DOCS_CONVERT_TIMEOUT_S',
    default: '120',
    meaning: 'A conversion running longer is stopped and the document marked failed (seconds)',
  },
  {
    name: 'MAILBOX_TEST_TIMEOUT_S',
    default: '10',
    meaning: 'A mailbox connection test that gets no answer for this long fails as a timeout (seconds)',
  },
  {
    name: 'MAILBOX_CA_FILE',
    default: '(unset: system CAs)',
    meaning: "PEM file of certificates to trust for mailbox servers besides the system's (a company's own CA)",
  },
  {
    name: 'MAILBOX_HOSTS',
    default: 'public',
    meaning: 'Mail servers reps may connect: public (internet addresses only), loopback (also this machine), any (also private networks)',
  },
  {
    name: 'MAILBOX_WATCH',
    default: 'on',
    meaning: 'off: this server watches no mailbox (replies are not seen); for a second server process sharing the database',
  },
  { name: 'SOFFICE_PATH', default: 'soffice', meaning: 'The LibreOffice executable (a name on the PATH or an absolute path)' },
  {
    name: 'VIEWER_DIR',
    default: 'dist/viewer of the checkout',
    meaning: 'The built recipient document viewer (npm run build writes it)',
  },
  // Webhook delivery (crm/delivery-config.ts)
  ...DELIVERY_ENV_VARS,
];

const number = (example: string) => z.coerce.number({ error: `must be a number such as ${example}` });

const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(8787),
    HOST: z.string().trim().min(1).default('127.0.0.1'),
    DATA_DIR: z.string().trim().min(1).default('./data'),
    DATABASE_URL: z
      .url({ protocol: /^postgres(ql)?$/, message: 'must be a PostgreSQL URL such as postgres://glint:secret@127.0.0.1:5432/glint' })
      .optional(),
    PUBLIC_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL such as https://glint.example.com' }).optional(),
    GLINT_SECRET_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    TRUST_PROXY: z.enum(['true', 'false']).default('false'),
    SQLITE_SYNCHRONOUS: z
      .string()
      .transform((value) => value.toUpperCase())
      .pipe(z.enum(['FULL', 'NORMAL'], { message: 'must be FULL or NORMAL' }))
      .default('FULL'),
    DOCS_MAX_UPLOAD_MB: number('100').positive('must be more than 0').max(4096, 'must be at most 4096 (4 GB)').default(100),
    DOCS_CONVERSIONS: number('2').int('must be a whole number').min(1, 'must be at least 1').max(32, 'must be at most 32').default(2),
    DOCS_CONVERT_TIMEOUT_S: number('120').positive('must be more than 0').max(3600, 'must be at most 3600 (one hour)').default(120),
    MAILBOX_TEST_TIMEOUT_S: number('10').positive('must be more than 0').max(120, 'must be at most 120').default(10),
    MAILBOX_CA_FILE: z.string().trim().min(1, 'must not be blank').optional(),
    MAILBOX_HOSTS: z.enum(MAILBOX_HOST_POLICIES, { message: 'must be public, loopback or any' }).default('public'),
    MAILBOX_WATCH: z.enum(['on', 'off'], { message: 'must be on or off' }).default('on'),
    SOFFICE_PATH: z.string().trim().min(1, 'must not be blank').default('soffice'),
    VIEWER_DIR: z.string().trim().min(1, 'must not be blank').optional(),
  })
  .extend(deliveryEnvSchema.shape);

/** Tracked attachments: uploads, LibreOffice conversion, the recipient viewer. */
export interface DocsConfig {
  maxUploadBytes: number;
  conversions: number;
  convertTimeoutMs: number;
  sofficePath: string;
  /** Absolute; undefined: dist/viewer of this checkout (docs/viewer-page.ts). */
  viewerDir: string | undefined;
}

/** Mailbox connections (reply tracking). */
export interface MailConfig {
  testTimeoutMs: number;
  /** Absolute path of extra trusted certificates (PEM); undefined: the system's only. */
  caFile: string | undefined;
  /** Whether this server watches the connected mailboxes. */
  watch: boolean;
  /** Which mail server addresses may be reached (mail/mail-host-policy.ts). */
  hosts: MailboxHostPolicy;
}

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL connection URL; undefined: SQLite under dataDir. */
  databaseUrl: string | undefined;
  /** Without a trailing slash. */
  publicUrl: string | undefined;
  secretKey: string | undefined;
  logLevel: string;
  trustProxy: boolean;
  sqliteSynchronous: 'FULL' | 'NORMAL';
  docs: DocsConfig;
  mail: MailConfig;
  /** Webhook delivery workers (crm/). */
  delivery: DeliveryConfig;
}

export class ConfigError extends Error {}

/** Reads the configuration; throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const picked = Object.fromEntries(ENV_VARS.map(({ name }) => [name, env[name] === '' ? undefined : env[name]]));
  const parsed = envSchema.safeParse(picked);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration: ${lines.join('; ')}`);
  }
  const value = parsed.data;
  return {
    port: value.PORT,
    host: value.HOST,
    dataDir: resolve(value.DATA_DIR),
    databaseUrl: value.DATABASE_URL,
    publicUrl: value.PUBLIC_URL?.replace(/\/+$/, ''),
    secretKey: value.GLINT_SECRET_KEY,
    logLevel: value.LOG_LEVEL,
    trustProxy: value.TRUST_PROXY === 'true',
    sqliteSynchronous: value.SQLITE_SYNCHRONOUS,
    docs: {
      maxUploadBytes: Math.round(value.DOCS_MAX_UPLOAD_MB * 1024 * 1024),
      conversions: value.DOCS_CONVERSIONS,
      convertTimeoutMs: Math.round(value.DOCS_CONVERT_TIMEOUT_S * 1000),
      sofficePath: value.SOFFICE_PATH,
      viewerDir: value.VIEWER_DIR === undefined ? undefined : resolve(value.VIEWER_DIR),
    },
    mail: {
      testTimeoutMs: Math.round(value.MAILBOX_TEST_TIMEOUT_S * 1000),
      caFile: value.MAILBOX_CA_FILE === undefined ? undefined : resolve(value.MAILBOX_CA_FILE),
      watch: value.MAILBOX_WATCH === 'on',
      hosts: value.MAILBOX_HOSTS,
    },
    delivery: deliveryConfigFrom(value),
  };
}

/** The base of pixel and click URLs once the listening port is known. */
export function publicUrlOf(config: ServerConfig, boundPort: number): string {
  if (config.publicUrl) return config.publicUrl;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return `http://${host}:${boundPort}`;
}
