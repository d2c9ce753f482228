// The ONE error shape of the API ({error: {code, message, details?}}) for every failure: handler
// errors, validation, malformed or oversized bodies, unknown routes. A stranger's input never
// produces a 5xx; only our own bugs do, and those are logged.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorResponse } from '../../shared/api-schemas.ts';
import { CLICK_PATH_PREFIX, PIXEL_PATH_PREFIX } from '../../shared/tracking-urls.ts';
import { brokenLink, linkNotAvailable, sendPixel } from './tracking-responses.ts';

export class HttpError extends Error {
  readonly statusCode: number;
  readonly code: string;
  readonly details?: unknown;

  constructor(statusCode: number, code: string, message: string, details?: unknown) {
    super(message);
    this.statusCode = statusCode;
    this.code = code;
    this.details = details;
  }
}

export function errorBody(code: string, message: string, details?: unknown): ErrorResponse {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

export function sendError(reply: FastifyReply, status: number, code: string, message: string, details?: unknown): FastifyReply {
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send(errorBody(code, message, details));
}

const FASTIFY_CODES: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'invalid_json', message: 'The request body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'invalid_json', message: 'The request body is empty; JSON expected' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'body_too_large', message: 'The request body is too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'unsupported_media_type',
    message: 'Unsupported Content-Type; send application/json',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'bad_request', message: 'Content-Length does not match the body' },
};

/** Errors Fastify raises before routing (bad URL encoding ...), same shape as the rest. */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (request.url.startsWith(PIXEL_PATH_PREFIX)) return void sendPixel(reply);
  if (request.url.startsWith(CLICK_PATH_PREFIX)) return void brokenLink(reply, request.headers['accept-language']);
  if (request.method === 'GET' && /^\/d\/[^/]*$/.test(request.url)) return void linkNotAvailable(reply, request.headers['accept-language']);
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  void sendError(reply, status, 'bad_request', error.message);
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'request';
      if (where === 'body' && (request.body === null || request.body === undefined)) {
        return sendError(reply, 400, 'validation_failed', 'body: missing; send a JSON object');
      }
      const issues = error.validation.map((issue) => ({
        field: `${where}${issue.instancePath.replace(/\//g, '.').replace(/\.$/, '')}`,
        message: issue.message,
      }));
      const first = issues[0];
      const message = first ? `${first.field}: ${first.message}` : 'The request is invalid';
      return sendError(reply, 400, 'validation_failed', message, { issues });
    }
    if (error instanceof HttpError) return sendError(reply, error.statusCode, error.code, error.message, error.details);
    const known = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (known) return sendError(reply, known.status, known.code, known.message);
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return sendError(reply, status, 'bad_request', error.message);
    request.log.error({ err: error }, 'request failed');
    return sendError(reply, 500, 'internal_error', 'Something went wrong on the server');
  });

  app.setNotFoundHandler((request, reply) =>
    sendError(reply, 404, 'not_found', `No route ${request.method} ${request.url.split('?')[0] ?? ''}`),
  );
}
