// Labels this browser's own requests to the Glint server: declarativeNetRequest dynamic rules set
// `X-Glint-Device: <deviceId>` on every request to the server origin, and to the origin of the
// tracking URLs when the server's PUBLIC_URL is another one (pixel, click, viewer), so the server
// files the rep's own views and clicks as `self`. Chrome applies a rule only where the extension
// has host access: the server origin is granted at sign-in, a separate tracking origin when the
// rep allows it on the options page (trackingAccess() says whether that is still needed).
import { originPattern } from '../data/server-url.ts';

export const DEVICE_HEADER = 'X-Glint-Device';
/** Rule ids 1.. (one per origin); ids up to this one are ours to replace. */
const LAST_RULE_ID = 2;
const RULE_IDS = Array.from({ length: LAST_RULE_ID }, (_, index) => index + 1);

/** Every kind of request a tracked link, pixel, viewer or download makes (and the rest). */
const HEADER_RESOURCE_TYPES = [
  'main_frame',
  'sub_frame',
  'image',
  'xmlhttprequest',
  'ping',
  'media',
  'object',
  'script',
  'stylesheet',
  'font',
  'csp_report',
  'websocket',
  'other',
] as chrome.declarativeNetRequest.ResourceType[];

/** The distinct origins of the server and tracking URLs (the tracking one may be absent). */
export function headerOrigins(serverUrl: string, trackingBaseUrl: string | undefined): string[] {
  const origins = [new URL(serverUrl).origin];
  if (trackingBaseUrl) origins.push(new URL(trackingBaseUrl).origin);
  return [...new Set(origins)].slice(0, LAST_RULE_ID);
}

/** The rules for these origins and device; pure so it is testable. */
export function deviceHeaderRules(origins: readonly string[], deviceId: string): chrome.declarativeNetRequest.Rule[] {
  return origins.slice(0, LAST_RULE_ID).map((origin, index) => ({
    id: index + 1,
    priority: 1,
    condition: {
      // `|` anchors at the start, so https://glint.example.com.evil.test never matches.
      urlFilter: `|${origin}/`,
      // Named one by one: without a list Chrome leaves out main_frame, the very request of the
      // rep opening their own tracked link or document (an empty exclusion list counts as none).
      resourceTypes: [...HEADER_RESOURCE_TYPES],
    },
    action: {
      type: 'modifyHeaders' as chrome.declarativeNetRequest.RuleActionType,
      requestHeaders: [{ header: DEVICE_HEADER, operation: 'set' as chrome.declarativeNetRequest.HeaderOperation, value: deviceId }],
    },
  }));
}

// Compared whole (resource types included): a rule installed by an earlier version is replaced.
const ruleKey = (rule: chrome.declarativeNetRequest.Rule): string =>
  JSON.stringify([
    rule.id,
    rule.condition.urlFilter,
    [...(rule.condition.resourceTypes ?? [])].sort(),
    rule.condition.excludedResourceTypes ?? null,
    rule.action.requestHeaders,
  ]);
const sameRules = (a: readonly chrome.declarativeNetRequest.Rule[], b: readonly chrome.declarativeNetRequest.Rule[]): boolean =>
  JSON.stringify(a.map(ruleKey)) === JSON.stringify(b.map(ruleKey));

/** Installs (or replaces) the rules; a no-op when the installed ones are already the same. */
export async function installDeviceHeader(origins: readonly string[], deviceId: string): Promise<void> {
  const rules = deviceHeaderRules(origins, deviceId);
  const current = await chrome.declarativeNetRequest.getDynamicRules({ ruleIds: RULE_IDS });
  if (
    sameRules(
      [...current].sort((a, b) => a.id - b.id),
      rules,
    )
  )
    return;
  await chrome.declarativeNetRequest.updateDynamicRules({ removeRuleIds: RULE_IDS, addRules: rules });
}

/** Installs the rules for the signed-in server's origins that Chrome gives the extension access to. */
export async function installDeviceHeaderFor(
  auth: { serverUrl: string; trackingBaseUrl?: string | undefined },
  deviceId: string,
  hasHostPermission: (pattern: string) => Promise<boolean>,
): Promise<void> {
  const origins = headerOrigins(auth.serverUrl, auth.trackingBaseUrl);
  const allowed = await Promise.all(origins.map((origin) => hasHostPermission(originPattern(origin))));
  await installDeviceHeader(
    origins.filter((_, index) => allowed[index]),
    deviceId,
  );
}

export async function removeDeviceHeader(): Promise<void> {
  await chrome.declarativeNetRequest.updateDynamicRules({ removeRuleIds: RULE_IDS });
}
