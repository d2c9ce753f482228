// One provider's published ranges as the classifier keeps them: who, where the list is published,
// the day it was read, and the CIDRs (written whitespace-separated, several to a line, so a list of
// hundreds stays readable). Only published or registry-assigned ranges: no guessed blocks.
export interface DatacenterBlock {
  provider: string;
  /** The URL of the provider's published list, or the registry assignment. */
  source: string;
  /** When the list was read (YYYY-MM-DD). */
  read: string;
  cidrs: readonly string[];
}

export function cidrs(text: string): readonly string[] {
  return text.split(/\s+/).filter((cidr) => cidr !== '');
}
