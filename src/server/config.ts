// Server configuration from environment variables, validated once at start-up. The table below is
// the single description of every variable: the README and `glint serve --help` print it.
import { resolve } from 'node:path';
import { z } from 'zod';
import {
  NETWORK_LIST_ENV_VARS,
  networkListsConfigOf,
  networkListsEnvSchema,
  type NetworkListsConfig,
} from './ingest/network-lists/network-lists-config.ts';
import type { HttpLimits } from './http/connection-limits.ts';
import { invalidProxyEntry, type TrustProxy } from './http/trust-proxy.ts';
import {
  ORPHAN_LIMIT_ENV_VARS,
  orphanLimitsConfigOf,
  orphanLimitsEnvSchema,
  type OrphanLimitsConfig,
} from './ingest/orphans/orphan-limits-config.ts';
import { MAILBOX_HOST_POLICIES, type MailboxHostPolicy } from './mail/mail-host-policy.ts';
import { HELD_HITS_ENV_VARS, heldHitsEnvSchema } from './ingest/held/held-hits-config.ts';
import { CAMPAIGN_ENV_VARS, campaignConfigFrom, campaignEnvSchema, type CampaignConfig } from './campaigns/campaign-config.ts';
import { SALESFORCE_ENV_VARS, salesforceConfigFrom, salesforceEnvSchema, type SalesforceConfig } from './crm/salesforce-config.ts';
import { DELIVERY_ENV_VARS, deliveryConfigFrom, deliveryEnvSchema, type DeliveryConfig } from './crm/delivery-config.ts';
import { CLUSTER_ENV_VARS, clusterConfigOf, clusterEnvSchema, type ClusterConfig } from './cluster/cluster-config.ts';
import { CONVERSION_ENV_VARS, conversionConfigOf, conversionEnvSchema, type ConversionQueueConfig } from './docs/conversion-config.ts';
import { RETENTION_ENV_VARS, retentionConfigOf, retentionEnvSchema, type RetentionConfig } from './privacy/retention-config.ts';

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
    meaning:
      'postgres://user:password@host:port/database: keep the store in PostgreSQL instead (several Glint servers may share one database: docs/deploy.md)',
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
    name: 'HEALTH_DETAILS_TOKEN',
    default: '(unset: no details)',
    meaning:
      'Secret (24+ characters) an operator sends as Authorization: Bearer to read GET /healthz/details (network lists, feed waiters); unset, that route answers 404. GET /healthz answers anyone with { ok, store } only',
  },
  {
    name: 'SQLITE_SYNCHRONOUS',
    default: 'FULL',
    meaning:
      'FULL: an answered hit survives a power cut (fsync per group commit). NORMAL: survives a crash of Glint, not of the machine; faster on slow disks',
  },
  {
    name: 'TRUST_PROXY',
    default: 'false',
    meaning:
      'Behind reverse proxies: their addresses or CIDRs, comma-separated (loopback, linklocal, uniquelocal name ranges), or their number (1-10); the client is the address the last trusted proxy saw in X-Forwarded-For. true means 1 (one proxy in front)',
  },
  {
    name: 'HTTP_HEADERS_TIMEOUT_S',
    default: '10',
    meaning: "A request's headers not complete after this long: the connection is closed (slow clients, slowloris)",
  },
  {
    name: 'HTTP_REQUEST_TIMEOUT_S',
    default: '600',
    meaning: 'A whole request, body included, not received after this long is answered 408 (the largest upload must fit)',
  },
  {
    name: 'HTTP_IDLE_TIMEOUT_S',
    default: '30',
    meaning:
      'A connection on which nothing moves for this long is closed (a body trickling in); a feed long-poll is allowed its wait on top',
  },
  {
    name: 'HTTP_KEEP_ALIVE_TIMEOUT_S',
    default: '72',
    meaning:
      "An idle keep-alive connection is closed after this long between requests (longer than a load balancer's own idle timeout, often 60 s)",
  },
  {
    name: 'HTTP_MAX_CONNECTIONS',
    default: '10000',
    meaning: 'Open connections beyond this are refused at once (keep it under the open-file limit)',
  },
  { name: 'DOCS_MAX_UPLOAD_MB', default: '100', meaning: 'Largest document upload accepted, in MB (up to 4096)' },
  {
    name: 'DOCS_CONVERSIONS',
    default: '2',
    meaning: 'Word/PowerPoint to PDF conversions (LibreOffice) this server runs at once; the others wait in the shared queue (1-32)',
  },
  {
    name: 'DOCS_CONVERT_TIMEOUT_S',
    default: '120',
    meaning: 'A conversion running longer is stopped and the document marked failed (seconds)',
  },
  {
    name: 'DOCS_PAGE_IMAGES',
    default: '3',
    meaning: 'First pages of each ready document rendered as images, shown to the recipient while the viewer loads (0: off; 0-10)',
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
  {
    name: 'MAILBOX_SENT_CHECK_S',
    default: '60',
    meaning:
      "How often the Sent folder of a non-Gmail mailbox is checked (one STATUS) for a message the rep wrote by hand, which stops the thread's follow-ups (seconds, 1-3600)",
  },
  {
    name: 'MAILBOX_RECONNECT_MAX_S',
    default: '300',
    meaning:
      'Longest wait before a watcher connects again to a mail server that closed or refused its connection: the wait doubles from 1 s up to this (seconds, 1-3600)',
  },
  { name: 'SOFFICE_PATH', default: 'soffice', meaning: 'The LibreOffice executable (a name on the PATH or an absolute path)' },
  {
    name: 'VIEWER_DIR',
    default: 'dist/viewer of the checkout',
    meaning: 'The built recipient document viewer (npm run build writes it)',
  },
  // The daily refresh of the clouds' and people's network lists (ingest/network-lists/).
  ...NETWORK_LIST_ENV_VARS,
  // Webhook delivery (crm/delivery-config.ts)
  ...DELIVERY_ENV_VARS,
  // The Salesforce connected app (crm/salesforce-config.ts)
  ...SALESFORCE_ENV_VARS,
  // Campaign steps sent by the scheduler (campaigns/campaign-config.ts)
  ...CAMPAIGN_ENV_VARS,
  // Bounds on the hits of tokens nobody has registered (ingest/orphans/).
  ...ORPHAN_LIMIT_ENV_VARS,
  // Hits held in memory while the store cannot write (ingest/held/).
  ...HELD_HITS_ENV_VARS,
  ...RETENTION_ENV_VARS,
  ...CLUSTER_ENV_VARS,
  // The conversion queue: memory per conversion, fair shares (docs/conversion-config.ts).
  ...CONVERSION_ENV_VARS,
];

