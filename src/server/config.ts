// Server configuration from environment variables, validated once at start-up. The table below is
// the single description of every variable: the README and `glint serve --help` print it.
import { resolve } from 'node:path';
import { z } from 'zod';

export interface EnvVarDoc {
  name: string;
  default: string;
  meaning: string;
}

export const ENV_VARS: readonly EnvVarDoc[] = [
  { name: 'PORT', default: '8787', meaning: 'TCP port the server listens on (0 picks a free one)' },
  { name: 'HOST', default: '127.0.0.1', meaning: 'Address the server binds to' },
  { name: 'DATA_DIR', default: './data', meaning: 'Directory of the SQLite database and the key file' },
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
];

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL such as https://glint.example.com' })
    .optional(),
  GLINT_SECRET_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  SQLITE_SYNCHRONOUS: z
    .string()
    .transform((value) => value.toUpperCase())
    .pipe(z.enum(['FULL', 'NORMAL'], { message: 'must be FULL or NORMAL' }))
    .default('FULL'),
});

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  /** Without a trailing slash. */
  publicUrl: string | undefined;
  secretKey: string | undefined;
  logLevel: string;
  trustProxy: boolean;
  sqliteSynchronous: 'FULL' | 'NORMAL';
}

export class ConfigError extends Error {}

/** Reads the configuration; throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const picked = Object.fromEntries(
    ENV_VARS.map(({ name }) => [name, env[name] === '' ? undefined : env[name]]),
  );
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
    publicUrl: value.PUBLIC_URL?.replace(/\/+$/, ''),
    secretKey: value.GLINT_SECRET_KEY,
    logLevel: value.LOG_LEVEL,
    trustProxy: value.TRUST_PROXY === 'true',
    sqliteSynchronous: value.SQLITE_SYNCHRONOUS,
  };
}

/** The base of pixel and click URLs once the listening port is known. */
export function publicUrlOf(config: ServerConfig, boundPort: number): string {
  if (config.publicUrl) return config.publicUrl;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return `http://${host}:${boundPort}`;
}
