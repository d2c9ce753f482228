// The per-email state `glint classify` builds from its input stream, checked on a realistic day of
// hits (test/fixtures/hits/realistic-day.jsonl) and on the rules it owns: what counts as "before".
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseInputLine } from '../../src/server/cli/classify-input.ts';
import { ClassificationState } from '../../src/server/ingest/classification-state.ts';
import type { ClassifiableHit } from '../../src/server/ingest/classify.ts';
import { IP, UA } from '../fixtures/hits/real-world.ts';

const FIXTURE = new URL('../fixtures/hits/realistic-day.jsonl', import.meta.url);

interface Expected {
  id: string;
  label: string;
  reason: string;
}

/** Feeds the fixture through the state exactly as the command does; returns actual and expected. */
function runFixture(): { actual: Expected[]; expected: Expected[] } {
  const state = new ClassificationState();
  const actual: Expected[] = [];
  const expected: Expected[] = [];
  const lines = readFileSync(FIXTURE, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  for (const text of lines) {
    const parsed = parseInputLine(text);
    if (!parsed.ok) throw new Error(`fixture line invalid: ${parsed.error}`);
    const { line } = parsed;
    if (line.type === 'sent') state.recordSent(line);
    else if (line.type === 'selfview') state.recordSelfView(line);
    else {
      actual.push({ id: line.id, ...state.classify(line) });
      const { expect: want } = JSON.parse(text) as { expect: { label: string; reason: string; network?: string } };
      expected.push({ id: line.id, ...want });
    }
  }
  return { actual, expected };
}

describe('ClassificationState on a realistic day', () => {
  it('labels every hit of the day as expected', () => {
    const { actual, expected } = runFixture();
    expect(actual).toHaveLength(30);
    expect(actual).toEqual(expected);
  });

  it('covers every rule at least once, so a broken rule breaks this test', () => {
    const reasons = new Set(runFixture().expected.map((hit) => hit.reason));
    expect([...reasons].sort()).toEqual(
      [
        'apple-mpp',
        'bot-ua',
        'datacenter-network',
        'gmail-proxy-at-send',
        'link-scanner-all-links',
        'link-scanner-network',
        'link-scanner-timing',
        'no-machine-signal',
        'sender-device',
        'sender-self-view',
      ].sort(),
    );
  });
});

describe('ClassificationState rules', () => {
  const sentAt = new Date('2025-03-04T09:00:00Z');
  const at = (s: number): Date => new Date(sentAt.getTime() + s * 1000);
  const hit = (id: string, s: number, extra: Partial<ClassifiableHit> = {}): ClassifiableHit => ({
    id,
    kind: 'open',
    token: 'tok_a',
    at: at(s),
    ip: IP.gmailProxy,
    userAgent: UA.gmailProxy,
    ...extra,
  });

  it('gives a token without a sent line no send time, owners or link count', () => {
    const state = new ClassificationState();
    state.recordSent({ token: 'tok_other', at: sentAt, ownerDevices: ['dv_rep'], links: 3 });
    expect(state.contextFor(hit('h1', 2))).toEqual({
      sentAt: undefined,
      ownerDevices: [],
      links: undefined,
      selfViews: [],
      priorClicks: [],
    });
    expect(state.classify(hit('h1', 2)).label).toBe('human');
  });

  it('keeps emails apart: a self view of one email does not excuse a hit on another', () => {
    const state = new ClassificationState();
    state.recordSent({ token: 'tok_a', at: sentAt, ownerDevices: ['dv_rep'] });
    state.recordSelfView({ token: 'tok_b', deviceId: 'dv_rep', at: at(3600) });
    expect(state.classify(hit('h1', 3601)).label).toBe('human');
    state.recordSelfView({ token: 'tok_a', deviceId: 'dv_rep', at: at(3600) });
    expect(state.classify(hit('h2', 3602)).label).toBe('self');
  });

  it('remembers clicks (not opens) for the all-links rule, each hit judged before it is recorded', () => {
    const state = new ClassificationState();
    state.recordSent({ token: 'tok_a', at: sentAt, ownerDevices: [], links: 2 });
    const click = (id: string, s: number, linkId: string): ClassifiableHit =>
      hit(id, s, { kind: 'click', ip: IP.sweepA, userAgent: UA.chromeWindows, linkId });
    state.classify(hit('o1', 7199));
    expect(state.classify(click('c1', 7200, '0')).label).toBe('human');
    expect(state.contextFor(click('c2', 7201, '1')).priorClicks.map((c) => c.id)).toEqual(['c1']);
    expect(state.classify(click('c2', 7201, '1')).reason).toBe('link-scanner-all-links');
  });

  it('forgets what is older than the lookbacks, so state stays small on long streams', () => {
    const state = new ClassificationState();
    state.recordSent({ token: 'tok_a', at: sentAt, ownerDevices: [], links: 50 });
    for (let i = 0; i < 2000; i += 1) {
      state.classify(hit(`c${i}`, 60 * i, { kind: 'click', ip: IP.home, userAgent: UA.chromeWindows, linkId: '0' }));
    }
    expect(state.contextFor(hit('later', 60 * 2000, { kind: 'click' })).priorClicks.length).toBeLessThanOrEqual(11);
  });

  it('lets a later sent line replace an earlier one (re-registration)', () => {
    const state = new ClassificationState();
    state.recordSent({ token: 'tok_a', at: sentAt, ownerDevices: [] });
    state.recordSent({ token: 'tok_a', at: sentAt, ownerDevices: ['dv_new'] });
    expect(state.classify(hit('h1', 9000, { deviceId: 'dv_new', ip: IP.home, userAgent: UA.chromeWindows }))).toEqual({
      label: 'self',
      reason: 'sender-device',
    });
  });
});
