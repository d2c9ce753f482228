// A stand-in for the server's document routes, for viewer tests and the benchmark: builds the
// viewer with its Vite config into a temporary directory, serves it under /viewer/, serves one
// link's page (/d/test, same HTML rendering and headers as the server), its PDF with Range
// support, its original, and collects the beacons it receives.
import { EventEmitter } from 'node:events';
import { createReadStream } from 'node:fs';
import { mkdtemp, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { build } from 'vite';
import { respondWithFile } from '../../src/server/http/file-response.ts';
import { loadViewerTemplate, renderViewerHtml } from '../../src/server/docs/viewer-page.ts';
import { docBeaconSchema, type ParsedDocBeacon } from '../../src/shared/doc-beacons.ts';
import type { ViewerConfig } from '../../src/shared/viewer-config.ts';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.ttf': 'font/ttf',
};

export async function buildViewer(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'glint-viewer-'));
  await build({ configFile: resolve('vite.viewer.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  return outDir;
}

export interface ReceivedBeacon extends ParsedDocBeacon {
  receivedAt: number;
}

export interface ViewerTestServer {
  url: string;
  beacons: ReceivedBeacon[];
  fileStats: FileStats;
  /** The first beacon (from index `from` of `beacons` on) that matches, now or when it arrives. */
  waitForBeacon: (match: (beacon: ReceivedBeacon) => boolean, from?: number, timeoutMs?: number) => Promise<ReceivedBeacon>;
  close: () => Promise<void>;
}

export interface FileStats {
  /** Bytes of the PDF read from disk for clients so far, and the statuses of its responses. */
  bytes: number;
  statuses: number[];
  /** Statuses of the responses for the original (downloads). */
  originals: number[];
}

export interface ViewerServerOptions {
  viewerDir: string;
  pdfPath: string;
  title?: string;
  pageCount: number;
  allowDownload?: boolean;
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  return body;
}

export async function startViewerServer(options: ViewerServerOptions): Promise<ViewerTestServer> {
  const template = await loadViewerTemplate(options.viewerDir);
  const beacons: ReceivedBeacon[] = [];
  const arrivals = new EventEmitter();
  const fileStats: FileStats = { bytes: 0, statuses: [], originals: [] };
  const config: ViewerConfig = {
    title: options.title ?? 'Test document',
    pageCount: options.pageCount,
    fileUrl: '/d/test/file',
    eventsUrl: '/d/test/events',
    downloadUrl: options.allowDownload ? '/d/test/original' : null,
    identifyUrl: null,
    pageImages: [],
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path.startsWith('/viewer/')) {
      const file = normalize(join(options.viewerDir, path.slice('/viewer/'.length)));
      if (!file.startsWith(options.viewerDir) || !(await stat(file).catch(() => null))?.isFile()) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'X-Content-Type-Options': 'nosniff' });
      createReadStream(file).pipe(res);
    } else if (path === '/d/test') {
      res.writeHead(200, template.headers).end(renderViewerHtml(template.html, config));
    } else if (path === '/d/test/file' || path === '/d/test/original') {
      const original = path.endsWith('original');
      const answer = await respondWithFile(
        options.pdfPath,
        { method: req.method ?? 'GET', range: req.headers.range, ifRange: req.headers['if-range'] as string | undefined },
        { contentType: 'application/pdf', fileName: `${config.title}.pdf`, disposition: original ? 'attachment' : 'inline' },
      );
      res.writeHead(answer.status, answer.headers);
      (original ? fileStats.originals : fileStats.statuses).push(answer.status);
      if (answer.kind === 'error' || !answer.body) {
        res.end();
        return;
      }
      if (!original) {
        answer.body.on('data', (chunk: Buffer) => (fileStats.bytes += chunk.length));
      }
      answer.body.pipe(res);
      res.on('close', () => answer.body?.destroy());
    } else if (path === '/d/test/events' && req.method === 'POST') {
      const parsed = docBeaconSchema.safeParse(JSON.parse(await readBody(req)));
      if (!parsed.success) {
        res.writeHead(400).end();
        return;
      }
      const beacon = { ...parsed.data, receivedAt: Date.now() };
      beacons.push(beacon);
      arrivals.emit('beacon', beacon);
      res.writeHead(204).end();
    } else {
      res.writeHead(404).end();
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const waitForBeacon = (match: (beacon: ReceivedBeacon) => boolean, from = 0, timeoutMs = 10_000): Promise<ReceivedBeacon> => {
    const found = beacons.slice(from).find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolveBeacon, reject) => {
      const timer = setTimeout(() => {
        arrivals.off('beacon', listener);
        reject(new Error(`no matching beacon within ${timeoutMs} ms; got ${JSON.stringify(beacons)}`));
      }, timeoutMs);
      const listener = (beacon: ReceivedBeacon): void => {
        if (!match(beacon)) return;
        clearTimeout(timer);
        arrivals.off('beacon', listener);
        resolveBeacon(beacon);
      };
      arrivals.on('beacon', listener);
    });
  };

  return {
    url,
    beacons,
    fileStats,
    waitForBeacon,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
