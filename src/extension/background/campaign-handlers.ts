// What the service worker does for the campaigns page and the compose's Follow up control: the
// server's /api/v1/campaigns through the stored sign-in. The page validates a campaign in the rep's
// language first; what the server still refuses comes back as MessageError('invalid-request',
// its sentence).
import { campaignDetailSchema, campaignListSchema, campaignSchema, enrolmentSchema } from '../../shared/campaign-api.ts';
import type { MessageHandlers } from './router.ts';
import type { GlintHttp } from './signed-in-http.ts';

export type CampaignMessageName =
  'campaigns.list' | 'campaigns.get' | 'campaigns.create' | 'campaigns.update' | 'campaigns.enrolmentAction';

const PATH = '/api/v1/campaigns';
const one = (id: string): string => `${PATH}/${encodeURIComponent(id)}`;

export function createCampaignHandlers(http: GlintHttp): Pick<MessageHandlers, CampaignMessageName> {
  return {
    'campaigns.list': () => http.request({ path: PATH, schema: campaignListSchema }),
    'campaigns.get': ({ campaignId }) => http.request({ path: one(campaignId), schema: campaignDetailSchema }),
    'campaigns.create': ({ campaign }) => http.request({ method: 'POST', path: PATH, body: campaign, schema: campaignSchema }),
    'campaigns.update': ({ campaignId, campaign }) =>
      http.request({ method: 'PUT', path: one(campaignId), body: campaign, schema: campaignSchema }),
    'campaigns.enrolmentAction': ({ enrolmentId, action }) =>
      http.request({
        method: 'POST',
        path: `${PATH}/enrolments/${encodeURIComponent(enrolmentId)}/${action}`,
        schema: enrolmentSchema,
      }),
  };
}
