import { describe, expect, it } from 'vitest';
import { CANCEL_REASON_CODES, CANCEL_REASONS, cancelReasonFromAnswer, classifyCancelReason } from './cancel-reasons.ts';

describe('cancellation reasons (a fixed list)', () => {
  it.each(CANCEL_REASONS.map((rule) => [rule.code, rule] as const))('%s: its examples match and its counter-examples do not', (code, rule) => {
    for (const text of rule.examples.match) expect(classifyCancelReason(text), text).toBe(code);
    for (const text of rule.examples.noMatch) expect(classifyCancelReason(text), text).not.toBe(code);
  });

  it('an answer by number picks from the list; any other answer is "other"', () => {
    expect(cancelReasonFromAnswer('2')).toBe(CANCEL_REASON_CODES[1]);
    expect(cancelReasonFromAnswer('第3个')).toBe('found_cheaper');
    expect(cancelReasonFromAnswer('my cat walked on the keyboard')).toBe('other');
    expect(classifyCancelReason('where is my order')).toBeUndefined();
  });
});
