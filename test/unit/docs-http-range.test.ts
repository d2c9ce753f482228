import { describe, expect, it } from 'vitest';
import { parseRange } from '../../src/server/http/range-header.ts';

describe('parseRange', () => {
  const size = 1000;
  it.each([
    [undefined, { kind: 'full' }],
    ['bytes=0-99', { kind: 'partial', start: 0, end: 99 }],
    ['bytes=500-', { kind: 'partial', start: 500, end: 999 }],
    ['bytes=-100', { kind: 'partial', start: 900, end: 999 }],
    ['bytes=-5000', { kind: 'partial', start: 0, end: 999 }],
    ['bytes=900-99999999999999999999', { kind: 'partial', start: 900, end: 999 }],
    ['BYTES= 10-19 ', { kind: 'partial', start: 10, end: 19 }],
    ['bytes=0-0,-1', { kind: 'full' }],
    ['bytes=1000-', { kind: 'unsatisfiable' }],
    ['bytes=5000-6000', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    ['bytes=', { kind: 'malformed' }],
    ['bytes=abc', { kind: 'malformed' }],
    ['bytes=20-10', { kind: 'malformed' }],
    ['bytes=0-10,oops', { kind: 'malformed' }],
    ['bytes=--1', { kind: 'malformed' }],
    ['items=0-10', { kind: 'malformed' }],
    ['bytes=1e3-', { kind: 'malformed' }],
  ])('%s -> %o', (header, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });

  it('finds nothing to serve in an empty file', () => {
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-1', 0)).toEqual({ kind: 'unsatisfiable' });
  });
});
