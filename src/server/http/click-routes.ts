// GET /t/c/:token/:linkIndex?k&d&s — a tracked link. The destination travels signed inside the
// URL: a valid signature redirects (even for an unregistered email) after recording the click;
// anything else gets a small "broken link" page, no redirect and no event (no open redirect).
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { verifyLinkSignature } from '../../shared/link-signing.ts';
import { parseClickParts } from '../../shared/tracking-urls.ts';
import { ingestEvent } from '../ingest/ingest-event.ts';
import type { RouteModule } from './app-types.ts';
import { deviceIdOf, userAgentOf } from './request-facts.ts';

const BROKEN_LINK_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Broken link</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 32rem; margin: 4rem auto; padding: 0 1rem">
<h1>This link is broken</h1>
<p>The link you followed is incomplete or was altered, so it cannot take you anywhere.
Ask the sender for the address directly.</p>
</body></html>
`;

function brokenLink(reply: FastifyReply): FastifyReply {
  return reply
    .code(400)
    .header('Cache-Control', 'no-store')
    .header('Content-Security-Policy', "default-src 'none'")
    .type('text/html; charset=utf-8')
    .send(BROKEN_LINK_PAGE);
}

export const registerClickRoutes: RouteModule = (app, context) => {
  app.get(
    '/t/c/:token/:linkIndex',
    {
      schema: {
        tags: ['tracking'],
        summary: 'Tracked link: 302 to the signed destination, or 400 when the signature is wrong',
        params: z.object({ token: z.string(), linkIndex: z.string() }),
        querystring: z.object({
          k: z.string().optional().describe('Signing key id (sk_...)'),
          d: z.string().optional().describe('Destination, base64url'),
          s: z.string().optional().describe('HMAC-SHA256 signature, base64url'),
        }),
      },
    },
    async (request, reply) => {
      const click = parseClickParts(request.params.token, request.params.linkIndex, request.query);
      if (!click) return brokenLink(reply);
      const key = await context.keys.byKid(click.kid);
      const valid =
        key !== null && verifyLinkSignature(key.secret, click.emailToken, click.linkIndex, click.destination, click.signature);
      if (!key || !valid) return brokenLink(reply);
      try {
        await ingestEvent(context, {
          kind: 'click',
          token: click.emailToken,
          ip: request.ip,
          userAgent: userAgentOf(request),
          deviceId: deviceIdOf(request),
          linkIndex: click.linkIndex,
          url: click.destination,
          signerUserId: key.userId,
        });
      } catch (error) {
        // The reader still reaches the destination; the sender loses one click.
        request.log.error({ err: error }, 'click not recorded');
      }
      // URL.href is ASCII (non-ASCII percent-encoded) and free of CR/LF, so it is a safe header.
      return reply.header('Cache-Control', 'no-store').redirect(new URL(click.destination).href, 302);
    },
  );
};
