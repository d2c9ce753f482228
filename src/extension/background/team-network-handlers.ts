// What the service worker does for the options page's Team networks section: the server's
// /api/v1/team/networks through the stored sign-in. The server normalises and checks each CIDR
// and answers in sentences; a refusal comes back as MessageError('invalid-request', its sentence).
import { z } from 'zod';
import { addTeamNetworkResponseSchema, teamNetworksResponseSchema } from '../../shared/team-networks-api.ts';
import type { MessageHandlers } from './router.ts';
import type { GlintHttp } from './signed-in-http.ts';

export type TeamNetworkMessageName = 'teamNetworks.list' | 'teamNetworks.add' | 'teamNetworks.remove';

const PATH = '/api/v1/team/networks';

export function createTeamNetworkHandlers(http: GlintHttp): Pick<MessageHandlers, TeamNetworkMessageName> {
  return {
    'teamNetworks.list': () => http.request({ path: PATH, schema: teamNetworksResponseSchema }),
    'teamNetworks.add': ({ cidr, label }) =>
      http.request({
        method: 'POST',
        path: PATH,
        body: { cidr, ...(label === undefined || label.trim() === '' ? {} : { label }) },
        schema: addTeamNetworkResponseSchema,
      }),
    'teamNetworks.remove': async ({ cidr }) => {
      await http.request({ method: 'DELETE', path: `${PATH}?cidr=${encodeURIComponent(cidr)}`, schema: z.object({ ok: z.literal(true) }) });
      return { removed: true };
    },
  };
}
