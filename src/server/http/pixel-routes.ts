// GET /t/o/:token.gif — the open pixel. Every request gets the GIF (a broken image would show in
// the recipient's mail); well-formed tokens are recorded first, so the answer means "durable".
// Plain image loads never reach this route: pixel-fast-path.ts answers them before Fastify. This
// route serves the rest (an Origin header, an encoded path) and describes the pixel in OpenAPI.
import { z } from 'zod';
import { PIXEL_PATH_PREFIX } from '../../shared/tracking-urls.ts';
import type { RouteModule } from './app-types.ts';
import { recordOpen } from './pixel-open.ts';
import { sendPixel } from './tracking-responses.ts';

export const registerPixelRoutes: RouteModule = (app, context) => {
  app.get(
    // A wildcard, so even a mangled pixel path (extra slashes, no .gif) still gets the image.
    `${PIXEL_PATH_PREFIX}*`,
    {
      schema: {
        tags: ['tracking'],
        summary: 'Open pixel: always a 43-byte transparent GIF',
        params: z.object({ '*': z.string().describe('{emailToken}.gif') }),
      },
      // The token is checked by recordOpen(), a zod run per hit would only repeat it (the schema
      // stays for the OpenAPI description; Fastify always sets the wildcard).
      validatorCompiler: () => (value) => ({ value }),
    },
    async (request, reply) => {
      // Fastify answers HEAD with this handler too: mail clients load images with GET, a HEAD is
      // a checker probing the URL, so it gets the image headers and records nothing.
      if (request.method !== 'HEAD') {
        await recordOpen(context, { pixelName: request.params['*'], ip: request.ip, headers: request.headers });
      }
      return sendPixel(reply);
    },
  );
};
