import { describe, expect, it } from 'vitest';
import { boundedMemo } from '../../src/server/lib/bounded-memo.ts';

describe('boundedMemo', () => {
  it('computes each input once while it is remembered, null and false answers included', () => {
    const seen: string[] = [];
    const lookup = boundedMemo(10, (input: string) => {
      seen.push(input);
      return input === 'none' ? null : input.length > 3;
    });
    expect([lookup('none'), lookup('none'), lookup('ab'), lookup('ab'), lookup('abcd')]).toEqual([null, null, false, false, true]);
    expect(seen).toEqual(['none', 'ab', 'abcd']);
  });

  it('never remembers more than its bound: it starts over', () => {
    let computed = 0;
    const lookup = boundedMemo(2, (input: string) => {
      computed += 1;
      return input.toUpperCase();
    });
    for (const input of ['a', 'b', 'c', 'a']) expect(lookup(input)).toBe(input.toUpperCase());
    // a, b remembered; c clears the memory; a is computed again.
    expect(computed).toBe(4);
  });
});
