import { describe, expect, it } from 'vitest';
import { SerialRunner } from '../../src/server/mail/watch/serial-runner.ts';

/** A task whose runs the test finishes one by one; `running` resolves when run n has started. */
function gatedTask(): { runner: SerialRunner; runs: () => number; running: (n: number) => Promise<void>; finish: () => void } {
  let runs = 0;
  const gates: (() => void)[] = [];
  const starts: (() => void)[] = [];
  const started: Promise<void>[] = Array.from({ length: 5 }, () => new Promise<void>((resolve) => starts.push(resolve)));
  const runner = new SerialRunner(
    () =>
      new Promise<void>((resolve) => {
        starts[runs]?.();
        runs += 1;
        gates.push(resolve);
      }),
  );
  return { runner, runs: () => runs, running: (n) => started[n - 1] ?? Promise.resolve(), finish: () => gates.shift()?.() };
}

describe('SerialRunner', () => {
  it('never runs twice at once, and folds the requests made during a run into one more run', async () => {
    const { runner, runs, running, finish } = gatedTask();
    const first = runner.request();
    const during = [runner.request(), runner.request(), runner.request()];
    expect(runs()).toBe(1);
    finish();
    await first;
    await running(2);
    expect(runs()).toBe(2);
    finish();
    await Promise.all(during);
    expect(runs()).toBe(2);
  });

  it('runs again after a failed run, and reports the failure to its own callers only', async () => {
    let calls = 0;
    const runner = new SerialRunner(async () => {
      calls += 1;
      if (calls === 1) throw new Error('connection dropped');
    });
    await expect(runner.request()).rejects.toThrow('connection dropped');
    await expect(runner.request()).resolves.toBeUndefined();
    expect(calls).toBe(2);
  });
});
