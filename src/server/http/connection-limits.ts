// How long the server waits for slow clients, and how many connections it keeps. A stranger who
// opens connections and trickles headers or a body in (slowloris) is cut off after these, so the
// sockets it holds do not pile up; node's timeout checks run every second so the bounds hold
// closely. The values come from the configuration table (HTTP_* in config.ts).
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export interface HttpLimits {
  /** Until the request's headers are complete. */
  headersTimeoutMs: number;
  /** Until the whole request, body included, is received (uploads must fit in it). */
  requestTimeoutMs: number;
  /** A connection on which nothing moves either way for this long is closed (a body trickling in). */
  idleTimeoutMs: number;
  /** An idle keep-alive connection between two requests. */
  keepAliveTimeoutMs: number;
  /** Connections beyond this are refused at once. */
  maxConnections: number;
}

/** How often node checks the headers and request timeouts of open connections. */
export const TIMEOUT_CHECK_INTERVAL_MS = 1_000;

export function applyHttpLimits(server: Server, limits: HttpLimits): void {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
  server.setTimeout(limits.idleTimeoutMs);
}

/**
 * A long-poll is idle on purpose while it waits: its connection may stay quiet for the wait plus
 * the usual idle timeout. Returns what puts the usual timeout back once the answer is on its way.
 */
export function holdOpenWhileWaiting(socket: Socket, waitMs: number, limits: HttpLimits): () => void {
  socket.setTimeout(waitMs + limits.idleTimeoutMs);
  return () => socket.setTimeout(limits.idleTimeoutMs);
}
