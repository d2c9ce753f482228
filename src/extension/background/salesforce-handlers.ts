// What the service worker does for the options page's Salesforce section: the server's
// /api/v1/salesforce through the stored sign-in. The tokens stay on the server; a refusal comes
// back as MessageError('invalid-request', the server's sentence).
import { z } from 'zod';
import { salesforceConnectStartSchema, salesforceSkipListSchema, salesforceStatusSchema } from '../../shared/salesforce-api.ts';
import type { MessageHandlers } from './router.ts';
import type { GlintHttp } from './signed-in-http.ts';

export type SalesforceMessageName =
  'salesforce.status' | 'salesforce.connect' | 'salesforce.settings' | 'salesforce.skipped' | 'salesforce.disconnect';

const PATH = '/api/v1/salesforce';

export function createSalesforceHandlers(http: GlintHttp): Pick<MessageHandlers, SalesforceMessageName> {
  return {
    'salesforce.status': async () => http.request({ path: PATH, schema: salesforceStatusSchema }),
    'salesforce.connect': async () => http.request({ method: 'POST', path: `${PATH}/connect`, schema: salesforceConnectStartSchema }),
    'salesforce.settings': async (request) =>
      http.request({ method: 'PUT', path: `${PATH}/settings`, body: request, schema: salesforceStatusSchema }),
    'salesforce.skipped': async () => http.request({ path: `${PATH}/skipped?limit=50`, schema: salesforceSkipListSchema }),
    'salesforce.disconnect': async () => {
      await http.request({ method: 'DELETE', path: PATH, schema: z.object({ ok: z.literal(true) }) });
      return { disconnected: true };
    },
  };
}
