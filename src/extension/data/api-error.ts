// The Glint server's error answers as MessageErrors a person can act on: shared by the service
// worker's API client and the picker page's own upload request (XHR, for its progress events).
import { errorResponseSchema } from '../../shared/api-schemas.ts';
import { MessageError } from '../../shared/messages.ts';

/** A refusal from the server, with its HTTP status and error code for callers that care. */
export class ApiError extends MessageError {
  readonly status: number;
  readonly serverCode: string | null;
  constructor(code: MessageError['code'], message: string, status: number, serverCode: string | null) {
    super(code, message);
    this.status = status;
    this.serverCode = serverCode;
  }
}

/** A 4xx answer other than 401, 408 and 429: the request itself is wrong, retrying cannot help. */
export function isRefusal(error: unknown): error is ApiError {
  return error instanceof ApiError && (error.code === 'invalid-request' || error.code === 'plan-required');
}

/**
 * An error answer of the Glint server as an ApiError (also for the picker's upload, made with
 * XHR). Timeouts and rate limits count as server trouble (retry later); the plan refusal keeps
 * the server's sentence, written for a person.
 */
export function httpError(status: number, payload: unknown, origin: string): ApiError {
  const error = errorResponseSchema.safeParse(payload).data?.error;
  const serverCode = error?.code ?? null;
  if (status === 401) return new ApiError('signed-out', error?.message ?? 'The server did not accept the credentials', status, serverCode);
  if (status === 429 && serverCode === 'too_many_attempts') {
    return new ApiError('too-many-attempts', error?.message ?? 'Too many failed sign-ins', status, serverCode);
  }
  if (status >= 500 || status === 408 || status === 429) {
    return new ApiError('server-error', `The Glint server at ${origin} failed (HTTP ${status})`, status, serverCode);
  }
  if (!error) return new ApiError('not-a-glint-server', `${origin} did not answer like a Glint server (HTTP ${status})`, status, null);
  if (status === 403 && serverCode === 'plan_required') return new ApiError('plan-required', error.message, status, serverCode);
  return new ApiError('invalid-request', error.message, status, serverCode);
}
