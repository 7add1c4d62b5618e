import { describe, expect, it } from 'vitest';
import { KeyedMutex } from './keyed-mutex.ts';

describe('KeyedMutex', () => {
  it('runs work of one key one at a time, in order, and other keys in parallel; failures do not block', async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    const step = (name: string, milliseconds: number) => async () => {
      log.push(`${name}:start`);
      await new Promise((resolve) => setTimeout(resolve, milliseconds));
      log.push(`${name}:end`);
      return name;
    };
    const results = await Promise.allSettled([
      mutex.run('a', step('a1', 30)),
      mutex.run('a', async () => {
        log.push('a2:start');
        throw new Error('boom');
      }),
      mutex.run('a', step('a3', 1)),
      mutex.run('b', step('b1', 5)),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(log.indexOf('a1:end')).toBeLessThan(log.indexOf('a2:start'));
    expect(log.indexOf('a2:start')).toBeLessThan(log.indexOf('a3:start'));
    expect(log.indexOf('b1:end')).toBeLessThan(log.indexOf('a1:end'));
    expect(mutex.activeKeys).toBe(0);
  });
});
