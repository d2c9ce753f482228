// /salesforce/callback: where Salesforce sends the administrator's browser after sign-in. It
// carries no Glint token (a browser navigation), and whoever signs in may not be who started the
// connection (a link can be sent to another team's administrator). So the GET only shows which
// Glint team and user started it, and exchanges nothing; the page's Connect (a same-origin POST
// with the state and code) takes the single-use state and exchanges the code, Cancel discards it.
import { z } from 'zod';
import { finishSalesforceConnect, hashState, SalesforceConnectError } from '../crm/salesforce-oauth.ts';
import type { RouteModule } from './app-types.ts';
import { CALLBACK_PAGE_CSP, salesforceCallbackPage, salesforceConsentPage } from './salesforce-callback-page.ts';
import { isSameOriginForm, parseFormBody } from './same-origin-form.ts';
import { salesforceRedirectUri } from './salesforce-routes.ts';

const query = z.object({
  code: z.string().max(2000).optional(),
  state: z.string().max(200).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(1000).optional(),
});

const decision = z.object({
  state: z.string().min(1).max(200),
  code: z.string().min(1).max(2000),
  decision: z.enum(['connect', 'cancel']),
});

const INCOMPLETE = 'The link is incomplete: start again from Glint.';
const SPENT = 'This connection link has expired or was used already: start again from Glint.';

export const registerSalesforceCallbackRoute: RouteModule = (app, context) => {
  const { store } = context;
  const redirectUri = () => salesforceRedirectUri(context);
  // Own scope: only this route reads form bodies, the API stays JSON.
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 8192 }, parseFormBody);

    scope.get('/salesforce/callback', { schema: { hide: true } }, async (request, reply) => {
      const page = (status: number, html: string, referrer = 'no-referrer') =>
        reply
          .code(status)
          // The consent page's own POST must carry its Origin (no-referrer would make it null).
          .headers({ 'Content-Security-Policy': CALLBACK_PAGE_CSP, 'X-Frame-Options': 'DENY', 'Cache-Control': 'no-store' })
          .header('Referrer-Policy', referrer)
          .type('text/html; charset=utf-8')
          .send(html);
      const language = request.headers['accept-language'];
      const parsed = query.safeParse(request.query);
      if (!context.config.salesforce.app)
        return page(404, salesforceCallbackPage('failed', language, 'Salesforce is not set up on this server.'));
      if (!parsed.success) return page(400, salesforceCallbackPage('failed', language, INCOMPLETE));
      const { code, state, error } = parsed.data;
      if (error !== undefined) {
        // The person declined, or Salesforce refused the request: the state is spent either way.
        if (state) await store.takeSalesforceAuthState(hashState(state), new Date());
        return page(400, salesforceCallbackPage('failed', language, `Salesforce answered: ${error}.`));
      }
      if (!code || !state) return page(400, salesforceCallbackPage('failed', language, INCOMPLETE));
      const pending = await store.peekSalesforceAuthState(hashState(state), new Date());
      const starter = pending ? await store.getUser(pending.userId) : null;
      if (!pending || !starter || starter.teamId !== pending.teamId) return page(400, salesforceCallbackPage('failed', language, SPENT));
      const html = salesforceConsentPage(language, { teamName: starter.teamName, userEmail: starter.email }, { state, code });
      return page(200, html, 'same-origin');
    });

    scope.post('/salesforce/callback', { schema: { hide: true } }, async (request, reply) => {
      const page = (status: number, html: string) =>
        reply
          .code(status)
          .headers({ 'Content-Security-Policy': CALLBACK_PAGE_CSP, 'X-Frame-Options': 'DENY', 'Cache-Control': 'no-store' })
          .type('text/html; charset=utf-8')
          .send(html);
      const language = request.headers['accept-language'];
      const sfApp = context.config.salesforce.app;
      if (!sfApp) return page(404, salesforceCallbackPage('failed', language, 'Salesforce is not set up on this server.'));
      if (!isSameOriginForm(request.headers, [context.publicUrl(), redirectUri()])) {
        return page(
          403,
          salesforceCallbackPage('failed', language, 'This form can only be sent from its own page: start again from Glint.'),
        );
      }
      const parsed = decision.safeParse(request.body);
      if (!parsed.success) return page(400, salesforceCallbackPage('failed', language, INCOMPLETE));
      const { state, code } = parsed.data;
      if (parsed.data.decision === 'cancel') {
        await store.takeSalesforceAuthState(hashState(state), new Date());
        return page(200, salesforceCallbackPage('cancelled', language));
      }
      try {
        await finishSalesforceConnect({ store, box: context.box, app: sfApp, redirectUri: redirectUri() }, { code, state }, new Date());
        return page(200, salesforceCallbackPage('connected', language));
      } catch (failure) {
        if (failure instanceof SalesforceConnectError) return page(400, salesforceCallbackPage('failed', language, failure.message));
        request.log.error({ err: failure }, 'finishing a Salesforce connection failed');
        return page(502, salesforceCallbackPage('failed', language, 'Salesforce could not be reached: start again from Glint.'));
      }
    });
  });
};
