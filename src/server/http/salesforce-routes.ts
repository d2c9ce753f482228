// A team's Salesforce connection: its status, the start of a connection (the URL to open in a
// browser), the settings (engagement kinds, Lead creation), the addresses skipped, the delivery
// log, and disconnecting. Any member of the team manages it, as with webhooks; the refresh token
// is never returned. The browser's return from Salesforce is salesforce-callback-route.ts.
import { z } from 'zod';
import { errorResponseSchema } from '../../shared/api-schemas.ts';
import {
  salesforceConnectStartSchema,
  salesforceSettingsSchema,
  salesforceSkipListSchema,
  salesforceStatusSchema,
} from '../../shared/salesforce-api.ts';
import { deliveryListSchema } from '../../shared/webhook-api.ts';
import { startSalesforceConnect } from '../crm/salesforce-oauth.ts';
import { presentSalesforceConnection, presentSalesforceSkip } from '../crm/salesforce-views.ts';
import { presentDelivery } from '../crm/webhook-views.ts';
import type { ServerContext } from '../context.ts';
import type { SalesforceConnectionRecord } from '../store/store.ts';
import type { RouteModule } from './app-types.ts';
import { currentUser } from './auth.ts';
import { HttpError } from './errors.ts';
import { okSchema } from './schemas.ts';

const listQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });
const errors = { 400: errorResponseSchema, 404: errorResponseSchema };
const NOT_CONNECTED =
  'Your team has not connected Salesforce (connect it with POST /api/v1/salesforce/connect or `glint salesforce connect`).';

/** Where Salesforce sends the browser back: SALESFORCE_REDIRECT_URL, else this server's callback. */
export const salesforceRedirectUri = (context: ServerContext): string =>
  context.config.salesforce.redirectUrl ?? `${context.publicUrl()}/salesforce/callback`;

export const registerSalesforceRoutes: RouteModule = (app, context) => {
  const { store, box, config } = context;
  const connected = (connection: SalesforceConnectionRecord | null): SalesforceConnectionRecord => {
    if (!connection) throw new HttpError(404, 'salesforce_not_connected', NOT_CONNECTED);
    return connection;
  };
  const status = (connection: SalesforceConnectionRecord | null) => ({
    configured: config.salesforce.app !== undefined,
    connection: connection ? presentSalesforceConnection(connection) : null,
  });

  app.get('/api/v1/salesforce', { schema: { tags: ['salesforce'], response: { 200: salesforceStatusSchema } } }, async (request) =>
    status(await store.getSalesforceConnection(currentUser(request).teamId)),
  );

  app.post(
    '/api/v1/salesforce/connect',
    { schema: { tags: ['salesforce'], response: { 200: salesforceConnectStartSchema, ...errors } } },
    async (request) => {
      const user = currentUser(request);
      const sfApp = config.salesforce.app;
      if (!sfApp) {
        throw new HttpError(
          400,
          'salesforce_not_configured',
          'Salesforce is not set up on this server: its administrator sets SALESFORCE_CLIENT_ID and SALESFORCE_CLIENT_SECRET.',
        );
      }
      const started = await startSalesforceConnect(
        { store, box, app: sfApp, redirectUri: salesforceRedirectUri(context) },
        { teamId: user.teamId, userId: user.id },
        new Date(),
      );
      return { authorizeUrl: started.authorizeUrl, expiresAt: started.expiresAt.toISOString() };
    },
  );

  app.put(
    '/api/v1/salesforce/settings',
    { schema: { tags: ['salesforce'], body: salesforceSettingsSchema, response: { 200: salesforceStatusSchema, ...errors } } },
    async (request) => {
      const kinds = ['reply' as const, ...request.body.engagement];
      const updated = await store.updateSalesforceSettings(
        currentUser(request).teamId,
        { kinds, createLeads: request.body.createLeads },
        new Date(),
      );
      return status(connected(updated));
    },
  );

  app.delete('/api/v1/salesforce', { schema: { tags: ['salesforce'], response: { 200: okSchema, ...errors } } }, async (request) => {
    if (!(await store.disconnectSalesforce(currentUser(request).teamId)))
      throw new HttpError(404, 'salesforce_not_connected', NOT_CONNECTED);
    return { ok: true as const };
  });

  app.get(
    '/api/v1/salesforce/skipped',
    { schema: { tags: ['salesforce'], querystring: listQuery, response: { 200: salesforceSkipListSchema, ...errors } } },
    async (request) => {
      const skipped = await store.listSalesforceSkips(currentUser(request).teamId, request.query.limit);
      return { skipped: skipped.map(presentSalesforceSkip) };
    },
  );

  app.get(
    '/api/v1/salesforce/deliveries',
    { schema: { tags: ['salesforce'], querystring: listQuery, response: { 200: deliveryListSchema, ...errors } } },
    async (request) => {
      const teamId = currentUser(request).teamId;
      const connection = connected(await store.getSalesforceConnection(teamId));
      const deliveries = await store.listDeliveries(teamId, connection.endpointId, Math.min(request.query.limit, 200));
      return { deliveries: deliveries.map(presentDelivery) };
    },
  );
};
