// A local stand-in for Salesforce on 127.0.0.1 (a real HTTP server) with the documented shapes
// of the endpoints Glint uses: /services/oauth2/authorize (signs the test's "administrator" in at
// once and redirects with a code), /id/{org}/{user} (the identity service: the user name),
// /services/oauth2/token (authorization_code with PKCE's
// code_verifier checked against the challenge, refresh_token; invalid_grant as Salesforce words
// it), /services/data/vNN.N/query (SOQL read as Salesforce reads it, fake-soql.ts), and
// /services/data/vNN.N/sobjects/{Task,Lead} (201 with an id; PATCH 204), and
// /sobjects/TaskRelation (Shared Activities) with the rules the real API enforces (fake-task-people.ts):
// a Task's people are one Lead or up to 50 Contacts, its WhoId must be one of them. Errors come as
// Salesforce sends them: 401 [{"errorCode":"INVALID_SESSION_ID"}], 403 REQUEST_LIMIT_EXCEEDED.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MalformedQuery, parseSoql } from './fake-soql.ts';
import { refusedRelation, refusedWho, whoIdsOfTask } from './fake-task-people.ts';

export type SfRecord = Record<string, unknown> & { Id: string };

export interface FakeSalesforce {
  url: string;
  clientId: string;
  clientSecret: string;
  contacts: SfRecord[];
  leads: SfRecord[];
  tasks: SfRecord[];
  /** TaskRelation records created through the API (the Task's own WhoId is implied, as on Salesforce). */
  taskRelations: SfRecord[];
  /** Whether the org has Shared Activities (default true); off, TaskRelation does not exist. */
  sharedActivities: boolean;
  /** The Contacts and Lead a Task is related to (TaskWhoRelation): its WhoId first. */
  whoIdsOf(taskId: string): string[];
  /** Every SOQL query as received (decoded). */
  queries: string[];
  /** The user name the identity service answers for the signed-in administrator. */
  username: string;
  /** Token requests by grant type. */
  tokenRequests: Record<string, string>[];
  /** Makes every access token handed out so far invalid (the session expired). */
  expireSessions(): void;
  /** Makes every refresh token invalid (the app's access was revoked): invalid_grant. */
  revokeRefreshTokens(): void;
  /** The next `count` data requests answer 403 REQUEST_LIMIT_EXCEEDED. */
  limitNext(count: number): void;
  /** The next Task creation is stored but never answered (the caller dies waiting). */
  holdNextTaskCreation(): Promise<SfRecord>;
  /** The session expires just after the next Task is created (answered): the call after it meets INVALID_SESSION_ID. */
  expireAfterNextTask(): void;
  /** Resolves once `accept` holds; fails after `timeoutMs`. */
  until(accept: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export const ORG_ID = '00Dxx0000001gPLEAY';
const newId = (prefix: string): string => `${prefix}${randomBytes(8).toString('hex').slice(0, 15)}`;
const sfError = (errorCode: string, message: string) => [{ errorCode, message }];

export async function startFakeSalesforce(): Promise<FakeSalesforce> {
  const clientId = `fake-client-${randomBytes(4).toString('hex')}`;
  const clientSecret = randomBytes(16).toString('hex');
  const codes = new Map<string, { challenge: string; redirectUri: string }>();
  const accessTokens = new Set<string>();
  const refreshTokens = new Set<string>();
  const waiters = new Set<() => void>();
  let limited = 0;
  let hold: ((task: SfRecord) => void) | null = null;
  let expireAfterTask = false;
  let url = '';

  const fake: FakeSalesforce = {
    url: '',
    clientId,
    clientSecret,
    contacts: [],
    leads: [],
    tasks: [],
    taskRelations: [],
    sharedActivities: true,
    whoIdsOf: (taskId) => whoIdsOfTask(fake, taskId),
    queries: [],
    username: 'admin@acme.example',
    tokenRequests: [],
    expireSessions: () => accessTokens.clear(),
    revokeRefreshTokens: () => refreshTokens.clear(),
    limitNext: (count) => {
      limited = count;
    },
    holdNextTaskCreation: () => new Promise((resolve) => (hold = resolve)),
    expireAfterNextTask: () => {
      expireAfterTask = true;
    },
    until: (accept, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          if (!accept()) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error('the fake Salesforce did not see what the test waited for'));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const send = (response: ServerResponse, status: number, body?: unknown): void => {
    if (body === undefined) response.writeHead(status).end();
    else response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    for (const wake of [...waiters]) wake();
  };

  const token = (form: URLSearchParams, response: ServerResponse): void => {
    fake.tokenRequests.push(Object.fromEntries(form));
    if (form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret) {
      return send(response, 400, { error: 'invalid_client', error_description: 'invalid client credentials' });
    }
    if (form.get('grant_type') === 'authorization_code') {
      const pending = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      if (!pending || pending.challenge !== challenge || pending.redirectUri !== form.get('redirect_uri')) {
        return send(response, 400, { error: 'invalid_grant', error_description: 'invalid authorization code' });
      }
      const refresh = newId('5Aep');
      refreshTokens.add(refresh);
      return send(response, 200, issue({ refresh_token: refresh }));
    }
    if (form.get('grant_type') === 'refresh_token') {
      if (!refreshTokens.has(form.get('refresh_token') ?? '')) {
        return send(response, 400, { error: 'invalid_grant', error_description: 'expired access/refresh token' });
      }
      return send(response, 200, issue({}));
    }
    send(response, 400, { error: 'unsupported_grant_type', error_description: 'grant type not supported' });
  };

  const issue = (extra: Record<string, string>): Record<string, string> => {
    const access = newId('00D!');
    accessTokens.add(access);
    return {
      access_token: access,
      instance_url: url,
      id: `${url}/id/${ORG_ID}/005xx000001SwiUAAS`,
      token_type: 'Bearer',
      issued_at: String(Date.now()),
      signature: randomBytes(16).toString('base64'),
      scope: 'api refresh_token',
      ...extra,
    };
  };

  const data = (request: IncomingMessage, path: string, body: string, response: ServerResponse): void => {
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
    if (!accessTokens.has(bearer)) return send(response, 401, sfError('INVALID_SESSION_ID', 'Session expired or invalid'));
    if (limited > 0) {
      limited -= 1;
      return send(response, 403, sfError('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'));
    }
    if (/^\/id\/\w+\/\w+$/.test(path) && request.method === 'GET') {
      return send(response, 200, { username: fake.username, organization_id: ORG_ID, user_id: '005xx000001SwiUAAS' });
    }
    const query = /^\/services\/data\/v\d+\.\d\/query$/.exec(path);
    if (query && request.method === 'GET') {
      const soql = new URL(request.url ?? '', url).searchParams.get('q') ?? '';
      fake.queries.push(soql);
      try {
        const parsed = parseSoql(soql);
        const table = { Contact: fake.contacts, Lead: fake.leads, Task: fake.tasks }[parsed.object];
        if (!table) return send(response, 400, sfError('INVALID_TYPE', `sObject type '${parsed.object}' is not supported.`));
        const matches = table
          .filter((record) => [...parsed.where].every(([field, value]) => matchesField(record, field, value)))
          .slice(0, parsed.limit ?? undefined)
          .map((record) =>
            Object.fromEntries([['attributes', { type: parsed.object }], ...parsed.fields.map((f) => [f, record[f] ?? null])]),
          );
        return send(response, 200, { totalSize: matches.length, done: true, records: matches });
      } catch (error) {
        if (error instanceof MalformedQuery) return send(response, 400, sfError('MALFORMED_QUERY', error.message));
        throw error;
      }
    }
    const relation = /^\/services\/data\/v\d+\.\d\/sobjects\/TaskRelation$/.exec(path);
    // Without Shared Activities the object does not exist: Salesforce answers as for any unknown one.
    if (relation && fake.sharedActivities && request.method === 'POST') {
      const fields = JSON.parse(body || '{}') as Record<string, unknown>;
      const refusal = refusedRelation(fake, fields);
      if (refusal) return send(response, 400, [refusal]);
      const record: SfRecord = { ...fields, IsWhat: false, Id: newId('0RT') };
      fake.taskRelations.push(record);
      return send(response, 201, { id: record.Id, success: true, errors: [] });
    }
    const sobject = /^\/services\/data\/v\d+\.\d\/sobjects\/(Task|Lead)(?:\/(\w+))?$/.exec(path);
    if (sobject) {
      const table = sobject[1] === 'Task' ? fake.tasks : fake.leads;
      const fields = JSON.parse(body || '{}') as Record<string, unknown>;
      if (request.method === 'POST' && !sobject[2]) {
        const refusal = sobject[1] === 'Task' ? refusedWho(fake, fields.WhoId) : null;
        if (refusal) return send(response, 400, [refusal]);
        const record: SfRecord = { ...fields, Id: newId(sobject[1] === 'Task' ? '00T' : '00Q'), IsConverted: false };
        table.push(record);
        if (sobject[1] === 'Task' && expireAfterTask) {
          expireAfterTask = false;
          accessTokens.clear();
        }
        if (sobject[1] === 'Task' && hold) {
          const held = hold;
          hold = null;
          held(record);
          for (const wake of [...waiters]) wake();
          return; // stored, never answered
        }
        return send(response, 201, { id: record.Id, success: true, errors: [] });
      }
      const existing = table.find((record) => record.Id === sobject[2]);
      if (request.method === 'PATCH' && existing) {
        Object.assign(existing, fields);
        return send(response, 204);
      }
      return send(response, 404, sfError('NOT_FOUND', 'The requested resource does not exist'));
    }
    send(response, 404, sfError('NOT_FOUND', 'The requested resource does not exist'));
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const address = new URL(request.url ?? '/', url);
      if (address.pathname === '/services/oauth2/authorize') {
        // The administrator signs in and allows the app: straight back with a code.
        const code = newId('aPr');
        const redirectUri = address.searchParams.get('redirect_uri') ?? '';
        codes.set(code, { challenge: address.searchParams.get('code_challenge') ?? '', redirectUri });
        const back = new URL(redirectUri);
        back.searchParams.set('code', code);
        back.searchParams.set('state', address.searchParams.get('state') ?? '');
        response.writeHead(302, { location: back.toString() }).end();
        return;
      }
      if (address.pathname === '/services/oauth2/token' && request.method === 'POST') return token(new URLSearchParams(body), response);
      data(request, address.pathname, body, response);
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.url = url;
  return fake;
}

function matchesField(record: SfRecord, field: string, value: string | boolean): boolean {
  const actual = record[field];
  // Salesforce compares email addresses without regard to case.
  if (field === 'Email' && typeof actual === 'string' && typeof value === 'string') return actual.toLowerCase() === value.toLowerCase();
  return actual === value;
}