/**
 * `true` once meant "trust every proxy", so the client's own left-most X-Forwarded-For entry was
 * taken: it now means one proxy hop, the address that proxy saw.
 */
function parseTrustProxy(text: string, context: z.RefinementCtx): TrustProxy {
  if (text === 'false') return false;
  if (text === 'true') return 1;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops >= 1 && hops <= 10) return hops;
  }
  const entries = text.split(',').map((entry) => entry.trim());
  const bad = /^\d+$/.test(text) ? text : invalidProxyEntry(entries);
  if (bad === undefined) return entries;
  context.addIssue({
    code: 'custom',
    message: `"${bad}" is not a proxy address, CIDR or hop count: use false, a number of proxies (1-10) or addresses such as 10.0.0.1, 10.1.0.0/16, loopback`,
  });
  return z.NEVER;
}

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
    HEALTH_DETAILS_TOKEN: z
      .string()
      .min(24, 'must be at least 24 characters (a random secret, e.g. openssl rand -hex 24)')
      .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces (it travels in an HTTP header)')
      .optional(),
    TRUST_PROXY: z.string().trim().default('false').transform(parseTrustProxy),
    SQLITE_SYNCHRONOUS: z
      .string()
      .transform((value) => value.toUpperCase())
      .pipe(z.enum(['FULL', 'NORMAL'], { message: 'must be FULL or NORMAL' }))
      .default('FULL'),
    HTTP_HEADERS_TIMEOUT_S: number('10').positive('must be more than 0').max(300, 'must be at most 300').default(10),
    HTTP_REQUEST_TIMEOUT_S: number('600').positive('must be more than 0').max(86_400, 'must be at most 86400 (a day)').default(600),
    HTTP_IDLE_TIMEOUT_S: number('30').positive('must be more than 0').max(3600, 'must be at most 3600').default(30),
    HTTP_KEEP_ALIVE_TIMEOUT_S: number('72').positive('must be more than 0').max(600, 'must be at most 600').default(72),
    HTTP_MAX_CONNECTIONS: number('10000').int('must be a whole number').min(16, 'must be at least 16').default(10_000),
    DOCS_MAX_UPLOAD_MB: number('100').positive('must be more than 0').max(4096, 'must be at most 4096 (4 GB)').default(100),
    DOCS_CONVERSIONS: number('2').int('must be a whole number').min(1, 'must be at least 1').max(32, 'must be at most 32').default(2),
    DOCS_CONVERT_TIMEOUT_S: number('120').positive('must be more than 0').max(3600, 'must be at most 3600 (one hour)').default(120),
    DOCS_PAGE_IMAGES: number('3').int('must be a whole number').min(0, 'must be at least 0').max(10, 'must be at most 10').default(3),
    MAILBOX_TEST_TIMEOUT_S: number('10').positive('must be more than 0').max(120, 'must be at most 120').default(10),
    MAILBOX_CA_FILE: z.string().trim().min(1, 'must not be blank').optional(),
    MAILBOX_HOSTS: z.enum(MAILBOX_HOST_POLICIES, { message: 'must be public, loopback or any' }).default('public'),
    MAILBOX_WATCH: z.enum(['on', 'off'], { message: 'must be on or off' }).default('on'),
    MAILBOX_SENT_CHECK_S: number('60').min(1, 'must be at least 1').max(3600, 'must be at most 3600 (one hour)').default(60),
    MAILBOX_RECONNECT_MAX_S: number('300').min(1, 'must be at least 1').max(3600, 'must be at most 3600 (one hour)').default(300),
    SOFFICE_PATH: z.string().trim().min(1, 'must not be blank').default('soffice'),
    VIEWER_DIR: z.string().trim().min(1, 'must not be blank').optional(),
    // The daily refresh of the network lists.
    ...networkListsEnvSchema,
    // Bounds on the hits of unregistered tokens.
    ...orphanLimitsEnvSchema,
    ...heldHitsEnvSchema,
    // The retention job.
    ...retentionEnvSchema,
    // Several servers on one database.
    ...clusterEnvSchema,
    ...conversionEnvSchema,
  })
  .extend(deliveryEnvSchema.shape)
  .extend(salesforceEnvSchema.shape)
  .extend(campaignEnvSchema.shape)
  .refine((value) => value.HTTP_HEADERS_TIMEOUT_S <= value.HTTP_REQUEST_TIMEOUT_S, {
    path: ['HTTP_HEADERS_TIMEOUT_S'],
    message: 'must not be more than HTTP_REQUEST_TIMEOUT_S (the headers are part of the request)',
  })
  .refine((value) => value.HTTP_IDLE_TIMEOUT_S > value.MAILBOX_TEST_TIMEOUT_S, {
    path: ['HTTP_IDLE_TIMEOUT_S'],
    message: 'must be more than MAILBOX_TEST_TIMEOUT_S (a mailbox test answers nothing while it waits for the mail server)',
  });

