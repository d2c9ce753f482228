// The Salesforce connected app (environment variables set by the administrator), described and
// parsed here as one block of the server's configuration (config.ts adds them to its table and
// its schema). Without a client id the Salesforce section says it is not set up.
import { z } from 'zod';

interface EnvVarDoc {
  name: string;
  default: string;
  meaning: string;
}

export const SALESFORCE_ENV_VARS: readonly EnvVarDoc[] = [
  {
    name: 'SALESFORCE_CLIENT_ID',
    default: '(unset: Salesforce off)',
    meaning: "The consumer key of your Salesforce connected app (OAuth 2.0, PKCE required, scopes 'api refresh_token')",
  },
  { name: 'SALESFORCE_CLIENT_SECRET', default: '(unset)', meaning: "The connected app's consumer secret (never logged or returned)" },
  {
    name: 'SALESFORCE_LOGIN_URL',
    default: 'https://login.salesforce.com',
    meaning: 'Where teams sign in to Salesforce: https://test.salesforce.com for sandboxes, or your My Domain URL',
  },
  { name: 'SALESFORCE_API_VERSION', default: '62.0', meaning: 'The Salesforce REST API version used (NN.N)' },
  {
    name: 'SALESFORCE_REDIRECT_URL',
    default: 'PUBLIC_URL/salesforce/callback',
    meaning: "The OAuth callback URL, as entered in the connected app's settings",
  },
];

const httpUrl = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL such as https://login.salesforce.com' });

export const salesforceEnvSchema = z.object({
  SALESFORCE_CLIENT_ID: z.string().trim().min(1).optional(),
  SALESFORCE_CLIENT_SECRET: z.string().trim().min(1).optional(),
  SALESFORCE_LOGIN_URL: httpUrl.default('https://login.salesforce.com'),
  SALESFORCE_API_VERSION: z
    .string()
    .trim()
    .regex(/^\d{2,3}\.\d$/, 'must be a version such as 62.0')
    .default('62.0'),
  SALESFORCE_REDIRECT_URL: httpUrl.optional(),
});

export interface SalesforceApp {
  clientId: string;
  clientSecret: string | undefined;
  /** Without a trailing slash. */
  loginUrl: string;
  apiVersion: string;
}

export interface SalesforceConfig {
  /** Undefined: no connected app configured, teams cannot connect. */
  app: SalesforceApp | undefined;
  /** Undefined: PUBLIC_URL (or the listening address) + /salesforce/callback. */
  redirectUrl: string | undefined;
}

export function salesforceConfigFrom(value: z.infer<typeof salesforceEnvSchema>): SalesforceConfig {
  const app =
    value.SALESFORCE_CLIENT_ID === undefined
      ? undefined
      : {
          clientId: value.SALESFORCE_CLIENT_ID,
          clientSecret: value.SALESFORCE_CLIENT_SECRET,
          loginUrl: value.SALESFORCE_LOGIN_URL.replace(/\/+$/, ''),
          apiVersion: value.SALESFORCE_API_VERSION,
        };
  return { app, redirectUrl: value.SALESFORCE_REDIRECT_URL };
}
