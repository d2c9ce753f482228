// Builds the Fastify application: zod validation and serialisation, OpenAPI, one error shape,
// CORS and security headers, bearer auth, then every route module.
import swagger from '@fastify/swagger';
import Fastify, { LogController } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ServerContext } from '../context.ts';
import type { GlintApp, RouteModule } from './app-types.ts';
import { installAuth } from './auth.ts';
import { frameworkErrorHandler, installErrorHandlers } from './errors.ts';
import { ROUTE_MODULES } from './route-modules.ts';
import { installSecurityHeaders } from './security-headers.ts';

/** Large enough for an email with many links; documents have their own upload limits. */
const BODY_LIMIT_BYTES = 2 * 1024 * 1024;

export async function buildApp(context: ServerContext, extraRoutes: readonly RouteModule[] = []): Promise<GlintApp> {
  const app = Fastify({
    logger: { level: context.config.logLevel },
    // Tracking hits are the hot path: no per-request log lines, errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: context.config.trustProxy,
    forceCloseConnections: 'idle',
    frameworkErrors: frameworkErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();
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
  // Long-polls must not hold the shutdown: release them before connections are drained.
  app.addHook('preClose', async () => context.hub.close());
  return app;
}
