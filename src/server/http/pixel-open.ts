// What the open pixel does, whichever way the request came in (pixel-fast-path.ts for plain image
// loads, the Fastify route in pixel-routes.ts for the rest): which token a pixel path names, and
// recording the open before the image is answered, so the answer means "durable".
import type { IncomingHttpHeaders } from 'node:http';
import { isId } from '../../shared/ids.ts';
import type { ServerContext } from '../context.ts';
import { deviceIdOf, userAgentOf } from './request-facts.ts';

/** The email token a pixel name (`em_....gif`) carries when it is a well-formed one, else null. */
export function tokenOfPixelName(pixelName: string): string | null {
  const token = pixelName.endsWith('.gif') ? pixelName.slice(0, -4) : pixelName;
  return isId('emailToken', token) ? token : null;
}

/** Records the open of a GET; never throws (the recipient gets the image whatever happens here). */
export async function recordOpen(
  context: ServerContext,
  request: { pixelName: string; ip: string; headers: IncomingHttpHeaders },
): Promise<void> {
  const token = tokenOfPixelName(request.pixelName);
  if (token === null) return;
  // While the store cannot write the open is held in memory (ingest/held/held-hits.ts).
  await context.heldHits.record({
    kind: 'open',
    token,
    ip: request.ip,
    userAgent: userAgentOf(request),
    deviceId: deviceIdOf(request),
  });
}
