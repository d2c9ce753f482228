// The floor under every viewer figure in bench:viewer: what this browser on this machine needs to
// paint anything at all in a new tab of the recipient window (cache off, as for every viewer
// load), for a page of a few bytes served over loopback by a bare Node server. A first visible
// page can come no sooner than this.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext } from 'playwright-core';
import { newPage } from './viewer-timing.ts';

const TINY_PAGE = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>floor</title></head><body><p>Page 1</p></body></html>';

async function startTinyServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    if (request.url !== '/') return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(TINY_PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** First contentful paint (ms since navigation started) of the tiny page, once per new tab. */
export async function blankPageFloorMs(recipientWindow: BrowserContext, runs: number): Promise<number[]> {
  const tiny = await startTinyServer();
  const times: number[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const page = await newPage(recipientWindow, null);
      try {
        await page.goto(tiny.url);
        times.push(
          await page.evaluate(
            () =>
              new Promise<number>((resolve) => {
                new PerformanceObserver((list) => {
                  const paint = list.getEntriesByName('first-contentful-paint')[0];
                  if (paint) resolve(paint.startTime);
                }).observe({ type: 'paint', buffered: true });
              }),
          ),
        );
      } finally {
        await page.close();
      }
    }
  } finally {
    await tiny.close();
  }
  return times;
}
