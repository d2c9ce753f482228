// The service worker: wires the pure auth / sync / notification logic to Chrome. Every listener
// is registered synchronously at the top level, so Chrome can wake the worker for any of them
// (message, alarm, notification click, port) and find it listening.
// InboxSDK's content script asks the worker to inject pageWorld.js into Gmail's page.
import '@inboxsdk/core/background.js';
import { authStorage } from '../data/auth-state.ts';
import { feedDb, type StoredFeedEvent } from '../data/feed-db.ts';
import { pruneEventsBefore } from '../data/feed-writes.ts';
import { FEED_WATCH_PORT, type FeedWatchMessage } from '../data/messaging.ts';
import { readSettings } from '../data/settings.ts';
import { chromeArea } from '../data/storage.ts';
import { t } from '../data/i18n.ts';
import { ensureDevice, registerDevice, type AuthDeps } from './auth.ts';
import { refreshBadge } from './badge.ts';
import { installDeviceHeaderFor, removeDeviceHeader } from './device-header.ts';
import { FeedSync } from './feed-sync.ts';
import { HELD_CLICKS_ALARM, heldDecisions } from './held-decisions.ts';
import { isHeld } from '../data/hold-time.ts';
import { createHandlers } from './handlers.ts';
import {
  eventIdOfNotification,
  gmailUrlFor,
  notificationFor,
  notificationsToWithdraw,
  shouldNotify,
  showNotifications,
} from './notifications.ts';
import { defaultDeviceName } from './device-name.ts';
import { listenForMessages, senderKind } from './router.ts';
import { createComposeHandlers } from './compose-handlers.ts';
import { createMailboxHandlers, readMailbox } from './mailbox-handlers.ts';
import { createTeamNetworkHandlers } from './team-network-handlers.ts';
import { createWebhookHandlers } from './webhook-handlers.ts';
import { createCampaignHandlers } from './campaign-handlers.ts';
import { createSalesforceHandlers } from './salesforce-handlers.ts';
import { MAILBOX_PAUSED_NOTIFICATION, mailboxPausedNotification, mailboxWatchCheck } from './mailbox-watch-check.ts';
import { mailboxWatchEntry } from '../data/mailbox-watch.ts';
import { startOutbox } from './outbox/start-outbox.ts';

const SYNC_ALARM = 'glint-feed-sync';
/** The mailbox watcher's state is read this often: a pause is told within minutes, no busier. */
const MAILBOX_ALARM = 'glint-mailbox-check';
const MAILBOX_CHECK_MINUTES = 5;
const DAY_MS = 24 * 60 * 60 * 1000;

const db = feedDb();
const deps: AuthDeps = {
  storage: authStorage(chromeArea(chrome.storage.local)),
  db,
  fetch: (input, init) => fetch(input, init),
  defaultDeviceName,
  hasHostPermission: (pattern) => chrome.permissions.contains({ origins: [pattern] }),
  now: () => new Date(),
};

async function notifyAbout(events: StoredFeedEvent[]): Promise<void> {
  const { notifications } = await readSettings();
  const specs = events.filter((event) => shouldNotify(event, notifications)).flatMap((event) => notificationFor(event, t) ?? []);
  await showNotifications(specs, t);
}

async function onAdded(events: StoredFeedEvent[], backfill: boolean): Promise<void> {
  await refreshBadge(db);
  if (backfill) return; // history of a fresh sign-in: in the feed, not on the desktop
  await notifyAbout(events); // clicks held for a link sweep are told by held.decide()
  if (events.some(isHeld)) await held.schedule();
}

// `sync` is declared below; the held clicks only reach it once the worker runs.
const held = heldDecisions({
  db,
  readFeedNow: () => sync.retryNow(),
  tell: notifyAbout,
  refreshBadge: async () => void (await refreshBadge(db)),
  now: deps.now,
  async setAlarm(when) {
    if (when === null) await chrome.alarms.clear(HELD_CLICKS_ALARM);
    else await chrome.alarms.create(HELD_CLICKS_ALARM, { when });
  },
});

const sync = new FeedSync({
  db,
  storage: deps.storage,
  fetch: deps.fetch,
  now: deps.now,
  onAdded,
  async onRelabelled(events) {
    // A human event turned machine or self: no longer on the desktop, nor in the unread count.
    await Promise.all(notificationsToWithdraw(events).map((id) => chrome.notifications.clear(id)));
    await refreshBadge(db);
    await held.schedule(); // a held click relabelled is decided already
  },
  // A failed decision leaves the holds for the next read; the sync itself went well.
  onSynced: (startedAt) => held.decide(startedAt).catch((error: unknown) => console.warn('Glint: held clicks not decided', error)),
  async beforeSync(auth) {
    // Registration may give this profile a new id (see registerDevice): install the header after.
    await registerDevice(deps, auth).catch((error: unknown) => console.warn('Glint: device registration failed', error));
    const device = await ensureDevice(deps);
    await installDeviceHeaderFor(auth, device.deviceId, deps.hasHostPermission);
  },
  async onRejected() {
    await deps.storage.auth.clear();
    await removeDeviceHeader();
    await refreshBadge(db);
  },
});

