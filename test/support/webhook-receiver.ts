// A real HTTP receiver for webhook tests on 127.0.0.1: it records every request (headers and raw
// body) and answers as the test scripts it (a status, or `hang` to never answer). Tests await
// the requests they expect (`until`), never a fixed sleep. Signatures are checked by
// verifySignature below, written with node:crypto alone, apart from the product's code.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: string;
  /** The parsed body. */
  json: { id: string; type: string; data: { event: { id: string; kind: string; label: string } } & Record<string, unknown> };
  /** What the receiver answered: a status, or `hang`. */
  answer: number | 'hang';
}

export type Answer = (request: Omit<ReceivedRequest, 'answer'>, index: number) => number | 'hang';

export interface WebhookReceiver {
  url: string;
  requests: ReceivedRequest[];
  /** Changes how the next requests are answered (200 by default). */
  answerWith(answer: Answer): void;
  /** Resolves once `accept` holds for the requests so far; fails after `timeoutMs`. */
  until(accept: (requests: readonly ReceivedRequest[]) => boolean, timeoutMs?: number): Promise<ReceivedRequest[]>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(path = '/hooks/glint'): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = [];
  const waiters = new Set<() => void>();
  let answer: Answer = () => 200;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const received = { headers: request.headers, body, json: JSON.parse(body) as ReceivedRequest['json'] };
      const status = answer(received, requests.length);
      requests.push({ ...received, answer: status });
      for (const wake of [...waiters]) wake();
      if (status === 'hang') return;
      response.writeHead(status, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    requests,
    answerWith(next) {
      answer = next;
    },
    until(accept, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (!accept(requests)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve([...requests]);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `the receiver did not get what the test waited for; it got ${requests.length}: ${requests.map((r) => r.body).join('\n')}`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((closed) => server.close(() => closed()));
    },
  };
}

/**
 * Independent check of `Glint-Signature: t=<seconds>,v1=<hex>[,v1=<hex>]`: true when one v1 is the
 * HMAC-SHA256 of `${t}.${body}` under `secret` and t is within `toleranceS` of now.
 */
export function verifySignature(header: string | string[] | undefined, body: string, secret: string, toleranceS = 300): boolean {
  if (typeof header !== 'string') return false;
  const parts = header.split(',').map((part) => part.split('='));
  const t = parts.find(([key]) => key === 't')?.[1];
  if (!t || Math.abs(Date.now() / 1000 - Number(t)) > toleranceS) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  return parts
    .filter(([key]) => key === 'v1')
    .some(([, value]) => {
      const given = Buffer.from(value ?? '', 'hex');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
}
