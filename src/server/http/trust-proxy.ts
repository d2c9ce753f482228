// Which reverse proxies may tell the client's address (X-Forwarded-For). The client is the
// right-most address that no trusted proxy added: a client can prepend anything to the header, so
// only what the trusted proxies saw counts. Fastify's request.ip and the pixel's fast path both
// use the same trust function, so every route sees the same client.
import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';

/** false: no proxy (the socket's peer is the client); a number: that many proxy hops; else their addresses. */
export type TrustProxy = false | number | readonly string[];

export type TrustFunction = (address: string, hop: number) => boolean;

export function trustFunction(trust: TrustProxy): TrustFunction {
  if (trust === false) return () => false;
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return proxyAddr.compile([...trust]);
}

/** The first entry that is not an address, a CIDR or a range name (loopback, linklocal, uniquelocal). */
export function invalidProxyEntry(entries: readonly string[]): string | undefined {
  for (const entry of entries) {
    try {
      proxyAddr.compile([entry]);
    } catch {
      return entry;
    }
  }
  return undefined;
}

/** The client's address as the trusted proxies saw it (the socket's peer without a proxy). */
export function clientAddressReader(trust: TrustProxy): (request: IncomingMessage) => string {
  if (trust === false) return (request) => request.socket.remoteAddress ?? '';
  const trusted = trustFunction(trust);
  return (request) => proxyAddr(request, trusted);
}
