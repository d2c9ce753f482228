// "Never track recipients at these domains" (options page, privacy): whether an address is at one
// of the domains or below it. Dependency-free, so the content script's send path can use it
// without pulling in zod (its size budget).

/** Whether `address` is at a domain of `excludedDomains` or a subdomain of one. */
export function isExcludedAddress(address: string, excludedDomains: readonly string[]): boolean {
  const domain = address.trim().toLowerCase().split('@').pop() ?? '';
  return excludedDomains.some((excluded) => domain === excluded || domain.endsWith(`.${excluded}`));
}
