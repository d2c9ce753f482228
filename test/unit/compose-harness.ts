// Runs compose features against the fake Gmail with a fake background: every message the
// features send is recorded, answered by per-test responders, and can be awaited by name.
import { encodeBase64Url } from '../../src/shared/base64url.ts';
import { mintId } from '../../src/shared/ids.ts';
import type { ComposeContext, GlintActions, MessageName, MessageRequest, MessageResponse } from '../../src/shared/messages.ts';
import { BackgroundError } from '../../src/extension/content/background-client.ts';
import { composeContextSource } from '../../src/extension/content/compose-context.ts';
import { composeSessions } from '../../src/extension/content/compose-session.ts';
import { startFeatures, type Feature, type FeatureEnv } from '../../src/extension/content/feature.ts';
import { FakeGmail } from '../support/fake-gmail-adapter.ts';

export const EXTENSION_ORIGIN = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
export const NOW = new Date('2026-11-23T10:00:00.000Z');

export function signedInContext(overrides: Partial<Extract<ComposeContext, { signedIn: true }>> = {}): ComposeContext {
  const secret = new Uint8Array(32);
  globalThis.crypto.getRandomValues(secret);
  return {
    signedIn: true,
    userEmail: 'rep@seller.example',
    trackingBaseUrl: 'https://glint.seller.example',
    signingKey: { kid: mintId('signingKey'), secret: encodeBase64Url(secret) },
    tracking: { opens: true, clicks: true },
    excludedDomains: [],
    ...overrides,
  };
}

/** Lets every queued promise callback run (one macrotask turn; no timer, no wall-clock wait). */
export function drainMicrotasks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

type Responders = { [N in MessageName]?: (request: MessageRequest<N>) => Promise<MessageResponse<N>> };

export interface Call<N extends MessageName = MessageName> {
  name: N;
  request: MessageRequest<N>;
}

export interface HarnessOptions {
  /** What compose.context answers; null: the background is unreachable. */
  context?: ComposeContext | null;
  responders?: Responders;
  /** Load the context before the features start (as the content script's first refresh does). */
  preload?: boolean;
}

export async function composeHarness(features: readonly Feature[], options: HarnessOptions = {}) {
  const gmail = new FakeGmail();
  const calls: Call[] = [];
  const waiters: { name: MessageName; index: number; resolve: (call: Call) => void }[] = [];
  const nth = (name: MessageName, index: number): Call | undefined => calls.filter((call) => call.name === name)[index];
  const context = options.context === undefined ? signedInContext() : options.context;
  const responders: Responders = {
    'compose.context': async () => {
      if (!context) throw new BackgroundError('unreachable', 'Glint was reloaded');
      return context;
    },
    'compose.reportFailure': async () => ({ recorded: true }),
    'outbox.register': async () => ({ queued: true }),
    'outbox.updateIds': async () => ({ queued: true }),
    'selfView.report': async ({ tokens }) => ({ mine: tokens }),
    ...options.responders,
  };
  const actions: GlintActions = async (name, request) => {
    const call = { name, request } as Call;
    calls.push(call);
    for (const waiter of [...waiters]) {
      const reached = nth(waiter.name, waiter.index);
      if (!reached) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(reached);
    }
    const responder = responders[name] as ((request: unknown) => Promise<MessageResponse<typeof name>>) | undefined;
    if (!responder) throw new BackgroundError('unknown-message', `no responder for ${name}`);
    return responder(request);
  };
  const delays: number[] = [];
  const clock = { now: NOW.getTime() };
  const source = composeContextSource(actions);
  if (options.preload ?? true) await source.refresh();
  const env: FeatureEnv = {
    gmail,
    actions,
    context: source,
    sessions: composeSessions(source),
    now: () => new Date(clock.now),
    // No waiting in tests: record the delay and go on.
    delay: async (ms, signal) => {
      if (signal.aborted) throw signal.reason;
      delays.push(ms);
    },
    extensionUrl: (path) => `${EXTENSION_ORIGIN}/${path}`,
    t: (key) => key,
  };
  const controller = new AbortController();
  startFeatures(features, controller.signal, env);
  return {
    gmail,
    env,
    calls,
    delays,
    clock,
    controller,
    callsOf<N extends MessageName>(name: N): Call<N>[] {
      return calls.filter((call): call is Call<N> => call.name === name);
    },
    /** Resolves with call number `index` (from 0) of `name`, now or when it happens. */
    callNumber<N extends MessageName>(name: N, index = 0): Promise<Call<N>> {
      const done = nth(name, index);
      if (done) return Promise.resolve(done as Call<N>);
      return new Promise((resolve) => waiters.push({ name, index, resolve: resolve as (call: Call) => void }));
    },
  };
}
