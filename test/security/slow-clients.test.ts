// Slow clients: headers or a body trickling in are cut off after the configured timeouts, a
// connection cap holds, tracking GETs still answer while a slowloris holds many connections, and
// a feed long-poll may wait longer than the idle timeout. Short timeouts here; the bounds the test
// waits for are generous (the point is "closed at all", which it never was before).
import { connect, type Socket } from 'node:net';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintEmailToken } from '../../src/shared/email-tokens.ts';
import { loadConfig } from '../../src/server/config.ts';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';
import { cursorSeq, openPixel, readFeed } from '../integration/server/helpers.ts';

let server: TestServer;
let alice: TestUser;
const opened: Socket[] = [];

beforeAll(async () => {
  server = await startServer({
    env: {
      HTTP_HEADERS_TIMEOUT_S: '1',
      HTTP_REQUEST_TIMEOUT_S: '2',
      HTTP_IDLE_TIMEOUT_S: '1',
      HTTP_MAX_CONNECTIONS: '400',
      MAILBOX_TEST_TIMEOUT_S: '0.5',
    },
  });
  alice = await server.addUser();
});
afterAll(async () => {
  opened.forEach((socket) => socket.destroy());
  await server.close();
});

async function openSocket(): Promise<Socket> {
  const { port } = new URL(server.baseUrl);
  const socket = connect(Number(port), '127.0.0.1');
  socket.on('error', () => undefined);
  opened.push(socket);
  await once(socket, 'connect');
  return socket;
}

/** Resolves with what the server wrote once it closes the connection, or rejects after `boundMs`. */
function closedWithin(socket: Socket, boundMs: number): Promise<string> {
  let written = '';
  socket.on('data', (chunk: Buffer) => (written += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still open after ${boundMs} ms`)), boundMs);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(written);
    });
  });
}

/** Writes one byte now and then, as a slowloris does, until the socket closes. */
function trickle(socket: Socket, bytes: string, everyMs: number): void {
  let at = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || at >= bytes.length) return clearInterval(timer);
    socket.write(bytes[at++] ?? '');
  }, everyMs);
  socket.once('close', () => clearInterval(timer));
}

describe('the HTTP timeouts', () => {
  it('refuses settings that would cut off requests the server itself keeps waiting', () => {
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT_S: '20', HTTP_REQUEST_TIMEOUT_S: '10' })).toThrow(
      /HTTP_HEADERS_TIMEOUT_S: must not be more/,
    );
    expect(() => loadConfig({ HTTP_IDLE_TIMEOUT_S: '5', MAILBOX_TEST_TIMEOUT_S: '10' })).toThrow(/HTTP_IDLE_TIMEOUT_S: must be more/);
  });
});

describe('slow clients', () => {
  it('closes a connection whose body trickles in, after the request timeout', async () => {
    const socket = await openSocket();
    socket.write('POST /api/v1/emails HTTP/1.1\r\nHost: glint\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n');
    trickle(socket, '{'.padEnd(5000, ' '), 200);
    expect(await closedWithin(socket, 15_000)).toMatch(/^(HTTP\/1\.1 408|)/);
  });

  it('closes a connection whose headers never end, after the headers timeout', async () => {
    const socket = await openSocket();
    socket.write('GET /healthz HTTP/1.1\r\nHost: glint\r\n');
    trickle(socket, 'X-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 200);
    await closedWithin(socket, 15_000);
  });

  it('closes a connection on which nothing moves, after the idle timeout', async () => {
    const socket = await openSocket();
    socket.write('POST /api/v1/emails HTTP/1.1\r\nHost: glint\r\nContent-Length: 10\r\n\r\n{');
    await closedWithin(socket, 15_000);
  });

  it('answers tracking GETs while a slowloris holds many connections', async () => {
    const slow = await Promise.all(Array.from({ length: 200 }, () => openSocket()));
    for (const socket of slow) {
      socket.write('GET /healthz HTTP/1.1\r\nHost: glint\r\n');
      trickle(socket, 'X-Slow: '.padEnd(200, 'a'), 100);
    }
    const response = await openPixel(server, mintEmailToken());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/gif');
  });

  it('refuses connections beyond the cap at once', async () => {
    expect(server.context.config.http.maxConnections).toBe(400);
    const beyond = await Promise.all(Array.from({ length: 420 }, () => openSocket().catch(() => null)));
    const closed = await Promise.all(
      beyond.map((socket) =>
        socket === null
          ? Promise.resolve(true)
          : closedWithin(socket, 500).then(
              () => true,
              () => false,
            ),
      ),
    );
    expect(closed.filter(Boolean).length).toBeGreaterThan(0);
    beyond.forEach((socket) => socket?.destroy());
  });

  it('lets a feed long-poll wait longer than the idle timeout', async () => {
    const { cursor } = await readFeed(server, alice);
    const page = await readFeed(server, alice, `?cursor=${cursor}&wait=2.5`);
    expect(page.events).toEqual([]);
    expect(cursorSeq(server, alice, page.cursor)).toBe(cursorSeq(server, alice, cursor));
  });
});
