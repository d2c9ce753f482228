// The built viewer's static files (dist/viewer, see vite.viewer.config.ts) under /viewer/. Hashed
// bundles are cached for good; pdf.js data files for a day. Paths are resolved inside the viewer
// directory only.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { z } from 'zod';
import { VIEWER_ASSET_PREFIX } from '../../docs/viewer-page.ts';
import type { RouteModule } from '../app-types.ts';
import { sendError } from '../errors.ts';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.ttf': 'font/ttf',
  '.pfb': 'application/octet-stream',
  '.bcmap': 'application/octet-stream',
  '.icc': 'application/vnd.iccprofile',
};

export const registerViewerAssetRoutes: RouteModule = (app, context) => {
  const root = normalize(context.docs.viewerDir + sep);
  app.get(`${VIEWER_ASSET_PREFIX}*`, { schema: { hide: true, params: z.object({ '*': z.string().max(300) }) } }, async (request, reply) => {
    const relative = request.params['*'];
    const path = normalize(join(root, relative));
    const type = TYPES[extname(path)];
    const info = path.startsWith(root) && type && relative !== 'index.html' ? await stat(path).catch(() => null) : null;
    if (!info?.isFile() || !type) return sendError(reply, 404, 'not_found', 'No such viewer file');
    const immutable = relative.startsWith('assets/');
    return reply
      .headers({
        'Content-Type': type,
        'Content-Length': String(info.size),
        'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=86400',
        'Cross-Origin-Resource-Policy': 'same-origin',
      })
      .send(createReadStream(path));
  });
};
