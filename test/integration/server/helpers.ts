// Small helpers for the server's integration tests: a browser-like reader and JSON calls.
import { mintEmailToken } from '../../../src/shared/email-tokens.ts';
import type { FeedResponse } from '../../../src/shared/api-schemas.ts';
import type { TestServer, TestUser } from '../../support/start-server.ts';
import { UA } from '../../fixtures/hits/real-world.ts';
import { openFeedCursor } from '../../../src/server/http/feed-cursor.ts';

/** A desktop Chrome user agent: an ordinary human reader for the classifier. */
export const BROWSER_UA = UA.chromeWindows;

export async function json<T = unknown>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

export function openPixel(server: TestServer, token: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.baseUrl}/t/o/${token}.gif`, { headers: { 'user-agent': BROWSER_UA, ...headers } });
}

export async function registerEmail(
  server: TestServer,
  user: TestUser,
  fields: Record<string, unknown> = {},
): Promise<{ token: string; response: Response }> {
  const token = (fields.token as string | undefined) ?? mintEmailToken(user.signingKey);
  const response = await fetch(`${server.baseUrl}/api/v1/emails`, {
    method: 'POST',
    headers: user.headers,
    body: JSON.stringify({ subject: 'Quarterly numbers', to: ['reader@example.org'], ...fields, token }),
  });
  return { token, response };
}

/** The position an opaque feed cursor stands for (the server seals it with its key). */
export function cursorSeq(server: TestServer, user: TestUser, cursor: string | undefined): number | null {
  return cursor === undefined ? null : openFeedCursor(server.context.box, user.user.id, cursor);
}

export async function readFeed(server: TestServer, user: TestUser, query = ''): Promise<FeedResponse> {
  const response = await fetch(`${server.baseUrl}/api/v1/feed${query}`, { headers: user.headers });
  if (response.status !== 200) throw new Error(`feed answered ${response.status}: ${await response.text()}`);
  return json<FeedResponse>(response);
}
