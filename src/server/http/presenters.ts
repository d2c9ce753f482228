// Store records -> wire objects (the shapes of api-schemas.ts and schemas.ts).
import type { DeviceInfo, FeedEvent, UserInfo } from '../../shared/api-schemas.ts';
import { cleanDisplayText } from '../../shared/display-text.ts';
import { pixelUrl } from '../../shared/tracking-urls.ts';
import type { DeviceRecord, EmailRecord, FeedEventRecord, UserAccount } from '../store/store.ts';
import type { EmailResponse } from './schemas.ts';

export const presentUser = (user: UserAccount): UserInfo => ({
  id: user.id,
  email: user.email,
  teamId: user.teamId,
  teamName: user.teamName,
  plan: user.plan,
});

export const presentDevice = (device: DeviceRecord): DeviceInfo => ({
  deviceId: device.deviceId,
  name: device.name,
  createdAt: device.createdAt.toISOString(),
  lastSeenAt: device.lastSeenAt?.toISOString() ?? null,
});

export const presentEmail = (email: EmailRecord, baseUrl: string): EmailResponse => ({
  token: email.token,
  subject: cleanDisplayText(email.subject),
  to: email.to,
  cc: email.cc,
  bcc: email.bcc,
  sentAt: email.sentAt.toISOString(),
  gmailThreadId: email.gmailThreadId,
  gmailMessageId: email.gmailMessageId,
  rfcMessageId: email.rfcMessageId,
  openTracking: email.openTracking,
  clickTracking: email.clickTracking,
  links: email.links,
  pixelUrl: pixelUrl(baseUrl, email.token),
});

/** `checkingUntil`: the end of the hold of a click a link sweep may still relabel (feed-holds.ts). */
export const presentFeedEvent = (event: FeedEventRecord, checkingUntil: Date | null = null): FeedEvent => ({
  id: event.id,
  cursor: String(event.seq),
  kind: event.kind,
  label: event.label,
  reason: event.reason,
  at: event.at.toISOString(),
  repeat: event.repeat,
  email: {
    token: event.email.token,
    subject: cleanDisplayText(event.email.subject),
    to: event.email.to,
    cc: event.email.cc,
    sentAt: event.email.sentAt.toISOString(),
    gmailThreadId: event.email.gmailThreadId,
  },
  linkIndex: event.linkIndex,
  url: event.url,
  userAgent: event.userAgent,
  details: event.details,
  checkingUntil: checkingUntil?.toISOString() ?? null,
});
