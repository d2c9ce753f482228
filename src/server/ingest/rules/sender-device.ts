// The rep's own browser: the extension adds X-Glint-Device to every request to our server
// (declarativeNetRequest, extension/background/device-header.ts); a hit carrying one of the owner's
// registered device ids is the rep looking at their own email or clicking their own link.
import type { Rule } from './rule.ts';

export const senderDevice: Rule = {
  reason: 'sender-device',
  label: 'self',
  matches: ({ hit, context }) => hit.deviceId !== undefined && context.ownerDevices.includes(hit.deviceId),
};
