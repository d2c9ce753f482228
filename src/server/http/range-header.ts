// Parses a Range request header (RFC 9110 §14.1-14.2) for one file of `size` bytes. One range is
// served; a list of ranges is answered with the whole file, which the RFC allows and which keeps
// "bytes=0-,0-,0-..." from multiplying work. Anything that is not valid byte-range syntax is
// rejected (400) rather than guessed at.
export type RangeDecision =
  { kind: 'full' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' } | { kind: 'malformed' };

const RANGE_SPEC = /^(?:(\d{1,20})-(\d{0,20})|-(\d{1,20}))$/;

export function parseRange(header: string | undefined, size: number): RangeDecision {
  if (header === undefined) return { kind: 'full' };
  const match = /^bytes=(.+)$/i.exec(header.trim());
  if (!match?.[1]) return { kind: 'malformed' };
  const specs = match[1].split(',').map((spec) => spec.trim());
  const parsed = specs.map((spec) => RANGE_SPEC.exec(spec));
  if (parsed.some((spec) => spec === null)) return { kind: 'malformed' };
  if (parsed.length > 1) return { kind: 'full' };
  const [, firstText, lastText, suffixText] = parsed[0] as RegExpExecArray;
  if (suffixText !== undefined) {
    const suffix = Number(suffixText);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const first = Number(firstText);
  const last = lastText === '' || lastText === undefined ? Infinity : Number(lastText);
  if (last < first) return { kind: 'malformed' };
  if (first >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start: first, end: Math.min(last, size - 1) };
}
