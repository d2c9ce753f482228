// Wire schemas of /api/v1/team/networks: the networks a team allow-listed as its own (a company
// VPN that exits on a cloud). Read by the server (validation, OpenAPI), the CLI and the options
// page. The server normalises and checks the CIDR itself (its sentences say what is wrong); here
// only the shape is checked.
import { z } from 'zod';

/** At most this many networks per team: a handful of VPN exits and offices, not a cloud. */
export const MAX_TEAM_NETWORKS = 100;
/** Widest prefix accepted: allow-listing a whole cloud would defeat the network rules. */
export const WIDEST_TEAM_PREFIX_IPV4 = 8;
export const WIDEST_TEAM_PREFIX_IPV6 = 32;
export const MAX_TEAM_NETWORK_LABEL = 100;

export const teamNetworkSchema = z.object({
  cidr: z.string().describe('Normalised: the network address and its prefix length, e.g. 203.0.113.0/24 or 2001:db8::/48'),
  label: z.string().nullable().describe('What the network is, for people (e.g. "Paris office VPN")'),
  addedBy: z.string().describe('Who added it: an email address, or "glint CLI (<user>)"'),
  addedAt: z.string(),
});
export type TeamNetworkView = z.infer<typeof teamNetworkSchema>;

export const teamNetworksResponseSchema = z.object({
  networks: z.array(teamNetworkSchema).describe('Oldest first'),
  limit: z.number().int().describe('How many networks a team may allow-list'),
});
export type TeamNetworksResponse = z.infer<typeof teamNetworksResponseSchema>;

/** One line of text (lists print one network a line); empty or absent: no label. */
export const teamNetworkLabelSchema = z
  .string()
  .trim()
  .max(MAX_TEAM_NETWORK_LABEL, `must be at most ${MAX_TEAM_NETWORK_LABEL} characters`)
  .refine((text) => !/\p{Cc}/u.test(text), 'must be one line of text, without tabs or other control characters')
  .optional()
  .transform((text) => (text === undefined || text === '' ? null : text));

export const addTeamNetworkSchema = z.object({
  cidr: z.string().trim().min(1, 'give a network such as 203.0.113.0/24').max(64, 'is too long to be a network'),
  label: teamNetworkLabelSchema,
});
export type AddTeamNetworkRequest = z.input<typeof addTeamNetworkSchema>;

export const addTeamNetworkResponseSchema = z.object({ network: teamNetworkSchema });

export const removeTeamNetworkQuerySchema = z.object({
  cidr: z.string().trim().min(1, 'give the network to remove, e.g. ?cidr=203.0.113.0/24').max(64, 'is too long to be a network'),
});
