// Every route module of the server, in one list: a new area adds one line here.
import type { RouteModule } from './app-types.ts';
import { registerCampaignEditRoutes } from './campaign-edit-routes.ts';
import { registerCampaignRoutes } from './campaign-routes.ts';
import { registerClickRoutes } from './click-routes.ts';
import { registerDeviceRoutes } from './device-routes.ts';
import { DOCUMENT_ROUTE_MODULES } from './documents/index.ts';
import { registerEmailRoutes } from './email-routes.ts';
import { registerFeedRoutes } from './feed-routes.ts';
import { registerHealthRoutes } from './health-routes.ts';
import { registerMailboxRoutes } from './mailbox-routes.ts';
import { registerMeRoutes } from './me-routes.ts';
import { registerPixelRoutes } from './pixel-routes.ts';
import { registerSalesforceCallbackRoute } from './salesforce-callback-route.ts';
import { registerSalesforceRoutes } from './salesforce-routes.ts';
import { registerSelfViewRoutes } from './self-view-routes.ts';
import { registerSignInRoutes } from './sign-in-routes.ts';
import { registerTeamNetworkRoutes } from './team-network-routes.ts';
import { registerWebhookRoutes } from './webhook-routes.ts';

export const ROUTE_MODULES: readonly RouteModule[] = [
  registerHealthRoutes,
  registerSignInRoutes,
  registerMeRoutes,
  registerDeviceRoutes,
  registerEmailRoutes,
  registerSelfViewRoutes,
  registerPixelRoutes,
  registerClickRoutes,
  registerFeedRoutes,
  registerMailboxRoutes,
  registerTeamNetworkRoutes,
  registerWebhookRoutes,
  registerSalesforceRoutes,
  registerSalesforceCallbackRoute,
  registerCampaignRoutes,
  registerCampaignEditRoutes,
  ...DOCUMENT_ROUTE_MODULES,
];
