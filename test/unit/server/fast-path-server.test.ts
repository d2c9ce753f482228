// The HTTP server in front of Fastify: a fast path that answers, declines or fails.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/server/config.ts';
import { serverWithFastPath, type FastPath } from '../../../src/server/http/pixel-fast-path.ts';

const servers: { close(): void }[] = [];
afterEach(() => servers.splice(0).forEach((server) => server.close()));

async function serve(fastPath: FastPath): Promise<string> {
  const factory = serverWithFastPath(() => fastPath, loadConfig({}).http);
  const server = factory((_request, response) => response.end('from fastify'), {});
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('serverWithFastPath', () => {
  it('lets the fast path answer, or hands the request to Fastify when it declines', async () => {
    const base = await serve((request, response) => {
      if (request.url !== '/fast') return false;
      response.end('from the fast path');
      return true;
    });
    expect(await (await fetch(`${base}/fast`)).text()).toBe('from the fast path');
    expect(await (await fetch(`${base}/other`)).text()).toBe('from fastify');
  });

  it('never crashes on a fast path that throws: the request still gets an answer from Fastify', async () => {
    const base = await serve(() => {
      throw new Error('unexpected input');
    });
    const response = await fetch(`${base}/t/o/anything.gif`);
    expect(await response.text()).toBe('from fastify');
  });
});
