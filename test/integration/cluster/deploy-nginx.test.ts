// docs/deploy.md, run: Debian's nginx with the page's configuration (TLS, X-Forwarded-For,
// long-poll timeouts, upload size) in front of two `glint serve` processes on one throwaway
// PostgreSQL database. The README's flow goes through nginx (user add, email create, open, feed);
// a document link's "still preparing" 503 takes no instance out of nginx's rotation; then opens keep coming while a reader follows the feed by long-poll, one instance is SIGKILLed
// half-way (each of the two in turn), and every answered open is in the feed, which the reader saw
// without a gap.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintEmailToken } from '../../../src/shared/email-tokens.ts';
import { pixelUrl } from '../../../src/shared/tracking-urls.ts';
import { DirectoryFileStore } from '../../../src/server/docs/file-store.ts';
import { openPostgresStore } from '../../../src/server/store/postgres/postgres-store.ts';
import type { DocumentLinkInfo } from '../../../src/shared/document-schemas.ts';
import { UA } from '../../fixtures/hits/real-world.ts';
import { storeConvertingDocument } from '../../support/converting-document.ts';
import { glintCommand } from '../../support/glint-serve.ts';
import { CLUSTER_HEALTH_TOKEN, startGlintCluster, type GlintCluster } from '../../support/glint-cluster.ts';
import { httpsClient, type HttpsFetch } from '../../support/https-client.ts';
import { freeLoopbackPort, startNginx, type RunningNginx } from '../../support/nginx.ts';

interface FeedItem {
  id: string;
  kind: string;
  cursor: string;
  email: { token: string };
}
interface FeedAnswer {
  events: FeedItem[];
  cursor: string;
  hasMore: boolean;
}

let cluster: GlintCluster;
let nginx: RunningNginx;
let https: HttpsFetch & { close(): void };

async function deploy(): Promise<void> {
  const httpsPort = await freeLoopbackPort();
  cluster = await startGlintCluster({
    instances: 2,
    env: { PUBLIC_URL: `https://localhost:${httpsPort}`, TRUST_PROXY: 'loopback' },
  });
  nginx = await startNginx(
    cluster.instances.map((instance) => new URL(instance.url).host),
    { httpsPort },
  );
  https = httpsClient(nginx.certificateFile);
}

async function undeploy(): Promise<void> {
  https?.close();
  await nginx?.stop();
  await cluster?.stop();
}

beforeAll(deploy);
afterAll(undeploy);

const auth = (apiToken: string): Record<string, string> => ({ authorization: `Bearer ${apiToken}`, 'content-type': 'application/json' });

async function feed(apiToken: string, query: string): Promise<FeedAnswer> {
  const answer = await https(`${nginx.httpsUrl}/api/v1/feed${query}`, { headers: auth(apiToken) });
  if (answer.status !== 200) throw new Error(`feed through nginx: ${answer.status} ${answer.text}`);
  return answer.json<FeedAnswer>();
}

async function registerThroughNginx(apiToken: string, subject: string): Promise<string> {
  const me = (await https(`${nginx.httpsUrl}/api/v1/me`, { headers: auth(apiToken) })).json<{
    signingKey: { id: string; secret: string };
  }>();
  const token = mintEmailToken(me.signingKey);
  const answer = await https(`${nginx.httpsUrl}/api/v1/emails`, {
    method: 'POST',
    headers: auth(apiToken),
    body: JSON.stringify({ token, subject, to: ['buyer@example.org'] }),
  });
  expect(answer.status).toBe(201);
  return token;
}

