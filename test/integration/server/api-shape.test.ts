// One error shape for everything a stranger can send, the OpenAPI document, CORS and headers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorResponseSchema } from '../../../src/shared/api-schemas.ts';
import { CONVERSION_FAILURE_CODES } from '../../../src/shared/conversion-failure-codes.ts';
import { CONNECTION_FAILURES } from '../../../src/shared/mailbox-api.ts';
import { startServer, type TestServer, type TestUser } from '../../support/start-server.ts';
import { json } from './helpers.ts';

let server: TestServer;
let alice: TestUser;

beforeAll(async () => {
  server = await startServer();
  alice = await server.addUser();
});
afterAll(() => server.close());

async function expectError(response: Response, status: number, code: string): Promise<string> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/json');
  const body = errorResponseSchema.parse(await response.json());
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
  return body.error.message;
}

describe('errors', () => {
  it('answers an unknown route with 404 in the error shape', async () => {
    await expectError(await fetch(`${server.baseUrl}/no/such/thing`), 404, 'not_found');
  });

  it('answers malformed JSON with 400 invalid_json', async () => {
    const response = await fetch(`${server.baseUrl}/api/v1/emails`, { method: 'POST', headers: alice.headers, body: '{"token": ' });
    await expectError(response, 400, 'invalid_json');
  });

  it('takes an empty JSON body as no body: a route that needs one names what is missing', async () => {
    const response = await fetch(`${server.baseUrl}/api/v1/emails`, { method: 'POST', headers: alice.headers });
    const message = await expectError(response, 400, 'validation_failed');
    expect(message).toBe('body: missing; send a JSON object');
  });

  it('refuses prototype pollution in a JSON body', async () => {
    for (const body of ['{"__proto__": {"admin": true}}', '{"constructor": {"prototype": {"admin": true}}}']) {
      const response = await fetch(`${server.baseUrl}/api/v1/emails`, { method: 'POST', headers: alice.headers, body });
      await expectError(response, 400, 'invalid_json');
    }
  });

  it('answers a too-large body with 413', async () => {
    const body = JSON.stringify({ subject: 'x'.repeat(3 * 1024 * 1024) });
    const response = await fetch(`${server.baseUrl}/api/v1/emails`, { method: 'POST', headers: alice.headers, body });
    await expectError(response, 413, 'body_too_large');
  });

  it('answers an unsupported content type with 415', async () => {
    const response = await fetch(`${server.baseUrl}/api/v1/emails`, {
      method: 'POST',
      headers: { authorization: alice.headers.authorization ?? '', 'content-type': 'text/xml' },
      body: '<x/>',
    });
    await expectError(response, 415, 'unsupported_media_type');
  });

  it('names the invalid field with a readable message', async () => {
    const response = await fetch(`${server.baseUrl}/api/v1/feed?limit=0`, { headers: alice.headers });
    const message = await expectError(response, 400, 'validation_failed');
    expect(message).toMatch(/^querystring\.limit: /);
  });
});

describe('OpenAPI', () => {
  it('serves a valid OpenAPI 3 document listing the routes', async () => {
    const response = await fetch(`${server.baseUrl}/api/openapi.json`);
    expect(response.status).toBe(200);
    const doc = await json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>(response);
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of ['/api/v1/auth/sign-in', '/api/v1/emails', '/api/v1/feed', '/api/v1/devices', '/healthz', '/healthz/details']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(doc.paths['/api/v1/feed']?.get).toBeDefined();
  });

  it("describes a document's failureCode with every conversion failure code", async () => {
    // Every `failureCode` property anywhere in the document (list, one document, upload answers).
    const found: unknown[] = [];
    JSON.parse(await (await fetch(`${server.baseUrl}/api/openapi.json`)).text(), (key, value: unknown) => {
      if (key === 'failureCode') found.push(value);
      return value;
    });
    expect(found.length).toBeGreaterThan(0);
    for (const property of found) expect(property).toMatchObject({ enum: [...CONVERSION_FAILURE_CODES], nullable: true });
  });

  it('describes the mailbox test answer with both sides, each with its reason codes', async () => {
    const doc = await json<{ paths: Record<string, Record<string, { responses: Record<string, unknown> }>> }>(
      await fetch(`${server.baseUrl}/api/openapi.json`),
    );
    // Every object schema of the 200 answer that has the two sides (one per `ok` variant).
    const answers: { required?: string[]; properties: Record<string, unknown> }[] = [];
    JSON.parse(JSON.stringify(doc.paths['/api/v1/mailbox/test']?.post?.responses['200']), (_key, value: unknown) => {
      const properties = (value as { properties?: Record<string, unknown> } | null)?.properties;
      if (properties && 'imap' in properties && 'smtp' in properties) answers.push(value as (typeof answers)[number]);
      return value;
    });
    expect(answers.length).toBeGreaterThan(0);
    for (const answer of answers) {
      expect(answer.required).toEqual(expect.arrayContaining(['ok', 'message', 'imap', 'smtp']));
      for (const side of [answer.properties.imap, answer.properties.smtp]) {
        for (const failure of CONNECTION_FAILURES) expect(JSON.stringify(side)).toContain(`"${failure}"`);
      }
    }
  });
});

describe('headers', () => {
  it('allows the extension origin by CORS and refuses others', async () => {
    const origin = `chrome-extension://${'a'.repeat(32)}`;
    const preflight = await fetch(`${server.baseUrl}/api/v1/feed`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    const foreign = await fetch(`${server.baseUrl}/healthz`, { headers: { origin: 'https://evil.example' } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('sends nosniff and answers /healthz with nothing but its state', async () => {
    const response = await fetch(`${server.baseUrl}/healthz`);
    expect(await json(response)).toEqual({ ok: true, store: 'ok' });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
