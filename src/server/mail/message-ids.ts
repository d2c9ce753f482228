// Addresses and Message-IDs in one comparable form, and the tracking tokens found in text.
// Message-IDs are compared without angle brackets and case-insensitively: mail systems that
// rewrite headers sometimes change the case of the domain part, and a false match between two
// random ids that differ only in case does not happen in practice.

export function normaliseAddress(address: string): string {
  return address.trim().replace(/^<|>$/g, '').toLowerCase();
}

export function normaliseMessageId(id: string): string {
  return id.trim().replace(/^<|>$/g, '').trim().toLowerCase();
}

/** The Message-IDs in a header value such as References ("<a@b> <c@d>"). */
export function messageIdsIn(value: string): string[] {
  const ids = [...value.matchAll(/<([^<>\s]+)>/g)].map((match) => normaliseMessageId(match[1] ?? ''));
  if (ids.length > 0) return ids.filter((id) => id !== '');
  const bare = value.trim();
  return bare !== '' && !/\s/.test(bare) ? [normaliseMessageId(bare)] : [];
}

const ADDRESS = /[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+/g;

/** Every address-looking string in free text, lowercase, in order, without repeats. */
export function addressesIn(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(ADDRESS)) found.add(match[0].replace(/^\.+|\.+$/g, '').toLowerCase());
  return [...found];
}

// The token shape of src/shared/ids.ts (em_ + 22 base64url characters) inside the pixel path
// (/t/o/<token>.gif) and the click path (/t/c/<token>/<link>) of src/shared/tracking-urls.ts.
const TRACKING_TOKEN = /\/t\/(?:o\/(em_[A-Za-z0-9_-]{22})\.gif|c\/(em_[A-Za-z0-9_-]{22})\/\d)/g;

/**
 * The email tokens of Glint pixel and click URLs in text or HTML, in order of appearance. A
 * quoted-printable soft line break inside a URL (an undecoded returned message) is removed first.
 */
export function trackingTokensIn(text: string): string[] {
  const joined = text.replace(/=\r?\n/g, '');
  const tokens = new Set<string>();
  for (const match of joined.matchAll(TRACKING_TOKEN)) {
    const token = match[1] ?? match[2];
    if (token) tokens.add(token);
  }
  return [...tokens];
}
