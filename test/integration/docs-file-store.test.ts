// The file store behind a real loopback HTTP server: streamed uploads with a size limit and a
// hash, and Range requests answered the way pdf.js and browsers expect.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdtemp, readdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryFileStore, FileTooLargeError } from '../../src/server/docs/file-store.ts';
import { respondWithFile } from '../../src/server/http/file-response.ts';

const LIMIT = 1024 * 1024;
let server: Server;
let base = '';
let store: DirectoryFileStore;

beforeAll(async () => {
  store = new DirectoryFileStore(join(await mkdtemp(join(tmpdir(), 'glint-store-')), 'docs'));
  server = createServer((req, res) => {
    void (async (): Promise<void> => {
      if (req.method === 'POST') {
        try {
          const saved = await store.save(req, { maxBytes: LIMIT });
          res.writeHead(201, { 'Content-Type': 'application/json' }).end(JSON.stringify(saved));
        } catch (error) {
          const status = error instanceof FileTooLargeError ? 413 : 500;
          res.writeHead(status, { Connection: 'close' }).end((error as Error).message);
        }
        return;
      }
      const name = (req.url ?? '').slice(1);
      const answer = await respondWithFile(
        store.pathOf(name),
        {
          method: req.method ?? 'GET',
          range: req.headers.range,
          ifRange: req.headers['if-range'] as string | undefined,
          ifNoneMatch: String(req.headers['if-none-match'] ?? '') || undefined,
        },
        { contentType: 'application/pdf', fileName: 'Café menu.pdf', disposition: 'inline' },
      );
      res.writeHead(answer.status, answer.headers);
      if (answer.kind === 'error') res.end(answer.message);
      else if (answer.body) answer.body.pipe(res);
      else res.end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function upload(bytes: Uint8Array<ArrayBuffer>): Promise<Response> {
  return fetch(`${base}/`, { method: 'POST', body: new Blob([bytes]) });
}

describe('FileStore over HTTP', () => {
  const content = randomBytes(300_000);
  let name = '';

  it('streams an upload to disk under a random name with its size and SHA-256', async () => {
    const response = await upload(content);
    expect(response.status).toBe(201);
    const saved = (await response.json()) as { name: string; size: number; sha256: string };
    expect(saved.size).toBe(content.length);
    expect(saved.sha256).toBe(createHash('sha256').update(content).digest('hex'));
    expect(saved.name).toMatch(/^[A-Za-z0-9_-]{43}$/);
    name = saved.name;
  });

  it('refuses an upload over the limit and leaves nothing behind', async () => {
    const before = await readdir(store.dir);
    const response = await upload(randomBytes(LIMIT + 1)).catch(() => null);
    // Either the 413 arrives or the server closed the connection mid-upload: never a stored file.
    if (response) expect(response.status).toBe(413);
    expect(await readdir(store.dir)).toEqual(before);
    expect(await readdir(join(store.dir, '.incoming'))).toEqual([]);
  });

  it('serves the whole file with the headers a browser needs', async () => {
    const response = await fetch(`${base}/${name}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('content-length')).toBe(String(content.length));
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-disposition')).toBe(`inline; filename="Caf_ menu.pdf"; filename*=UTF-8''Caf%C3%A9%20menu.pdf`);
    expect(Buffer.from(await response.arrayBuffer()).equals(content)).toBe(true);
  });

  it('serves single byte ranges exactly', async () => {
    const head = await fetch(`${base}/${name}`, { headers: { Range: 'bytes=100-199' } });
    expect(head.status).toBe(206);
    expect(head.headers.get('content-range')).toBe(`bytes 100-199/${content.length}`);
    expect(Buffer.from(await head.arrayBuffer()).equals(content.subarray(100, 200))).toBe(true);
    const tail = await fetch(`${base}/${name}`, { headers: { Range: 'bytes=-10' } });
    expect(Buffer.from(await tail.arrayBuffer()).equals(content.subarray(-10))).toBe(true);
  });

  it('answers 416 for a range past the end and 400 for a malformed one', async () => {
    const past = await fetch(`${base}/${name}`, { headers: { Range: 'bytes=999999999-' } });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${content.length}`);
    const bad = await fetch(`${base}/${name}`, { headers: { Range: 'bytes=9-1' } });
    expect(bad.status).toBe(400);
  });

  it('revalidates with the ETag and ignores a range of a changed file (If-Range)', async () => {
    const etag = (await fetch(`${base}/${name}`, { method: 'HEAD' })).headers.get('etag') ?? '';
    expect((await fetch(`${base}/${name}`, { headers: { 'If-None-Match': etag } })).status).toBe(304);
    const stale = await fetch(`${base}/${name}`, { headers: { Range: 'bytes=0-9', 'If-Range': '"old"' } });
    expect(stale.status).toBe(200);
    await stale.arrayBuffer();
  });
});
