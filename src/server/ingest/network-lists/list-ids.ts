// The provider lists the server downloads itself, by id. The id names the cache file
// (DATA_DIR/network-lists/<id>.json) and, upper-cased with dashes as underscores, the variable
// that overrides its URL (NETWORK_LISTS_URL_<ID>).
export const DOWNLOADABLE_LIST_IDS = [
  'aws',
  'azure',
  'google-cloud',
  'oracle',
  'digitalocean',
  'linode',
  'vultr',
  'icloud-private-relay',
] as const;

export type DownloadableListId = (typeof DOWNLOADABLE_LIST_IDS)[number];

export function urlVariableOf(id: DownloadableListId): string {
  return `NETWORK_LISTS_URL_${id.toUpperCase().replaceAll('-', '_')}`;
}
