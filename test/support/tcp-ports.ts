// Ports that misbehave on purpose, for the failure cases of a connection test: one nothing listens
// on, and one that accepts TCP but never says a word (a firewall that drops, a hung server).
import { createServer, type Server, type Socket } from 'node:net';

/** A loopback port nothing listens on: it was free a moment ago and is closed again. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await listen(server);
  const port = portOf(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface SilentPort {
  port: number;
  /** Drops every connection it holds and stops listening. */
  close(): Promise<void>;
}

/** A loopback port that accepts connections and never answers. */
export async function startSilentPort(): Promise<SilentPort> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await listen(server);
  return {
    port: portOf(server),
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

async function listen(server: Server): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
}

function portOf(server: Server): number {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the server has no TCP port');
  return address.port;
}
