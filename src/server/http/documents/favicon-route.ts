// GET /favicon.ico: every browser asks for it when a recipient opens a viewer page, and a 404
// there is an error in the recipient's console. The icon is the extension's own 32-pixel PNG
// wrapped in an ICO header (ICO files may hold a PNG), built once at start and cached for a week.
import { readFileSync } from 'node:fs';
import type { RouteModule } from '../app-types.ts';

const ICON_PNG = new URL('../../../../public/icons/icon-32.png', import.meta.url);
const ICON_SIZE = 32;
const ICO_HEADER_BYTES = 6;
const ICO_ENTRY_BYTES = 16;
const CACHE_CONTROL = 'public, max-age=604800';

/** An ICO file with one image, the given PNG. */
export function icoFromPng(png: Uint8Array, size: number): Buffer {
  const head = Buffer.alloc(ICO_HEADER_BYTES + ICO_ENTRY_BYTES);
  head.writeUInt16LE(1, 2); // type: icon
  head.writeUInt16LE(1, 4); // one image
  head.writeUInt8(size % 256, 6); // width and height (0 means 256)
  head.writeUInt8(size % 256, 7);
  head.writeUInt16LE(1, 10); // colour planes
  head.writeUInt16LE(32, 12); // bits per pixel
  head.writeUInt32LE(png.length, 14);
  head.writeUInt32LE(head.length, 18);
  return Buffer.concat([head, png]);
}

export const registerFaviconRoute: RouteModule = (app) => {
  const icon = icoFromPng(readFileSync(ICON_PNG), ICON_SIZE);
  app.route({
    method: ['GET', 'HEAD'],
    url: '/favicon.ico',
    schema: { hide: true },
    handler: (_request, reply) => reply.header('content-type', 'image/x-icon').header('cache-control', CACHE_CONTROL).send(icon),
  });
};
