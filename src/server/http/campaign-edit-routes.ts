// PUT /api/v1/campaigns/:campaignId: the campaigns page's step editor saves a campaign whole (name,
// steps, window, options). Only its author may change it: a team-mate who may use a shared
// campaign is told so; anyone else gets the same 404 as for a campaign that does not exist.
import { z } from 'zod';
import { errorResponseSchema } from '../../shared/api-schemas.ts';
import { campaignOf } from '../campaigns/campaign-access.ts';
import { campaignIdSchema, campaignInputSchema, campaignSchema } from '../campaigns/campaign-schemas.ts';
import type { RouteModule } from './app-types.ts';
import { currentUser } from './auth.ts';
import { presentCampaign } from './campaign-routes.ts';
import { HttpError } from './errors.ts';

const NOT_AUTHOR = 'Only the author of a campaign can change it: ask them, or make a copy of your own.';

export const registerCampaignEditRoutes: RouteModule = (app, { store }) => {
  app.put(
    '/api/v1/campaigns/:campaignId',
    {
      schema: {
        tags: ['campaigns'],
        params: z.object({ campaignId: campaignIdSchema }),
        body: campaignInputSchema,
        response: { 200: campaignSchema, 400: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const campaign = await campaignOf(store, user, request.params.campaignId);
      if (campaign.ownerUserId !== user.id) throw new HttpError(403, 'not_author', NOT_AUTHOR);
      const input = request.body;
      const updated = await store.updateCampaign(
        campaign.id,
        {
          teamId: input.team ? user.teamId : null,
          name: input.name,
          steps: input.steps,
          window: input.window,
          stopSameCompany: input.stopSameCompany,
          sender: input.sender,
        },
        new Date(),
      );
      if (!updated) throw new HttpError(404, 'no_campaign', 'No such campaign.');
      return presentCampaign(updated.campaign);
    },
  );
};
