// The rep's preferences, in chrome.storage.sync so they follow the Chrome profile to other
// machines. Written by the options page, read by the background (notifications, retention)
// and by compose features (tracking defaults, excluded domains: data/excluded-domains.ts).
import { z } from 'zod';
import { chromeArea, typedEntry, type KeyValueArea } from './storage.ts';

const domainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .transform((value) => value.replace(/^@/, ''))
  .pipe(z.string().regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'not a domain'));

export const settingsSchema = z.object({
  tracking: z.object({ opens: z.boolean().default(true), clicks: z.boolean().default(true) }).prefault({}),
  notifications: z
    .object({
      opens: z.boolean().default(true),
      clicks: z.boolean().default(true),
      documents: z.boolean().default(true),
      replies: z.boolean().default(true),
    })
    .prefault({}),
  privacy: z
    .object({
      /** Recipients at these domains are never tracked (colleagues, a customer who asked). */
      excludedDomains: z.array(domainSchema).max(500).default([]),
      /** Feed events older than this are forgotten by the extension. */
      retentionDays: z.number().int().min(1).max(3650).default(365),
    })
    .prefault({}),
});
export type Settings = z.output<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});
export const SETTINGS_KEY = 'settings';

export function parseDomain(input: string): string | null {
  const parsed = domainSchema.safeParse(input);
  return parsed.success ? parsed.data : null;
}

export async function readSettings(area: KeyValueArea = chromeArea(chrome.storage.sync)): Promise<Settings> {
  const raw = await area.get(SETTINGS_KEY);
  const parsed = settingsSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export async function writeSettings(settings: Settings, area: KeyValueArea = chromeArea(chrome.storage.sync)): Promise<void> {
  await typedEntry(area, SETTINGS_KEY, settingsSchema).write(settings);
}
