// A fast-check fuzz pass over the public and the authenticated routes: hostile paths, queries,
// headers and bodies. However strange the request, the server answers it, and never with a 5xx.
// A failure prints its seed and path; GLINT_FUZZ_SEED=... replays the same requests.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickUrl } from '../../src/shared/tracking-urls.ts';
import { documentLink, uploadPdf } from '../support/docs-recipient.ts';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';
import { json, registerEmail } from '../integration/server/helpers.ts';
import { headerSafe, hostileBody, hostileHeaders, hostileString, urlPart } from './support/fuzz-arbitraries.ts';

const SEED = Number(process.env.GLINT_FUZZ_SEED ?? Date.now() % 2 ** 31);
/** Runs of AT_ONCE concurrent requests: about 700 requests, some seconds on a loaded machine. */
const RUNS = 120;
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

interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

const part = hostileString.map(urlPart);

function publicRequest(): fc.Arbitrary<FuzzRequest> {
  const headers = hostileHeaders();
  const link = fc.oneof({ weight: 3, arbitrary: fc.constant(real.linkToken) }, { weight: 2, arbitrary: part });
  const clickPath = real.clickUrl.slice(server.baseUrl.length);
  // A real signed link with a few characters changed, or random parts.
  const tampered = fc
    .tuple(fc.integer({ min: 1, max: clickPath.length - 1 }), hostileString)
    .map(([at, text]) => `${clickPath.slice(0, at)}${urlPart(text.slice(0, 3))}${clickPath.slice(at + 1)}`);
  const randomClick = fc.tuple(part, part, part, part, part).map(([a, b, k, d, s]) => `/t/c/${a}/${b}?k=${k}&d=${d}&s=${s}`);
  const json = (url: string, fields: string[]): fc.Arbitrary<FuzzRequest> =>
    fc.record({
      method: fc.constant('POST'),
      url: fc.constant(url),
      headers: hostileHeaders({ 'content-type': 'application/json' }),
      body: hostileBody(fields),
    });
  return fc.oneof(
    fc.record({
      method: fc.constantFrom('GET', 'HEAD'),
      url: fc.oneof(fc.constant(real.emailToken), part).map((token) => `/t/o/${token}.gif`),
      headers,
    }),
    fc.record({ method: fc.constant('GET'), url: fc.oneof(tampered, randomClick), headers }),
    fc.record({
      method: fc.constantFrom('GET', 'HEAD'),
      url: fc.tuple(link, fc.constantFrom('', '/file', '/original')).map(([token, tail]) => `/d/${token}${tail}`),
      headers,
    }),
    fc.record({
      method: fc.constant('POST'),
      url: link.map((token) => `/d/${token}/events`),
      headers: fc
        .oneof(fc.constantFrom('text/plain;charset=UTF-8', 'application/json'), hostileString.map(headerSafe))
        .chain((type) => hostileHeaders({ 'content-type': type })),
      body: hostileBody(['visitId', 'page', 'seconds', 'pages', 'type']),
    }),
    link.chain((token) => json(`/d/${token}/identify`, ['email'])),
    json('/api/v1/auth/sign-in', ['email', 'password']),
    fc.record({ method: fc.constant('GET'), url: part.map((text) => `/viewer/${text}`), headers }),
    fc.record({
      method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'),
      url: fc.tuple(part, part).map(([a, b]) => `/${a}/${b}`),
      headers,
    }),
  );
}

function authenticatedRequest(operation: Operation): fc.Arbitrary<FuzzRequest> {
  const realParam: Record<string, string> = { token: real.emailToken, id: real.documentId };
  const paramValue = (name: string): fc.Arbitrary<string> => {
    const known = operation.path.includes('/links/{token}') && name === 'token' ? real.linkToken : (realParam[name] ?? '');
    return fc.oneof(fc.constant(known), hostileString);
  };
  const path = fc
    .tuple(...operation.pathParams.map(paramValue))
    .map((values) =>
      operation.pathParams.reduce((built, name, i) => built.replace(`{${name}}`, urlPart(values[i] ?? '') || 'x'), operation.path),
    );
  const queryValue = fc.oneof(hostileString, fc.constantFrom('0', '-5', '60.5', '1e9', 'true'));
  const query = fc.record(Object.fromEntries(operation.query.map((name) => [name, queryValue])), { requiredKeys: [] }).map((values) =>
    Object.entries(values)
      .map(([name, value]) => `${name}=${urlPart(value ?? '')}`)
      .join('&'),
  );
  const withBody = operation.method !== 'GET' && operation.method !== 'DELETE';
  return fc.record({
    method: fc.constant(operation.method),
    // Long-polls are capped to a moment so the pass stays quick.
    url: fc.tuple(path, query).map(([p, q]) => `${p}${q ? `?${q}` : ''}`.replace(/wait=[^&]*/, 'wait=0.05')),
    headers: hostileHeaders({ authorization: `Bearer ${alice.apiToken}`, 'content-type': 'application/json' }),
    body: withBody ? hostileBody(operation.bodyFields) : fc.constant(undefined),
  });
}

/** Sends one request; a 5xx or no answer is a finding. */
async function send(request: FuzzRequest, statuses: Map<number, number>): Promise<string | undefined> {
  const described = `${request.method} ${request.url.slice(0, 200)} ${request.body?.slice(0, 200) ?? ''}`;
  try {
    const response = await fetch(`${server.baseUrl}${request.url}`, {
      method: request.method,
      headers: request.headers,
      body: request.body,
    });
    await response.arrayBuffer();
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    return response.status >= 500 ? `${response.status} ${described}` : undefined;
  } catch (error) {
    return `no answer (${(error as Error).message}) ${described}`;
  }
}

describe('route fuzz pass', () => {
  it(`answers ${RUNS * AT_ONCE} hostile requests without a 5xx (seed ${SEED})`, async () => {
    const anyRequest = fc.oneof(
      { weight: 2, arbitrary: publicRequest() },
      { weight: 3, arbitrary: fc.oneof(...operations.map(authenticatedRequest)) },
    );
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.array(anyRequest, { minLength: AT_ONCE, maxLength: AT_ONCE }), async (batch) => {
        const failures = (await Promise.all(batch.map((request) => send(request, statuses)))).filter(Boolean);
        expect(failures, `seed ${SEED}`).toEqual([]);
      }),
      // Shrinking a server round trip is slow; a short budget still narrows the failing batch.
      { seed: SEED, numRuns: RUNS, interruptAfterTimeLimit: 50_000, markInterruptAsFailure: false, endOnFailure: false, timeout: 10_000 },
    );
    // The pass reached the handlers, not only the validators.
    expect([...statuses.keys()].some((status) => status >= 200 && status < 300)).toBe(true);
    expect(await (await fetch(`${server.baseUrl}/healthz`)).json()).toMatchObject({ ok: true });
  });
});
