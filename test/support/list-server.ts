// A real HTTP server on 127.0.0.1 that serves the provider lists a test writes: each path answers
// with a body (any status) or never answers (to time a download out). Requests are counted per path.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ListAnswer = { status?: number; body: string } | 'hang';

export interface ListServer {
  url(path: string): string;
  serve(path: string, answer: ListAnswer): void;
  requests(path: string): number;
  close(): Promise<void>;
}

export async function startListServer(): Promise<ListServer> {
  const answers = new Map<string, ListAnswer>();
  const counts = new Map<string, number>();
  const server: Server = createServer((request, response) => {
    const path = request.url ?? '/';
    counts.set(path, (counts.get(path) ?? 0) + 1);
    const answer = answers.get(path) ?? { status: 404, body: 'not here' };
    if (answer === 'hang') return;
    response.writeHead(answer.status ?? 200, { 'content-type': 'text/plain; charset=utf-8' });
    response.end(answer.body);
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    serve: (path, answer) => answers.set(path, answer),
    requests: (path) => counts.get(path) ?? 0,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((closed) => server.close(() => closed()));
    },
  };
}
