// What the scale-out tests do to Glint instances over HTTP: register a tracked email, fetch its
// pixel, read and long-poll the feed, and wait until an instance holds a long-poll open.
import { mintEmailToken } from '../../src/shared/email-tokens.ts';
import { pixelUrl } from '../../src/shared/tracking-urls.ts';
import { UA } from '../fixtures/hits/real-world.ts';
import { CLUSTER_HEALTH_TOKEN } from './glint-cluster.ts';

export interface FeedItem {
  id: string;
  kind: string;
  label: string;
  cursor: string;
  email: { token: string; subject: string };
}

export interface FeedAnswer {
  events: FeedItem[];
  cursor: string;
  hasMore: boolean;
}

export const authorized = (apiToken: string): Record<string, string> => ({
  authorization: `Bearer ${apiToken}`,
  'content-type': 'application/json',
});

/** POST /api/v1/emails through `baseUrl` with a token minted as `glint email create` does: the token. */
export async function registerEmail(baseUrl: string, apiToken: string, subject: string): Promise<string> {
  const me = (await (await fetch(`${baseUrl}/api/v1/me`, { headers: authorized(apiToken) })).json()) as {
    signingKey: { id: string; secret: string };
  };
  const token = mintEmailToken(me.signingKey);
  const response = await fetch(`${baseUrl}/api/v1/emails`, {
    method: 'POST',
    headers: authorized(apiToken),
    body: JSON.stringify({ token, subject, to: ['buyer@example.org'] }),
  });
  if (response.status !== 201 && response.status !== 200)
    throw new Error(`registering an email: ${response.status} ${await response.text()}`);
  return token;
}

/** Fetches the pixel as a person's mail client would; the HTTP status. */
export async function openPixel(baseUrl: string, emailToken: string, headers: Record<string, string> = {}): Promise<number> {
  const response = await fetch(pixelUrl(baseUrl, emailToken), { headers: { 'user-agent': UA.chromeWindows, ...headers } });
  await response.arrayBuffer();
  return response.status;
}

export async function readFeed(baseUrl: string, apiToken: string, query = ''): Promise<FeedAnswer> {
  const response = await fetch(`${baseUrl}/api/v1/feed${query}`, { headers: authorized(apiToken) });
  if (response.status !== 200) throw new Error(`feed: ${response.status} ${await response.text()}`);
  return (await response.json()) as FeedAnswer;
}

/** The number of feed long-polls the instance at `baseUrl` holds open (GET /healthz/details). */
export async function feedWaiters(baseUrl: string): Promise<number> {
  const response = await fetch(`${baseUrl}/healthz/details`, { headers: { authorization: `Bearer ${CLUSTER_HEALTH_TOKEN}` } });
  if (response.status !== 200) throw new Error(`health details: ${response.status} ${await response.text()}`);
  const health = (await response.json()) as { details: { feedWaiters: number } };
  return health.details.feedWaiters;
}

/** Resolves once the instance holds `count` long-polls open (asks /healthz/details until it does). */
export async function untilWaiting(baseUrl: string, count: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await feedWaiters(baseUrl)) < count) {
    if (Date.now() > deadline) throw new Error(`${baseUrl} never held ${count} long-poll(s) open`);
  }
}
