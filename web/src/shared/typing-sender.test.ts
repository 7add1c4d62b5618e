import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TypingSender } from './typing-sender.ts';

describe('TypingSender', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('signals on the first keystroke, refreshes every 2 s of typing, stops after 3 s idle', () => {
    const sent: boolean[] = [];
    const sender = new TypingSender((active) => sent.push(active), 3000, 2000, () => Date.now());
    sender.typed();
    for (let index = 0; index < 10; index += 1) {
      vi.advanceTimersByTime(300);
      sender.typed();
    }
    // 3 s of keystrokes every 300 ms: the first, then one refresh after 2 s.
    expect(sent).toEqual([true, true]);
    vi.advanceTimersByTime(3000);
    expect(sent).toEqual([true, true, false]);
  });

  it('stops at once when the message is sent, and only once', () => {
    const sent: boolean[] = [];
    const sender = new TypingSender((active) => sent.push(active));
    sender.typed();
    sender.stop();
    sender.stop();
    vi.advanceTimersByTime(10_000);
    expect(sent).toEqual([true, false]);
  });
});
