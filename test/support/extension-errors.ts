// Errors a rep (or chrome://extensions) would see from the extension: console errors, uncaught
// exceptions and unhandled rejections, and Chrome's own error log entries (failed loads, CSP).
//
//   const worker = await watchServiceWorker(browser.context, browser.extensionId);
//   const page = await openWatchedPage(browser.context, browser.extensionUrl('src/...'));
//   ...
//   expect(await worker.errors()).toEqual([]);
//   expect(page.errors).toEqual([]);
//
// The service worker is watched over a CDP session of its own (Target.attachToTarget without
// flatten: Playwright's CDPSession cannot address flattened child sessions). Runtime.enable
// replays what the worker logged before we attached, so errors of its start count too. A worker
// Chrome stops and starts again is a new target: it is attached as it appears.
import type { BrowserContext, CDPSession, Page } from 'playwright-core';

interface WorkerMessage {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
}

interface ConsoleArg {
  type: string;
  value?: unknown;
  description?: string;
}

interface ExceptionDetails {
  text: string;
  url?: string;
  lineNumber: number;
  exception?: { description?: string };
}

export interface WatchedWorker {
  /** What the worker reported so far as an error, one line each (after a round trip, so nothing is in flight). */
  errors(): Promise<string[]>;
  detach(): Promise<void>;
}

export interface WatchedPage {
  page: Page;
  errors: string[];
}

function argText(arg: ConsoleArg): string {
  if (arg.type === 'string') return String(arg.value);
  return arg.description ?? JSON.stringify(arg.value);
}

/** One line for an error-level protocol event from the worker, null for anything else. */
function errorLine(message: WorkerMessage): string | null {
  const params = message.params ?? {};
  switch (message.method) {
    case 'Runtime.consoleAPICalled': {
      const type = String(params['type']);
      if (type !== 'error' && type !== 'assert') return null;
      return `console.${type}: ${((params['args'] as ConsoleArg[] | undefined) ?? []).map(argText).join(' ')}`;
    }
    case 'Runtime.exceptionThrown': {
      const details = params['exceptionDetails'] as ExceptionDetails;
      return `${details.text} ${details.exception?.description ?? ''} (${details.url ?? 'eval'}:${details.lineNumber + 1})`.trim();
    }
    case 'Log.entryAdded': {
      const entry = params['entry'] as { level: string; source: string; text: string; url?: string };
      return entry.level === 'error' ? `log ${entry.source}: ${entry.text}${entry.url ? ` (${entry.url})` : ''}` : null;
    }
    default:
      return null;
  }
}

export async function watchServiceWorker(context: BrowserContext, extensionId: string): Promise<WatchedWorker> {
  const browser = context.browser();
  if (!browser) throw new Error('watchServiceWorker needs the Chromium browser of the context');
  const cdp: CDPSession = await browser.newBrowserCDPSession();
  const scope = `chrome-extension://${extensionId}/`;
  const errors: string[] = [];
  const attached = new Map<string, string>(); // targetId -> sessionId
  const attaching: Promise<void>[] = [];
  const pending = new Map<string, () => void>(); // `${sessionId}:${id}` -> resolve
  let nextId = 1;

  const call = (sessionId: string, method: string, params: object = {}): Promise<void> => {
    const id = nextId++;
    const answered = new Promise<void>((done) => pending.set(`${sessionId}:${id}`, done));
    void cdp
      .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) })
      .catch(() => pending.get(`${sessionId}:${id}`)?.());
    return answered;
  };

  cdp.on('Target.receivedMessageFromTarget', (event) => {
    const message = JSON.parse(event.message) as WorkerMessage;
    if (message.id !== undefined) {
      pending.get(`${event.sessionId}:${message.id}`)?.();
      pending.delete(`${event.sessionId}:${message.id}`);
      return;
    }
    const line = errorLine(message);
    if (line) errors.push(line);
  });
  cdp.on('Target.detachedFromTarget', (event) => {
    for (const [targetId, sessionId] of attached) if (sessionId === event.sessionId) attached.delete(targetId);
    // A stopped worker answers nothing more: release whoever waits on it.
    for (const [key, done] of pending) if (key.startsWith(`${event.sessionId}:`)) done();
  });

  const attach = async (targetId: string): Promise<void> => {
    if (attached.has(targetId)) return;
    attached.set(targetId, '');
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: false });
    attached.set(targetId, sessionId);
    // Replayed messages arrive before the answer to Runtime.enable.
    await Promise.all([call(sessionId, 'Runtime.enable'), call(sessionId, 'Log.enable')]);
  };
  const isOurWorker = (info: { type: string; url: string }): boolean => info.type === 'service_worker' && info.url.startsWith(scope);

  cdp.on('Target.targetCreated', ({ targetInfo }) => {
    if (!isOurWorker(targetInfo)) return;
    attaching.push(
      attach(targetInfo.targetId).catch((error: unknown) => void errors.push(`could not watch the restarted worker: ${String(error)}`)),
    );
  });
  await cdp.send('Target.setDiscoverTargets', { discover: true });
  const { targetInfos } = await cdp.send('Target.getTargets');
  const workers = targetInfos.filter(isOurWorker);
  if (workers.length === 0) throw new Error(`no service worker running for ${scope}`);
  await Promise.all(workers.map((info) => attach(info.targetId)));

  return {
    async errors() {
      await Promise.all(attaching);
      await Promise.all(
        [...attached.values()].filter(Boolean).map((sessionId) => call(sessionId, 'Runtime.evaluate', { expression: '0' })),
      );
      return [...errors];
    },
    async detach() {
      await cdp.detach().catch(() => undefined);
    },
  };
}

/** Opens `url` in a new tab with its errors recorded from the first script on. */
export async function openWatchedPage(context: BrowserContext, url: string): Promise<WatchedPage> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'assert') errors.push(`console.${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.stack ?? error.message}`));
  await page.goto(url);
  return { page, errors };
}