describe('two instances behind nginx, configured by docs/deploy.md', () => {
  it('serves the README flow through nginx over TLS', async () => {
    const apiToken = await cluster.addUser('rep@example.com');
    // The CLI as a person runs it, pointed at nginx (trusting the test's certificate).
    const glint = glintCommand({ ...cluster.sharedEnv, NODE_EXTRA_CA_CERTS: nginx.certificateFile });
    const created = await glint(
      'email',
      'create',
      '--server',
      nginx.httpsUrl,
      '--token',
      apiToken,
      '--subject',
      'The deck',
      '--to',
      'buyer@example.org',
      '--json',
    );
    expect(created.stderr).toBe('');
    const email = JSON.parse(created.stdout) as { token: string; pixelUrl: string };
    expect(email.pixelUrl).toBe(pixelUrl(nginx.httpsUrl, email.token));

    const pixel = await https(email.pixelUrl, { headers: { 'user-agent': UA.chromeWindows } });
    expect(pixel.status).toBe(200);
    expect(pixel.headers['content-type']).toBe('image/gif');

    const listed = await glint('feed', '--server', nginx.httpsUrl, '--token', apiToken, '--json');
    expect(listed.stderr).toBe('');
    const events = (JSON.parse(listed.stdout) as { events: FeedItem[] }).events;
    expect(events.map((event) => [event.kind, event.email.token])).toEqual([['open', email.token]]);

    // Plain HTTP is sent to HTTPS.
    const redirect = await fetch(`${nginx.httpUrl}/healthz`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe(`https://localhost/healthz`);
  });

  it('answers health checks through nginx and keeps the details to the instances', async () => {
    const health = await https(`${nginx.httpsUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(health.json()).toEqual({ ok: true, store: 'ok' });
    // The public address refuses the details even with the operator's token ...
    const refused = await https(`${nginx.httpsUrl}/healthz/details`, { headers: { authorization: `Bearer ${CLUSTER_HEALTH_TOKEN}` } });
    expect(refused.status).toBe(404);
    expect(refused.json()).toEqual({ error: { code: 'not_found', message: 'No route GET /healthz/details' } });
    // ... which the operator reads at an instance on the private network.
    const direct = await fetch(`${cluster.instances[0]?.url ?? ''}/healthz/details`, {
      headers: { authorization: `Bearer ${CLUSTER_HEALTH_TOKEN}` },
    });
    expect(direct.status).toBe(200);
    expect(await direct.json()).toMatchObject({ ok: true, store: 'ok', details: { feedWaiters: expect.any(Number) } });
  });

  it('keeps both instances in rotation while a document link asks its reader to wait', async () => {
    const apiToken = await cluster.addUser('presenter@example.com');
    const { user } = (await https(`${nginx.httpsUrl}/api/v1/me`, { headers: auth(apiToken) })).json<{
      user: { id: string; teamId: string };
    }>();
    // A deck still converting, put in the shared database and documents directory directly so that
    // the test does not race LibreOffice.
    const store = await openPostgresStore(cluster.databaseUrl);
    let documentId: string;
    try {
      await store.setTeamPlan(user.teamId, 'team_starter');
      const files = new DirectoryFileStore(cluster.sharedEnv.DOCS_DIR ?? '');
      documentId = (await storeConvertingDocument({ store, files }, user, { title: 'Still converting', slides: 2 })).id;
    } finally {
      await store.close();
    }
    const created = await https(`${nginx.httpsUrl}/api/v1/documents/${documentId}/links`, {
      method: 'POST',
      headers: auth(apiToken),
      body: JSON.stringify({}),
    });
    expect(created.status).toBe(201);
    const link = created.json<DocumentLinkInfo>();

    // Glint answers 503 with Retry-After on purpose (the page reloads itself): the reader gets it ...
    const page = await https(link.url);
    expect(page.status).toBe(503);
    expect(page.headers['retry-after']).toBe('5');
    expect(page.text).toContain('The document is being prepared');
    // ... and nginx takes neither instance out of its rotation for it (with `http_503` in the
    // page's proxy_next_upstream, it left the first one alone for fail_timeout and logged it).
    expect(nginx.log()).not.toContain('temporarily disabled');
  });
});

// Either one: the first applied the migrations, and either may hold the reader's long-poll. Each on
// a fresh deployment: nginx leaves an instance that failed alone for fail_timeout, so one that just
// came back would not yet be in its rotation.
describe.each([1, 0])('two instances behind nginx, instance %i killed', (victim) => {
  beforeAll(async () => {
    await undeploy();
    await deploy();
  });

  it('loses no open and leaves no feed gap when the instance is killed mid-run', async () => {
    const apiToken = await cluster.addUser(`busy-rep-${victim}@example.com`);
    const tokens: string[] = [];
    for (let index = 0; index < 24; index++) tokens.push(await registerThroughNginx(apiToken, `Proposal ${index}`));

    // A reader follows the feed by long-poll through nginx, as the extension does.
    const seen: FeedItem[] = [];
    let cursor = (await feed(apiToken, '')).cursor;
    let done = false;
    const follower = (async (): Promise<void> => {
      while (!done) {
        const page = await feed(apiToken, `?cursor=${encodeURIComponent(cursor)}&wait=5`);
        seen.push(...page.events);
        cursor = page.cursor;
        if (new Set(seen.map((event) => event.email.token)).size === tokens.length) done = true;
      }
    })();

    const statuses: number[] = [];
    for (const [index, token] of tokens.entries()) {
      if (index === tokens.length / 2) await cluster.instances[victim]?.stop('SIGKILL');
      const answer = await https(pixelUrl(nginx.httpsUrl, token), { headers: { 'user-agent': UA.chromeWindows } });
      statuses.push(answer.status);
    }
    expect(statuses.every((status) => status === 200)).toBe(true);
    await Promise.race([
      follower,
      new Promise((_done, fail) => setTimeout(() => fail(new Error(`the reader saw ${seen.length} of ${tokens.length} opens`)), 30_000)),
    ]);

    // Every answered open is stored once the dust settles, and the reader saw exactly those.
    const history = await feed(apiToken, '?limit=500');
    const stored = history.events.filter((event) => event.kind === 'open');
    expect(new Set(stored.map((event) => event.email.token))).toEqual(new Set(tokens));
    expect(seen.map((event) => event.id).sort()).toEqual(stored.map((event) => event.id).sort());
  });
});
