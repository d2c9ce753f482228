// A fuzz pass over the public and the authenticated routes: hostile paths, queries, headers and
// bodies, seeded so a failure can be replayed (GLINT_FUZZ_SEED=...). However strange the request,
// the server answers it, and never with a 5xx. (fast-check is not among the dependencies; a small
// seeded generator stands in for it.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickUrl } from '../../src/shared/tracking-urls.ts';
import { documentLink, uploadPdf } from '../support/docs-recipient.ts';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';
import { json, registerEmail } from '../integration/server/helpers.ts';
import { Fuzz } from './support/fuzz-values.ts';

const SEED = Number(process.env.GLINT_FUZZ_SEED ?? 20261203);
const REQUESTS = 700;
const AT_ONCE = 6;

interface Operation {
  method: string;
  path: string;
  query: string[];
  bodyFields: string[];
  pathParams: string[];
}

let server: TestServer;
let alice: TestUser;
let operations: Operation[];
let real: { emailToken: string; documentId: string; linkToken: string; clickUrl: string };

beforeAll(async () => {
  // The viewer's source page is its template too (a build is not needed to render the page).
  server = await startServer({ env: { TRUST_PROXY: 'loopback', MAILBOX_TEST_TIMEOUT_S: '2', VIEWER_DIR: 'src/viewer' } });
  alice = await server.addUser('alice@acme.example', { team: 'acme', plan: 'team_pro' });
  const { token } = await registerEmail(server, alice, { links: [{ index: 0, url: 'https://example.org/pricing' }] });
  const document = await uploadPdf(server, alice, 2);
  const link = await documentLink(server, alice, document.id, { emailToken: token, allowDownload: true });
  real = {
    emailToken: token,
    documentId: document.id,
    linkToken: link.token,
    clickUrl: clickUrl(server.baseUrl, alice.signingKey, token, 0, 'https://example.org/pricing'),
  };
  type OpenApiOperation = {
    parameters?: { in: string; name: string }[];
    requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
  };
  const openapi = await json<{ paths: Record<string, Record<string, OpenApiOperation>> }>(
    await fetch(`${server.baseUrl}/api/openapi.json`),
  );
  operations = Object.entries(openapi.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      query: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      pathParams: (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
      bodyFields: Object.keys(operation.requestBody?.content?.['application/json']?.schema?.properties ?? {}),
    })),
  );
});
afterAll(() => server.close());

/** A path or query part: lone surrogates cannot be percent-encoded, so they become U+FFFD first. */
const urlPart = (text: string): string => encodeURIComponent(text.replace(/[\ud800-\udfff]/g, '\ufffd')).slice(0, 300);

/** A header value fetch can send (Latin-1 without controls). */
const headerSafe = (text: string): string => text.replace(/[^\x20-\x7e]/g, '?').slice(0, 2000);

interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

function hostileHeaders(fuzz: Fuzz, headers: Record<string, string>): Record<string, string> {
  const optional: Record<string, () => string> = {
    'x-forwarded-for': () => fuzz.pick([headerSafe(fuzz.string()), '1.2.3.4, ::1', '::ffff:10.0.0.1', '999.1.1.1', ', ,']),
    range: () => fuzz.pick(['bytes=0-0', 'bytes=-1', 'bytes=5-2', 'bytes=0-1,2-3', headerSafe(fuzz.string())]),
    'if-range': () => headerSafe(fuzz.string()),
    'accept-language': () => headerSafe(fuzz.string()),
    'x-glint-device': () => fuzz.pick(['dev_' + 'a'.repeat(22), headerSafe(fuzz.string())]),
    origin: () => fuzz.pick(['chrome-extension://' + 'a'.repeat(32), 'null', headerSafe(fuzz.string())]),
    'user-agent': () => headerSafe(fuzz.string()),
  };
  for (const [name, value] of Object.entries(optional)) if (fuzz.next() < 0.25) headers[name] = value();
  return headers;
}

function hostileBody(fuzz: Fuzz, fields: readonly string[]): string {
  if (fuzz.next() < 0.25) return fuzz.pick(['', '{', '[]', 'null', '"x"', '['.repeat(5000), '{"__proto__":{"x":1}}', fuzz.string()]);
  return JSON.stringify(fuzz.objectOf(fields));
}

