import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TypingThrottle } from './typing-throttle.ts';

describe('TypingThrottle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends the first signal at once and holds quick changes to one trailing broadcast of the latest state', () => {
    const throttle = new TypingThrottle(1000);
    const sent: boolean[] = [];
    const broadcast = (active: boolean) => sent.push(active);
    expect(throttle.signal('agent:a|c1', true, broadcast)).toBe('sent');
    expect(throttle.signal('agent:a|c1', true, broadcast)).toBe('unchanged');
    for (let index = 0; index < 20; index += 1) throttle.signal('agent:a|c1', index % 2 === 0, broadcast);
    expect(sent).toEqual([true]);
    vi.advanceTimersByTime(1000);
    // The last of the twenty was false (index 19): that is what the other side ends up showing.
    expect(sent).toEqual([true, false]);
    vi.advanceTimersByTime(5000);
    expect(sent).toEqual([true, false]);
  });

  it('drops a held change that ends where it started, and keeps keys apart', () => {
    const throttle = new TypingThrottle(1000);
    const first: boolean[] = [];
    const second: boolean[] = [];
    throttle.signal('k1', true, (active) => first.push(active));
    throttle.signal('k1', false, (active) => first.push(active));
    throttle.signal('k1', true, (active) => first.push(active));
    throttle.signal('k2', true, (active) => second.push(active));
    vi.advanceTimersByTime(1000);
    expect(first).toEqual([true]);
    expect(second).toEqual([true]);
    // After the interval an unchanged state may be sent again (keeps a long typing spell visible).
    expect(throttle.signal('k1', true, (active) => first.push(active))).toBe('sent');
    expect(first).toEqual([true, true]);
    throttle.clear();
  });
});
