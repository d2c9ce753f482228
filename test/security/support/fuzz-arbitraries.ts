// fast-check arbitraries for the route fuzz pass: the hostile strings, JSON bodies and headers
// people and attackers send. Requests are built from them in route-fuzz.test.ts.
import fc from 'fast-check';

/** Strings that have broken servers: empty, huge, controls, bidi, surrogates, traversal, encodings. */
const SPECIAL_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\r\nX-Injected: 1',
  '\u202egnp.exe',
  '\ud800',
  '😀'.repeat(50),
  '../../../etc/passwd',
  '%',
  '%00',
  '%ZZ',
  '__proto__',
  'constructor',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  'a'.repeat(10_000),
  '9'.repeat(400),
  '-1',
  '1e309',
  'NaN',
  'null',
  'gl_' + 'A'.repeat(40),
  'em_' + 'x'.repeat(22),
];

/** Any text: a known-hostile string or random code points (lone surrogates included). */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...SPECIAL_STRINGS),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ maxLength: 40 }),
);

/** A path or query part: lone surrogates cannot be percent-encoded, so they become U+FFFD first. */
export const urlPart = (text: string): string => encodeURIComponent(text.replace(/[\ud800-\udfff]/g, '\ufffd')).slice(0, 300);

/** A header value fetch can send (Latin-1 without controls). */
export const headerSafe = (text: string): string => text.replace(/[^\x20-\x7e]/g, '?').slice(0, 2000);

const hostileHeaderValue = hostileString.map(headerSafe);

/** Any JSON value, nested a little, with the numbers that overflow and the strings above. */
const jsonValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    fc.constantFrom(0, -1, 1.5, 2 ** 53, -(2 ** 63), 1e308, true, false, null),
    fc.integer({ min: -5, max: 100 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      hostileString.map((key) => key.slice(0, 20)),
      tie('value'),
      { maxKeys: 4 },
    ),
  ),
})).value;

/** A body for a route expecting these fields: the fields (some left out, some extra) or junk. */
export function hostileBody(fields: readonly string[]): fc.Arbitrary<string> {
  const known: Record<string, fc.Arbitrary<unknown>> = Object.fromEntries(fields.map((field) => [field, jsonValue]));
  const object = fc.tuple(fc.record(known, { requiredKeys: [] }), fc.boolean()).map(([value, polluted]) => {
    const body: Record<string, unknown> = { ...value };
    // Set as an own key (a literal __proto__ would set the prototype instead).
    if (polluted) Object.defineProperty(body, '__proto__', { value: { polluted: true }, enumerable: true });
    return JSON.stringify(body);
  });
  const junk = fc.oneof(fc.constantFrom('', '{', '[]', 'null', '"x"', '['.repeat(5000), '{"__proto__":{"x":1}}'), hostileString);
  return fc.oneof({ weight: 3, arbitrary: object }, { weight: 1, arbitrary: junk });
}

/** Optional hostile headers merged over the ones a route needs. */
export function hostileHeaders(base: Record<string, string> = {}): fc.Arbitrary<Record<string, string>> {
  const optional = fc.record(
    {
      'x-forwarded-for': fc.oneof(fc.constantFrom('1.2.3.4, ::1', '::ffff:10.0.0.1', '999.1.1.1', ', ,'), hostileHeaderValue),
      range: fc.oneof(fc.constantFrom('bytes=0-0', 'bytes=-1', 'bytes=5-2', 'bytes=0-1,2-3'), hostileHeaderValue),
      'if-range': hostileHeaderValue,
      'accept-language': hostileHeaderValue,
      'x-glint-device': fc.oneof(fc.constant('dev_' + 'a'.repeat(22)), hostileHeaderValue),
      origin: fc.oneof(fc.constantFrom('chrome-extension://' + 'a'.repeat(32), 'null'), hostileHeaderValue),
      'user-agent': hostileHeaderValue,
    },
    { requiredKeys: [] },
  );
  return optional.map((headers) => ({ ...base, ...(headers as Record<string, string>) }));
}
