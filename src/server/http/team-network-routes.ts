// The networks the caller's team allow-listed as its own (a company VPN that exits on a cloud):
// list, add, remove. Only ever the caller's team: the team comes from the API token, never from
// the request. A change drops the team's compiled list, so the next hit is judged with it.
import { errorResponseSchema } from '../../shared/api-schemas.ts';
import {
  addTeamNetworkResponseSchema,
  addTeamNetworkSchema,
  MAX_TEAM_NETWORKS,
  removeTeamNetworkQuerySchema,
  teamNetworksResponseSchema,
  type TeamNetworkView,
} from '../../shared/team-networks-api.ts';
import { allowTeamNetwork, disallowTeamNetwork, TeamNetworkError } from '../accounts/team-networks.ts';
import type { TeamNetworkRecord } from '../store/store.ts';
import type { RouteModule } from './app-types.ts';
import { currentUser } from './auth.ts';
import { HttpError } from './errors.ts';
import { okSchema } from './schemas.ts';

const PATH = '/api/v1/team/networks';
const STATUS = { invalid_network: 400, too_many_networks: 409, network_exists: 409, network_not_listed: 404 } as const;

function present(network: TeamNetworkRecord): TeamNetworkView {
  return { cidr: network.cidr, label: network.label, addedBy: network.addedBy, addedAt: network.addedAt.toISOString() };
}

/** Runs a change; a refusal becomes a 4xx with its sentence (the CIDR's field named when it is the cause). */
async function refusalsAsHttp<T>(work: () => Promise<T>, field: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof TeamNetworkError)) throw error;
    if (error.problem !== 'invalid_network') throw new HttpError(STATUS[error.problem], error.problem, error.message);
    throw new HttpError(400, 'invalid_network', `${field}: ${error.message}`, { issues: [{ field, message: error.message }] });
  }
}

export const registerTeamNetworkRoutes: RouteModule = (app, { store, teamNetworks }) => {
  app.get(PATH, { schema: { tags: ['team'], response: { 200: teamNetworksResponseSchema } } }, async (request) => {
    const networks = await store.listTeamNetworks(currentUser(request).teamId);
    return { networks: networks.map(present), limit: MAX_TEAM_NETWORKS };
  });

  app.post(
    PATH,
    {
      schema: {
        tags: ['team'],
        body: addTeamNetworkSchema,
        response: { 201: addTeamNetworkResponseSchema, 400: errorResponseSchema, 409: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const { cidr, label } = request.body;
      const network = await refusalsAsHttp(
        () => allowTeamNetwork(store, { teamId: user.teamId, cidr, label, addedBy: user.email, at: new Date() }),
        'body.cidr',
      );
      teamNetworks.invalidate(user.teamId);
      return reply.code(201).send({ network: present(network) });
    },
  );

  app.delete(
    PATH,
    {
      schema: {
        tags: ['team'],
        querystring: removeTeamNetworkQuerySchema,
        response: { 200: okSchema, 400: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request) => {
      const user = currentUser(request);
      await refusalsAsHttp(() => disallowTeamNetwork(store, user.teamId, request.query.cidr), 'querystring.cidr');
      teamNetworks.invalidate(user.teamId);
      return { ok: true as const };
    },
  );
};
