// GET /salesforce/callback: where Salesforce sends the administrator's browser after sign-in. It
// carries no Glint token (a browser navigation): the single-use state names the team and user
// who started the connection, so a state cannot be replayed, nor finish another team's connection.
import { z } from 'zod';
import { finishSalesforceConnect, hashState, SalesforceConnectError } from '../crm/salesforce-oauth.ts';
import type { RouteModule } from './app-types.ts';
import { CALLBACK_PAGE_CSP, salesforceCallbackPage } from './salesforce-callback-page.ts';
import { salesforceRedirectUri } from './salesforce-routes.ts';

const query = z.object({
  code: z.string().max(2000).optional(),
  state: z.string().max(200).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(1000).optional(),
});

export const registerSalesforceCallbackRoute: RouteModule = (app, context) => {
  app.get('/salesforce/callback', { schema: { hide: true, querystring: query } }, async (request, reply) => {
    const { code, state, error } = request.query;
    const page = (status: number, html: string) =>
      reply
        .code(status)
        .headers({ 'Content-Security-Policy': CALLBACK_PAGE_CSP, 'Cache-Control': 'no-store' })
        .type('text/html; charset=utf-8')
        .send(html);
    const language = request.headers['accept-language'];
    const sfApp = context.config.salesforce.app;
    if (!sfApp) return page(404, salesforceCallbackPage('failed', language, 'Salesforce is not set up on this server.'));
    if (error !== undefined) {
      // The person declined, or Salesforce refused the request: the state is spent either way.
      if (state) await context.store.takeSalesforceAuthState(hashState(state), new Date());
      return page(400, salesforceCallbackPage('failed', language, `Salesforce answered: ${error}.`));
    }
    if (!code || !state) return page(400, salesforceCallbackPage('failed', language, 'The link is incomplete: start again from Glint.'));
    try {
      await finishSalesforceConnect(
        { store: context.store, box: context.box, app: sfApp, redirectUri: salesforceRedirectUri(context) },
        { code, state },
        new Date(),
      );
      return page(200, salesforceCallbackPage('connected', language));
    } catch (failure) {
      if (failure instanceof SalesforceConnectError) return page(400, salesforceCallbackPage('failed', language, failure.message));
      request.log.error({ err: failure }, 'finishing a Salesforce connection failed');
      return page(502, salesforceCallbackPage('failed', language, 'Salesforce could not be reached: start again from Glint.'));
    }
  });
};