const outbox = startOutbox(deps.storage, chromeArea(chrome.storage.local), deps.fetch);
const composeHandlers = createComposeHandlers({
  ...outbox,
  local: chromeArea(chrome.storage.local),
  readSettings: () => readSettings(),
  deviceId: async () => (await deps.storage.device.read())?.deviceId ?? null,
});

const mailboxWatch = mailboxWatchCheck({
  entry: mailboxWatchEntry(chromeArea(chrome.storage.local)),
  readMailbox: () => readMailbox(outbox.http),
  now: deps.now,
  async notifyPaused(reason) {
    await showNotifications([mailboxPausedNotification(reason, t)], t);
  },
});
const checkMailbox = (): void => void mailboxWatch.check().catch((error: unknown) => console.warn('Glint: mailbox check failed', error));

const authHandlers = createHandlers({ deps, sync });
listenForMessages({
  ...authHandlers,
  // Another account's mailbox state must not linger in the popup: checked again at once.
  'auth.signIn': (request) => authHandlers['auth.signIn'](request).finally(checkMailbox),
  'auth.signOut': (request) => authHandlers['auth.signOut'](request).finally(checkMailbox),
  ...composeHandlers,
  ...createMailboxHandlers(outbox.http, mailboxWatch),
  ...createTeamNetworkHandlers(outbox.http),
  ...createWebhookHandlers(outbox.http),
  ...createCampaignHandlers(outbox.http),
  ...createSalesforceHandlers(outbox.http),
});
chrome.alarms.onAlarm.addListener((alarm) => alarm.name === MAILBOX_ALARM && checkMailbox());
chrome.alarms.onAlarm.addListener((alarm) => void outbox.onAlarm(alarm.name));
chrome.alarms.onAlarm.addListener(
  (alarm) => alarm.name === HELD_CLICKS_ALARM && void held.wake().catch((error: unknown) => console.warn('Glint: feed read failed', error)),
);

chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name !== SYNC_ALARM) return;
  void (async () => {
    const { privacy } = await readSettings();
    await pruneEventsBefore(db, new Date(Date.now() - privacy.retentionDays * DAY_MS).toISOString());
    await refreshBadge(db);
    if (await deps.storage.auth.read()) sync.startLongPoll();
  })();
});

chrome.runtime.onConnect.addListener((port) => {
  if (port.name !== FEED_WATCH_PORT) return;
  // Like every message: only the extension's own pages (the popup) may hold the feed open.
  if (senderKind(port.sender ?? {}, chrome.runtime.id) !== 'extension-page') {
    port.disconnect();
    return;
  }
  // The popup is open: make sure the feed is live. Its pings keep this worker awake.
  void deps.storage.auth.read().then((auth) => auth && sync.startLongPoll());
  port.onMessage.addListener(() => undefined);
  // Tells the page someone is listening, so its reconnect backoff starts over.
  port.postMessage({ type: 'watching' } satisfies FeedWatchMessage);
});

chrome.notifications.onClicked.addListener((notificationId) => {
  void (async () => {
    await chrome.notifications.clear(notificationId);
    if (notificationId === MAILBOX_PAUSED_NOTIFICATION) return chrome.runtime.openOptionsPage();
    const eventId = eventIdOfNotification(notificationId);
    const event = eventId ? await db.events.get(eventId) : undefined;
    const account = (await deps.storage.auth.read())?.user.email ?? null;
    if (event) await chrome.tabs.create({ url: gmailUrlFor(event.email, account) });
    else await chrome.action.openPopup().catch(() => undefined);
  })();
});

// Browser start: Chrome may drop alarms across a restart, and the badge always goes. Listening is
// what makes Chrome start the worker then; start() below runs on every start anyway.
chrome.runtime.onStartup.addListener(() => undefined);

/** Every time the worker starts (install, browser start, wake-up): device, alarms, badge, live feed, mailbox state. */
async function start(): Promise<void> {
  if (!(await chrome.alarms.get(SYNC_ALARM))) await chrome.alarms.create(SYNC_ALARM, { periodInMinutes: 1 });
  if (!(await chrome.alarms.get(MAILBOX_ALARM))) await chrome.alarms.create(MAILBOX_ALARM, { periodInMinutes: MAILBOX_CHECK_MINUTES });
  checkMailbox();
  await ensureDevice(deps);
  await refreshBadge(db);
  if (await deps.storage.auth.read()) sync.startLongPoll();
  // Holds of a worker that stopped: decided when due (at once if overdue), by a fresh read.
  await held.schedule();
}

void start();
