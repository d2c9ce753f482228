// GET /t/o/:token.gif — the open pixel. Every request gets the GIF (a broken image would show in
// the recipient's mail); well-formed tokens are recorded first, so the answer means "durable".
import { z } from 'zod';
import { isId } from '../../shared/ids.ts';
import { ingestEvent } from '../ingest/ingest-event.ts';
import type { RouteModule } from './app-types.ts';
import { deviceIdOf, userAgentOf } from './request-facts.ts';
import { sendPixel } from './tracking-responses.ts';

export const registerPixelRoutes: RouteModule = (app, context) => {
  app.get(
    // A wildcard, so even a mangled pixel path (extra slashes, no .gif) still gets the image.
    '/t/o/*',
    {
      schema: {
        tags: ['tracking'],
        summary: 'Open pixel: always a 43-byte transparent GIF',
        params: z.object({ '*': z.string().describe('{emailToken}.gif') }),
      },
      // The hot path: the token is checked by isId() below, a zod run per hit would only repeat
      // it (the schema stays for the OpenAPI description; Fastify always sets the wildcard).
      validatorCompiler: () => (value) => ({ value }),
    },
    async (request, reply) => {
      const token = request.params['*'].replace(/\.gif$/, '');
      // Fastify answers HEAD with this handler too: mail clients load images with GET, a HEAD is
      // a checker probing the URL, so it gets the image headers and records nothing.
      if (request.method !== 'HEAD' && isId('emailToken', token)) {
        try {
          await ingestEvent(context, {
            kind: 'open',
            token,
            ip: request.ip,
            userAgent: userAgentOf(request),
            deviceId: deviceIdOf(request),
          });
        } catch (error) {
          // Still answer the image: the recipient must never see a broken one.
          request.log.error({ err: error }, 'open not recorded');
        }
      }
      return sendPixel(reply);
    },
  );
};
