// GET /t/c/:token/:linkIndex?k&d&s — a tracked link. The destination travels signed inside the
// URL: a valid signature redirects (even for an unregistered email) after recording the click;
// anything else gets a small "broken link" page, no redirect and no event (no open redirect).
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { verifyLinkSignature } from '../../shared/link-signing.ts';
import { CLICK_PATH_PREFIX, parseClickParts } from '../../shared/tracking-urls.ts';
import type { RouteModule } from './app-types.ts';
import { brokenLink } from './tracking-responses.ts';
import { deviceIdOf, userAgentOf } from './request-facts.ts';

const queryValue = z.union([z.string(), z.array(z.string())]).optional();

export const registerClickRoutes: RouteModule = (app, context) => {
  app.get(
    `${CLICK_PATH_PREFIX}:token/:linkIndex`,
    {
      schema: {
        tags: ['tracking'],
        summary: 'Tracked link: 302 to the signed destination, or 400 when the signature is wrong',
        params: z.object({ token: z.string(), linkIndex: z.string() }),
        // Loose on purpose: a mangled query gets the broken-link page below, not a JSON error.
        querystring: z.object({
          k: queryValue.describe('Signing key id (sk_...)'),
          d: queryValue.describe('Destination, base64url'),
          s: queryValue.describe('HMAC-SHA256 signature, base64url'),
        }),
      },
    },
    async (request, reply) => {
      const click = parseClickParts(request.params.token, request.params.linkIndex, request.query);
      if (!click) return brokenLink(reply, request.headers['accept-language']);
      const key = await context.keys.byKid(click.kid);
      const valid = key !== null && verifyLinkSignature(key.secret, click.emailToken, click.linkIndex, click.destination, click.signature);
      if (!key || !valid) return brokenLink(reply, request.headers['accept-language']);
      // URL.href is ASCII (non-ASCII percent-encoded) and free of CR/LF, so it is a safe header.
      const redirect = (): FastifyReply => reply.header('Cache-Control', 'no-store').redirect(new URL(click.destination).href, 302);
      // Fastify answers HEAD with this handler too. Readers follow links with GET; a HEAD is a
      // link checker or a scanner probing the URL, so it gets the redirect but records nothing.
      if (request.method === 'HEAD') return redirect();
      // The reader reaches the destination whatever the store does: while it cannot write, the
      // click is held in memory (ingest/held/held-hits.ts).
      await context.heldHits.record({
        kind: 'click',
        token: click.emailToken,
        ip: request.ip,
        userAgent: userAgentOf(request),
        deviceId: deviceIdOf(request),
        linkIndex: click.linkIndex,
        url: click.destination,
        signerUserId: key.userId,
      });
      return redirect();
    },
  );

  // Any other shape under /t/c/ is a mangled tracked link: the same page, never a JSON error.
  app.get(`${CLICK_PATH_PREFIX}*`, { schema: { hide: true } }, async (request, reply) =>
    brokenLink(reply, request.headers['accept-language']),
  );
};
