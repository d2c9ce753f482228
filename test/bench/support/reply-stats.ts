// bench:reply's figures from the timed samples: percentiles of what arrived in time, every miss
// named (never dropped), Glint's part past the bare client per reply, and Dovecot's warnings.
import type { Dovecot } from '../../support/dovecot.ts';
import { percentile, round1 } from './popup-timing.ts';
import type { Arrivals } from './reply-probes.ts';

export interface Sample {
  kind: 'glint' | 'baseline';
  /** What names its arrival: the reply's marker, or `mailbox#n` for the bare client's EXISTS. */
  key: string;
  mailbox: string;
  /** performance.now() just before the APPEND. */
  sentAt: number;
  error?: string;
}

export function latencySummary(samples: readonly Sample[], arrivals: Arrivals, missAfterMs: number) {
  const latencies: number[] = [];
  const misses: Record<string, unknown>[] = [];
  for (const sample of samples) {
    const seenAt = arrivals.seenAt.get(sample.key);
    const ms = seenAt === undefined ? null : seenAt - sample.sentAt;
    if (ms !== null && ms <= missAfterMs && !sample.error) latencies.push(ms);
    else misses.push({ mailbox: sample.mailbox, key: sample.key, seenAfterMs: ms === null ? null : Math.round(ms), error: sample.error });
  }
  return {
    count: latencies.length,
    p50Ms: round1(percentile(latencies, 50)),
    p95Ms: round1(percentile(latencies, 95)),
    p99Ms: round1(percentile(latencies, 99)),
    maxMs: round1(percentile(latencies, 100)),
    misses: misses.length,
    missed: misses.slice(0, 20),
  };
}

/** Per reply seen by both, how long after the bare client's EXISTS the feed event came. */
export function glintAfterBaseline(pairs: readonly (readonly [Sample, Sample])[], glint: Arrivals, bare: Arrivals) {
  const gaps = pairs.flatMap(([glintSample, bareSample]) => {
    const glintAt = glint.seenAt.get(glintSample.key);
    const bareAt = bare.seenAt.get(bareSample.key);
    return glintAt === undefined || bareAt === undefined ? [] : [glintAt - bareAt];
  });
  return { p50: round1(percentile(gaps, 50)), p95: round1(percentile(gaps, 95)), max: round1(percentile(gaps, 100)) };
}

/** Dovecot's warnings, numbers masked and repeats folded: they name the limits it reached. */
export function dovecotWarnings(dovecot: Dovecot): string[] {
  const lines = dovecot
    .logText()
    .split('\n')
    .filter((line) => /warning|error|fatal|panic/i.test(line))
    .map((line) => line.replace(/^.*?\b(?=(Warning|Error|Fatal|Panic):)/, '').replace(/\d+/g, 'N'));
  return [...new Set(lines)].slice(0, 10);
}