function publicRequest(fuzz: Fuzz): FuzzRequest {
  const headers = hostileHeaders(fuzz, {});
  const part = (): string => urlPart(fuzz.string());
  const link = fuzz.next() < 0.6 ? real.linkToken : part();
  switch (fuzz.int(8)) {
    case 0:
      return { method: fuzz.pick(['GET', 'HEAD']), url: `/t/o/${fuzz.next() < 0.5 ? real.emailToken : part()}.gif`, headers };
    case 1: {
      // A real signed link with one character changed, or random parts.
      const url = real.clickUrl.slice(server.baseUrl.length);
      const at = 1 + fuzz.int(url.length - 1);
      const tampered = `${url.slice(0, at)}${urlPart(fuzz.string().slice(0, 3))}${url.slice(at + 1)}`;
      return { method: 'GET', url: fuzz.next() < 0.5 ? tampered : `/t/c/${part()}/${part()}?k=${part()}&d=${part()}&s=${part()}`, headers };
    }
    case 2:
      return { method: fuzz.pick(['GET', 'HEAD']), url: `/d/${link}${fuzz.pick(['', '/file', '/original'])}`, headers };
    case 3:
      headers['content-type'] = fuzz.pick(['text/plain;charset=UTF-8', 'application/json', headerSafe(fuzz.string())]);
      return {
        method: 'POST',
        url: `/d/${link}/events`,
        headers,
        body: hostileBody(fuzz, ['visitId', 'page', 'seconds', 'pages', 'type']),
      };
    case 4:
      headers['content-type'] = 'application/json';
      return { method: 'POST', url: `/d/${link}/identify`, headers, body: hostileBody(fuzz, ['email']) };
    case 5:
      headers['content-type'] = 'application/json';
      return { method: 'POST', url: '/api/v1/auth/sign-in', headers, body: hostileBody(fuzz, ['email', 'password']) };
    case 6:
      return { method: 'GET', url: `/viewer/${part()}`, headers };
    default:
      return { method: fuzz.pick(['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH']), url: `/${part()}/${part()}`, headers };
  }
}

function authenticatedRequest(fuzz: Fuzz): FuzzRequest {
  const operation = fuzz.pick(operations);
  const realParam: Record<string, string> = { token: real.emailToken, id: real.documentId };
  let path = operation.path;
  for (const name of operation.pathParams) {
    const value =
      fuzz.next() < 0.5 ? (path.includes('/links/{token}') && name === 'token' ? real.linkToken : (realParam[name] ?? '')) : fuzz.string();
    path = path.replace(`{${name}}`, urlPart(value) || 'x');
  }
  const query = operation.query
    .filter(() => fuzz.next() < 0.6)
    .map((name) => `${name}=${urlPart(fuzz.pick([fuzz.string(), '0', '-5', '60.5', '1e9', 'true']))}`)
    .join('&');
  const headers = hostileHeaders(fuzz, { authorization: `Bearer ${alice.apiToken}`, 'content-type': 'application/json' });
  const withBody = operation.method !== 'GET' && operation.method !== 'DELETE';
  // Long-polls are capped to a moment so the pass stays quick.
  const url = `${path}${query ? `?${query}` : ''}`.replace(/wait=[^&]*/, 'wait=0.05');
  return { method: operation.method, url, headers, ...(withBody ? { body: hostileBody(fuzz, operation.bodyFields) } : {}) };
}

describe('route fuzz pass', () => {
  it(`answers ${REQUESTS} hostile requests without a 5xx (seed ${SEED})`, async () => {
    const fuzz = new Fuzz(SEED);
    const requests = Array.from({ length: REQUESTS }, () => (fuzz.next() < 0.4 ? publicRequest(fuzz) : authenticatedRequest(fuzz)));
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < requests.length) {
        const request = requests[next++];
        if (!request) return;
        const described = `${request.method} ${request.url.slice(0, 200)} ${request.body?.slice(0, 200) ?? ''}`;
        try {
          const response = await fetch(`${server.baseUrl}${request.url}`, {
            method: request.method,
            headers: request.headers,
            body: request.body,
          });
          await response.arrayBuffer();
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          if (response.status >= 500) failures.push(`${response.status} ${described}`);
        } catch (error) {
          failures.push(`no answer (${(error as Error).message}) ${described}`);
        }
      }
    };
    await Promise.all(Array.from({ length: AT_ONCE }, worker));
    expect(failures, `seed ${SEED}`).toEqual([]);
    // The pass reached the handlers, not only the validators.
    expect([...statuses.keys()].some((status) => status >= 200 && status < 300)).toBe(true);
    expect(await (await fetch(`${server.baseUrl}/healthz`)).json()).toMatchObject({ ok: true });
  });
});
