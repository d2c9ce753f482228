import { describe, expect, it } from 'vitest';
import { KeyedQueue } from '../../src/server/lib/keyed-queue.ts';

describe('KeyedQueue', () => {
  it('runs the tasks of one key in turn, even after one fails, and tells when all have settled', async () => {
    const queue = new KeyedQueue();
    const order: string[] = [];
    let release: () => void = () => undefined;
    const first = queue.run('a', () => new Promise<void>((resolve) => (release = resolve)).then(() => void order.push('a1')));
    const failing = queue.run('a', async () => {
      order.push('a2');
      throw new Error('boom');
    });
    const third = queue.run('a', async () => void order.push('a3'));
    const other = queue.run('b', async () => void order.push('b1'));
    await other;
    expect(order).toEqual(['b1']);
    const settled = queue.settled().then(() => [...order]);
    release();
    await first;
    await expect(failing).rejects.toThrow('boom');
    await third;
    expect(await settled).toEqual(['b1', 'a1', 'a2', 'a3']);
  });
});