/** Tracked attachments: uploads, LibreOffice conversion, the recipient viewer. */
export interface DocsConfig {
  maxUploadBytes: number;
  conversions: number;
  convertTimeoutMs: number;
  sofficePath: string;
  /** First pages rendered as images for the viewer (docs/page-images/); 0: none. */
  pageImages: number;
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
  /** How often a watcher checks the Sent folder beside the IMAP IDLE on INBOX, in ms. */
  sentCheckMs: number;
  /** The cap of a watcher's reconnect backoff, in ms. */
  reconnectMaxMs: number;
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
  /** Bearer token that opens GET /healthz/details; undefined: that route answers 404. */
  healthDetailsToken: string | undefined;
  /** Which proxies' X-Forwarded-For counts (http/trust-proxy.ts). */
  trustProxy: TrustProxy;
  sqliteSynchronous: 'FULL' | 'NORMAL';
  /** Slow clients and the connection cap (http/connection-limits.ts). */
  http: HttpLimits;
  docs: DocsConfig;
  mail: MailConfig;
  /** The clouds' and people's network lists: refresh, limits, mirrors. */
  networkLists: NetworkListsConfig;
  /** Webhook delivery workers (crm/). */
  delivery: DeliveryConfig;
  /** The Salesforce connected app (crm/). */
  salesforce: SalesforceConfig;
  /** The campaign scheduler (campaigns/). */
  campaigns: CampaignConfig;
  orphans: OrphanLimitsConfig;
  /** Hits held in memory at most while the store cannot write. */
  heldHitsMax: number;
  /** How often teams' expired events and visits are purged. */
  retention: RetentionConfig;
  /** Shared documents directory and work leases (several servers on one database). */
  cluster: ClusterConfig;
  /** Memory per conversion and the per-user and per-team shares of the conversion queue. */
  conversions: ConversionQueueConfig;
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
    healthDetailsToken: value.HEALTH_DETAILS_TOKEN,
    trustProxy: value.TRUST_PROXY,
    sqliteSynchronous: value.SQLITE_SYNCHRONOUS,
    http: {
      headersTimeoutMs: Math.round(value.HTTP_HEADERS_TIMEOUT_S * 1000),
      requestTimeoutMs: Math.round(value.HTTP_REQUEST_TIMEOUT_S * 1000),
      idleTimeoutMs: Math.round(value.HTTP_IDLE_TIMEOUT_S * 1000),
      keepAliveTimeoutMs: Math.round(value.HTTP_KEEP_ALIVE_TIMEOUT_S * 1000),
      maxConnections: value.HTTP_MAX_CONNECTIONS,
    },
    docs: {
      maxUploadBytes: Math.round(value.DOCS_MAX_UPLOAD_MB * 1024 * 1024),
      conversions: value.DOCS_CONVERSIONS,
      convertTimeoutMs: Math.round(value.DOCS_CONVERT_TIMEOUT_S * 1000),
      sofficePath: value.SOFFICE_PATH,
      pageImages: value.DOCS_PAGE_IMAGES,
      viewerDir: value.VIEWER_DIR === undefined ? undefined : resolve(value.VIEWER_DIR),
    },
    mail: {
      testTimeoutMs: Math.round(value.MAILBOX_TEST_TIMEOUT_S * 1000),
      caFile: value.MAILBOX_CA_FILE === undefined ? undefined : resolve(value.MAILBOX_CA_FILE),
      watch: value.MAILBOX_WATCH === 'on',
      hosts: value.MAILBOX_HOSTS,
      sentCheckMs: Math.round(value.MAILBOX_SENT_CHECK_S * 1000),
      reconnectMaxMs: Math.round(value.MAILBOX_RECONNECT_MAX_S * 1000),
    },
    networkLists: networkListsConfigOf(value),
    delivery: deliveryConfigFrom(value),
    salesforce: salesforceConfigFrom(value),
    campaigns: campaignConfigFrom(value),
    orphans: orphanLimitsConfigOf(value),
    heldHitsMax: value.HELD_HITS_MAX,
    retention: retentionConfigOf(value),
    cluster: clusterConfigOf(value, resolve(value.DATA_DIR)),
    conversions: conversionConfigOf(value),
  };
}

/** The base of pixel and click URLs once the listening port is known. */
export function publicUrlOf(config: ServerConfig, boundPort: number): string {
  if (config.publicUrl) return config.publicUrl;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return `http://${host}:${boundPort}`;
}
