// Labels this browser's own requests to the Glint server: a declarativeNetRequest dynamic rule
// sets `X-Glint-Device: <deviceId>` on every request to the server origin (pixel, click, viewer),
// so the server files the rep's own views as `self`. Chrome applies it only where the extension
// has host access to the server origin and to the page making the request (Gmail is covered by
// host_permissions; the server origin by the permission granted at sign-in).
export const DEVICE_HEADER = 'X-Glint-Device';
export const DEVICE_HEADER_RULE_ID = 1;

/** The rule for a server and device; pure so it is testable. */
export function deviceHeaderRule(serverUrl: string, deviceId: string): chrome.declarativeNetRequest.Rule {
  const origin = new URL(serverUrl).origin;
  return {
    id: DEVICE_HEADER_RULE_ID,
    priority: 1,
    condition: {
      // `|` anchors at the start, so https://glint.example.com.evil.test never matches.
      urlFilter: `|${origin}/`,
      // An empty exclusion list matches every resource type, top-level navigations included.
      excludedResourceTypes: [],
    },
    action: {
      type: 'modifyHeaders' as chrome.declarativeNetRequest.RuleActionType,
      requestHeaders: [{ header: DEVICE_HEADER, operation: 'set' as chrome.declarativeNetRequest.HeaderOperation, value: deviceId }],
    },
  };
}

/** Installs (or replaces) the rule; a no-op when the installed one is already the same. */
export async function installDeviceHeader(serverUrl: string, deviceId: string): Promise<void> {
  const rule = deviceHeaderRule(serverUrl, deviceId);
  const [current] = await chrome.declarativeNetRequest.getDynamicRules({ ruleIds: [DEVICE_HEADER_RULE_ID] });
  if (current && JSON.stringify(current.condition.urlFilter) === JSON.stringify(rule.condition.urlFilter)
    && current.action.requestHeaders?.[0]?.value === deviceId) return;
  await chrome.declarativeNetRequest.updateDynamicRules({ removeRuleIds: [DEVICE_HEADER_RULE_ID], addRules: [rule] });
}

export async function removeDeviceHeader(): Promise<void> {
  await chrome.declarativeNetRequest.updateDynamicRules({ removeRuleIds: [DEVICE_HEADER_RULE_ID] });
}
