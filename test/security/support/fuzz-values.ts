// Seeded random values for the route fuzz pass (fast-check is not among the dependencies): the
// same seed gives the same requests, so a failure names the seed and can be replayed.

/** mulberry32: small, fast, good enough to pick test inputs. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Fuzz {
  readonly next: () => number;

  constructor(seed: number) {
    this.next = seededRandom(seed);
  }

  int(max: number): number {
    return Math.floor(this.next() * max);
  }

  pick<T>(values: readonly T[]): T {
    const value = values[this.int(values.length)];
    if (value === undefined) throw new Error('pick from an empty list');
    return value;
  }

  /** Strings people and attackers send: empty, huge, controls, bidi, surrogates, traversal, encodings. */
  string(): string {
    const special = [
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
    if (this.next() < 0.5) return this.pick(special);
    const length = this.int(40);
    let text = '';
    for (let i = 0; i < length; i++) text += String.fromCodePoint(this.pick([this.int(128), this.int(0x800), this.int(0x10ffff)]));
    return text.replace(/[\ud800-\udfff]/g, '?');
  }

  /** Any JSON value, nested a little. */
  json(depth = 0): unknown {
    switch (this.int(depth > 2 ? 5 : 7)) {
      case 0:
        return this.string();
      case 1:
        return this.pick([0, -1, 1.5, 2 ** 53, -(2 ** 63), 1e308]);
      case 2:
        return this.pick([true, false, null]);
      case 3:
        return this.string().slice(0, 30);
      case 4:
        return this.int(100);
      case 5:
        return Array.from({ length: this.int(4) }, () => this.json(depth + 1));
      default:
        return Object.fromEntries(Array.from({ length: this.int(4) }, () => [this.string().slice(0, 20), this.json(depth + 1)]));
    }
  }

  /** An object with the given field names (some left out, some extra), values at random. */
  objectOf(fields: readonly string[]): Record<string, unknown> {
    const entries = fields.filter(() => this.next() < 0.7).map((field) => [field, this.json(1)] as const);
    if (this.next() < 0.2) entries.push(['__proto__', { polluted: true }]);
    return Object.fromEntries(entries);
  }
}
