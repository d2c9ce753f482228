// /api/v1/campaigns: create and list campaigns (own and the team's), see one with the rep's
// enrolments, enrol a tracked email's recipients, and pause, resume or stop an enrolment. Every
// read checks the campaign is the user's or their team's, and the enrolment the user's.
import { z } from 'zod';
import { errorResponseSchema } from '../../shared/api-schemas.ts';
import { mintId } from '../../shared/ids.ts';
import { campaignOf, enrolmentOf } from '../campaigns/campaign-access.ts';
import {
  campaignDetailSchema,
  campaignIdSchema,
  campaignInputSchema,
  campaignListSchema,
  campaignSchema,
  enrolmentIdSchema,
  enrolmentListSchema,
  enrolmentSchema,
  enrolRequestSchema,
} from '../campaigns/campaign-schemas.ts';
import { applyRepAction, enrolRecipients, presentEnrolment } from '../campaigns/enrolments.ts';
import type { CampaignRecord } from '../store/store.ts';
import type { RouteModule } from './app-types.ts';
import { currentUser } from './auth.ts';

export const presentCampaign = (campaign: CampaignRecord): z.infer<typeof campaignSchema> => ({
  id: campaign.id,
  ownerUserId: campaign.ownerUserId,
  name: campaign.name,
  team: campaign.teamId !== null,
  steps: campaign.steps,
  window: campaign.window,
  stopSameCompany: campaign.stopSameCompany,
  sender: campaign.sender,
  createdAt: campaign.createdAt.toISOString(),
});

const errors = { 400: errorResponseSchema, 404: errorResponseSchema, 409: errorResponseSchema };

export const registerCampaignRoutes: RouteModule = (app, { store, hub }) => {
  app.post(
    '/api/v1/campaigns',
    { schema: { tags: ['campaigns'], body: campaignInputSchema, response: { 201: campaignSchema, 400: errorResponseSchema } } },
    async (request, reply) => {
      const user = currentUser(request);
      const input = request.body;
      const campaign: CampaignRecord = {
        id: mintId('campaign'),
        ownerUserId: user.id,
        teamId: input.team ? user.teamId : null,
        name: input.name,
        steps: input.steps,
        window: input.window,
        stopSameCompany: input.stopSameCompany,
        sender: input.sender,
        createdAt: new Date(),
      };
      await store.createCampaign(campaign);
      return reply.code(201).send(presentCampaign(campaign));
    },
  );

  app.get('/api/v1/campaigns', { schema: { tags: ['campaigns'], response: { 200: campaignListSchema } } }, async (request) => {
    const user = currentUser(request);
    return { campaigns: (await store.listCampaigns(user.id, user.teamId)).map(presentCampaign) };
  });

  app.get(
    '/api/v1/campaigns/:campaignId',
    {
      schema: {
        tags: ['campaigns'],
        params: z.object({ campaignId: campaignIdSchema }),
        response: { 200: campaignDetailSchema, ...errors },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const campaign = await campaignOf(store, user, request.params.campaignId);
      const enrolments = await store.listEnrolments(campaign.id, user.id);
      return { campaign: presentCampaign(campaign), enrolments: enrolments.map((enrolment) => presentEnrolment(enrolment, campaign)) };
    },
  );

  app.post(
    '/api/v1/campaigns/:campaignId/enrolments',
    {
      schema: {
        tags: ['campaigns'],
        params: z.object({ campaignId: campaignIdSchema }),
        body: enrolRequestSchema,
        response: { 200: enrolmentListSchema, ...errors },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const campaign = await campaignOf(store, user, request.params.campaignId);
      const enrolled = await enrolRecipients(store, user, campaign, request.body, new Date());
      return { enrolments: enrolled.map((enrolment) => presentEnrolment(enrolment, campaign)) };
    },
  );

  app.post(
    '/api/v1/campaigns/enrolments/:enrolmentId/:action',
    {
      schema: {
        tags: ['campaigns'],
        params: z.object({
          enrolmentId: enrolmentIdSchema,
          action: z.enum(['pause', 'resume', 'stop'], { message: 'the action must be pause, resume or stop' }),
        }),
        response: { 200: enrolmentSchema, ...errors },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const { enrolment, campaign } = await enrolmentOf(store, user, request.params.enrolmentId);
      const moved = await applyRepAction(store, enrolment, campaign, request.params.action, new Date());
      if (request.params.action !== 'resume') hub.notify(moved.userId);
      return presentEnrolment(moved, campaign);
    },
  );
};
