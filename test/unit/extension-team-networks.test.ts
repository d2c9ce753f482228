// The service worker's team network handlers: what they ask the server (the CIDR escaped in the
// query, an empty label left out) and that the server's sentence comes back as the error.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createTeamNetworkHandlers } from '../../src/extension/background/team-network-handlers.ts';
import type { GlintHttp, GlintRequest } from '../../src/extension/background/signed-in-http.ts';
import { MessageError } from '../../src/shared/messages.ts';

function fakeHttp(answer: (request: GlintRequest<z.ZodType>) => unknown) {
  const seen: GlintRequest<z.ZodType>[] = [];
  const http: GlintHttp = {
    async request(request) {
      seen.push(request as GlintRequest<z.ZodType>);
      return request.schema.parse(answer(request as GlintRequest<z.ZodType>));
    },
    async auth() {
      throw new Error('not expected');
    },
  };
  return { http, seen };
}

const NETWORK = { cidr: '2001:db8::/48', label: null, addedBy: 'rep@example.com', addedAt: '2026-12-03T10:00:00.000Z' };

describe('team network handlers', () => {
  it('adds without an empty label and removes with the CIDR escaped', async () => {
    const { http, seen } = fakeHttp((request) => (request.method === 'POST' ? { network: NETWORK } : { ok: true }));
    const handlers = createTeamNetworkHandlers(http);
    expect(await handlers['teamNetworks.add']({ cidr: '2001:db8::1/48', label: '  ' })).toEqual({ network: NETWORK });
    expect(await handlers['teamNetworks.remove']({ cidr: '2001:db8::/48' })).toEqual({ removed: true });
    expect(seen.map(({ method, path, body }) => ({ method, path, body }))).toEqual([
      { method: 'POST', path: '/api/v1/team/networks', body: { cidr: '2001:db8::1/48' } },
      { method: 'DELETE', path: '/api/v1/team/networks?cidr=2001%3Adb8%3A%3A%2F48', body: undefined },
    ]);
  });

  it('lists what the server answers and passes its refusals on', async () => {
    const list = { networks: [NETWORK], limit: 100 };
    expect(await createTeamNetworkHandlers(fakeHttp(() => list).http)['teamNetworks.list']({})).toEqual(list);
    const refusing = fakeHttp(() => {
      throw new MessageError('invalid-request', 'body.cidr: A /4 network is too wide to allow-list');
    });
    await expect(createTeamNetworkHandlers(refusing.http)['teamNetworks.add']({ cidr: '3.0.0.0/4' })).rejects.toThrow('too wide');
  });
});
