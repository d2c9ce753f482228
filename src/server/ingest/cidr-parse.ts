// Reads a CIDR into the numbers the interval table keeps: its family, first address (IPv4 as a
// number, IPv6 as a bigint) and prefix length. Written for the refresh, which reads hundreds of
// thousands of ranges (Apple's Private Relay list): ipaddr.js takes ~10 us per IPv6 CIDR, this
// ~1 us. Only the plain forms are read here; anything else (an IPv4 tail in IPv6, say) goes
// through ipaddr.js, so both accept the same texts.
import ipaddr from 'ipaddr.js';

export type ParsedCidr = { v4: true; start: number; bits: number } | { v4: false; start: bigint; bits: number };

const DECIMAL = /^\d{1,3}$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

function v4Value(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!DECIMAL.test(part)) return null;
    const octet = Number(part);
    if (octet > 255 || (part.length > 1 && part.startsWith('0'))) return null;
    value = value * 256 + octet;
  }
  return value;
}

function v6Value(text: string): bigint | null {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] === '' ? [] : (halves[0] ?? '').split(':');
  const tail = halves.length === 1 || halves[1] === '' ? [] : (halves[1] ?? '').split(':');
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  // Four 32-bit words built with numbers (exact), one bigint at the end.
  const words = [0, 0, 0, 0];
  let index = 0;
  const take = (group: string): boolean => {
    if (!HEX_GROUP.test(group)) return false;
    const word = index >> 1;
    words[word] = (words[word] ?? 0) * 65_536 + Number.parseInt(group, 16);
    index += 1;
    return true;
  };
  for (const group of head) if (!take(group)) return null;
  for (let i = 0; i < (halves.length === 2 ? missing : 0); i += 1) take('0');
  for (const group of tail) if (!take(group)) return null;
  const [a = 0, b = 0, c = 0, d = 0] = words;
  return (BigInt(a) << 96n) | (BigInt(b) << 64n) | (BigInt(c) << 32n) | BigInt(d);
}

/** The CIDR's numbers with host bits cleared, or null when it is not a CIDR. */
export function parseCidr(text: string): ParsedCidr | null {
  const slash = text.indexOf('/');
  if (slash < 0) return null;
  const bitsText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bitsText)) return null;
  const bits = Number(bitsText);
  const address = text.slice(0, slash);
  if (!address.includes(':')) {
    const value = v4Value(address);
    if (value === null || bits > 32) return null;
    const size = 2 ** (32 - bits);
    return { v4: true, start: Math.floor(value / size) * size, bits };
  }
  if (bits > 128) return null;
  let value = address.includes('.') ? null : v6Value(address);
  if (value === null) {
    if (!ipaddr.isValidCIDR(text)) return null;
    const [parsed] = ipaddr.parseCIDR(text);
    if (parsed.kind() !== 'ipv6') return null;
    value = (parsed as ipaddr.IPv6).parts.reduce((sum, part) => (sum << 16n) | BigInt(part), 0n);
  }
  const hostBits = BigInt(128 - bits);
  return { v4: false, start: (value >> hostBits) << hostBits, bits };
}

/** The last address of a parsed CIDR. */
export function cidrEnd(cidr: ParsedCidr): number | bigint {
  return cidr.v4 ? cidr.start + 2 ** (32 - cidr.bits) - 1 : cidr.start + (1n << BigInt(128 - cidr.bits)) - 1n;
}
