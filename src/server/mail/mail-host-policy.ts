// Which mail servers this Glint server may connect to for a rep. A mailbox host is a string a
// user types, and the server connects to it (the connection test, the watcher): without a rule,
// any signed-in user could make the server probe its own network (a database port, a cloud
// metadata address) and read the answer from the test's sentence. So by default only public
// addresses are reached; MAILBOX_HOSTS=loopback also allows this machine (a local Dovecot),
// `any` every address (a company mail server on a private network). The name is resolved here
// and the connection goes to the address that was checked, so DNS cannot switch it afterwards.
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

export const MAILBOX_HOST_POLICIES = ['public', 'loopback', 'any'] as const;
export type MailboxHostPolicy = (typeof MAILBOX_HOST_POLICIES)[number];

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

// Not the public internet: private, shared, link-local, unspecified, multicast and reserved ranges.
const nonPublic = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const) {
  nonPublic.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  nonPublic.addSubnet(network, prefix, 'ipv6');
}

export class MailHostRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MailHostRefusedError';
  }
}

function family(address: string): 'ipv4' | 'ipv6' {
  return isIP(address) === 6 ? 'ipv6' : 'ipv4';
}

/** An IPv4 address written as IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address it is. */
function unmapped(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ?? address;
}

/** Null when the policy allows the address; else why not, for a person. */
export function refusalFor(address: string, policy: MailboxHostPolicy): string | null {
  if (policy === 'any') return null;
  const plain = unmapped(address);
  const kind = family(plain);
  if (loopback.check(plain, kind)) {
    return policy === 'loopback' ? null : 'is this server itself (loopback); an administrator can allow it with MAILBOX_HOSTS=loopback';
  }
  if (nonPublic.check(plain, kind))
    return 'is a private or reserved network address; an administrator can allow such servers with MAILBOX_HOSTS=any';
  return null;
}

export interface CheckedHost {
  /** The address to connect to. */
  address: string;
  /** The name to check the certificate against (and send as SNI); undefined for an IP literal. */
  servername: string | undefined;
}

/**
 * Resolves the host and checks every address it names; throws MailHostRefusedError. Null when the
 * name does not resolve: the caller reports the host unreachable rather than let the connection
 * resolve it again (to whatever the name says by then).
 */
export async function checkMailHost(host: string, policy: MailboxHostPolicy): Promise<CheckedHost | null> {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  const literal = isIP(bare) !== 0;
  let addresses: string[];
  try {
    addresses = literal ? [bare] : (await lookup(bare, { all: true })).map((entry) => entry.address);
  } catch {
    return null;
  }
  for (const address of addresses) {
    const refusal = refusalFor(address, policy);
    if (refusal) throw new MailHostRefusedError(`${host}${literal ? '' : ` (${address})`} ${refusal}.`);
  }
  const address = addresses[0];
  return address === undefined ? null : { address, servername: literal ? undefined : bare };
}
