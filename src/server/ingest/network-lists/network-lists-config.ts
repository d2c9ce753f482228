// The configuration of the daily network-list refresh: its rows of the server's variable table
// (config.ts lists them in a block of their own) and how they are read.
import { z } from 'zod';
import { DOWNLOADABLE_LIST_IDS, urlVariableOf, type DownloadableListId } from './list-ids.ts';

export interface NetworkListsConfig {
  /** daily: download each published list once a day when it can; off: built-in and cached lists only. */
  refresh: 'daily' | 'off';
  timeoutMs: number;
  maxBytes: number;
  /** A list's URL when set (a mirror, a test server); else the provider's own. */
  urls: Partial<Record<DownloadableListId, string>>;
}

export const NETWORK_LIST_ENV_VARS = [
  {
    name: 'NETWORK_LISTS_REFRESH',
    default: 'daily',
    meaning:
      "daily: download the clouds' and iCloud Private Relay's published address lists once a day (cached under DATA_DIR/network-lists); off: use the cached or built-in lists only",
  },
  {
    name: 'NETWORK_LISTS_TIMEOUT_S',
    default: '60',
    meaning: 'A list download that takes longer is abandoned and the previous copy kept (seconds)',
  },
  { name: 'NETWORK_LISTS_MAX_MB', default: '64', meaning: 'A list download larger than this is abandoned and the previous copy kept (MB)' },
  ...DOWNLOADABLE_LIST_IDS.map((id) => ({
    name: urlVariableOf(id),
    default: "(the provider's URL)",
    meaning: `Where to download the ${id} list instead (a mirror); http(s) URL`,
  })),
] as const;

const number = (example: string) => z.coerce.number({ error: `must be a number such as ${example}` });
const listUrl = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional();

export const networkListsEnvSchema = {
  NETWORK_LISTS_REFRESH: z.enum(['daily', 'off'], { message: 'must be daily or off' }).default('daily'),
  NETWORK_LISTS_TIMEOUT_S: number('60').positive('must be more than 0').max(600, 'must be at most 600').default(60),
  NETWORK_LISTS_MAX_MB: number('64').positive('must be more than 0').max(1024, 'must be at most 1024').default(64),
  ...(Object.fromEntries(DOWNLOADABLE_LIST_IDS.map((id) => [urlVariableOf(id), listUrl])) as Record<string, typeof listUrl>),
};

type ParsedNetworkListsEnv = {
  NETWORK_LISTS_REFRESH: 'daily' | 'off';
  NETWORK_LISTS_TIMEOUT_S: number;
  NETWORK_LISTS_MAX_MB: number;
} & Record<string, unknown>;

export function networkListsConfigOf(value: ParsedNetworkListsEnv): NetworkListsConfig {
  const urls: Partial<Record<DownloadableListId, string>> = {};
  for (const id of DOWNLOADABLE_LIST_IDS) {
    const url = value[urlVariableOf(id)];
    if (typeof url === 'string') urls[id] = url;
  }
  return {
    refresh: value.NETWORK_LISTS_REFRESH,
    timeoutMs: Math.round(value.NETWORK_LISTS_TIMEOUT_S * 1000),
    maxBytes: Math.round(value.NETWORK_LISTS_MAX_MB * 1024 * 1024),
    urls,
  };
}
