// Builds the Fastify application: zod validation and serialisation, OpenAPI, one error shape,
// CORS and security headers, bearer auth, then every route module.
import swagger from '@fastify/swagger';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ServerContext } from '../context.ts';
import type { GlintApp, RouteModule } from './app-types.ts';
import { installAuth } from './auth.ts';
import { pixelFastPath, serverWithFastPath, type FastPath } from './pixel-fast-path.ts';
import { frameworkErrorHandler, installErrorHandlers } from './errors.ts';
import { ROUTE_MODULES } from './route-modules.ts';
import { installSecurityHeaders } from './security-headers.ts';
import { trustFunction } from './trust-proxy.ts';

/** Large enough for an email with many links; documents have their own upload limits. */
const BODY_LIMIT_BYTES = 2 * 1024 * 1024;

/**
 * Clients send `Content-Type: application/json` on every call, bodiless ones too (sign-out,
 * DELETE); Fastify's parser refuses an empty JSON body. Here it is simply no body: a route that
 * needs one still says which fields are missing. Non-empty bodies keep the default parser and its
 * __proto__ / constructor.prototype refusal.
 */
function acceptEmptyJsonBodies(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body.toString();
    if (text === '') return done(null, undefined);
    parseJson(request, text, done);
  });
}

export async function buildApp(context: ServerContext, extraRoutes: readonly RouteModule[] = []): Promise<GlintApp> {
  let fastPath: FastPath | null = null;
  const app = Fastify({
    serverFactory: serverWithFastPath(() => fastPath, context.config.http),
    logger: { level: context.config.logLevel },
    // Tracking hits are the hot path: no per-request log lines, errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: context.config.trustProxy === false ? false : trustFunction(context.config.trustProxy),
    forceCloseConnections: 'idle',
    frameworkErrors: frameworkErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();
  fastPath = pixelFastPath(context, context.config.trustProxy);
  // A store outage is logged by the hits it holds (one line, not one per hit).
  context.heldHits.log = app.log.child({ component: 'held-hits' });
  acceptEmptyJsonBodies(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandlers(app);
  installSecurityHeaders(app, context.publicUrl);
  installAuth(app, context.store);

  await app.register(swagger, {
    openapi: {
      info: { title: 'Glint tracking server', version: '1' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  for (const register of [...ROUTE_MODULES, ...extraRoutes]) register(app, context);
  // Long-polls must not hold the shutdown: release them before connections are drained. A request
  // still being answered when the close begins (a released long-poll reading the store, a hit
  // awaiting its commit) would then leave a keep-alive connection that holds the close until it
  // times out: from here on, a connection closes once its answer is sent (node waits a second more).
  app.addHook('preClose', async () => {
    context.hub.close();
    app.server.keepAliveTimeout = 1;
  });
  return app;
}
