import { describe, expect, it } from 'vitest';
import { DEFAULT_RUN_LIMITS, exceededStepLimit, exceededToolCallLimit, exhaustedRetryKind } from './stop-rules.ts';

describe('stop rules', () => {
  it('allows two syntax repairs and stops at the third failure', () => {
    expect(exhaustedRetryKind([{ kind: 'syntax' }, { kind: 'syntax' }], DEFAULT_RUN_LIMITS)).toBeUndefined();
    expect(exhaustedRetryKind([{ kind: 'syntax' }, { kind: 'syntax' }, { kind: 'syntax' }], DEFAULT_RUN_LIMITS)).toBe('syntax');
  });

  it('never retries forbidden SQL', () => {
    expect(exhaustedRetryKind([{ kind: 'forbidden_function' }], DEFAULT_RUN_LIMITS)).toBe('forbidden_function');
  });

  it('counts kinds separately and treats unknown kinds like "other"', () => {
    expect(exhaustedRetryKind([{ kind: 'syntax' }, { kind: 'unknown_column' }, { kind: 'timeout' }], DEFAULT_RUN_LIMITS)).toBeUndefined();
    expect(exhaustedRetryKind([{ kind: 'mystery' }, { kind: 'mystery' }], DEFAULT_RUN_LIMITS)).toBe('mystery');
  });

  it('caps steps and tool calls', () => {
    expect(exceededStepLimit(DEFAULT_RUN_LIMITS.maxSteps - 1, DEFAULT_RUN_LIMITS)).toBe(false);
    expect(exceededStepLimit(DEFAULT_RUN_LIMITS.maxSteps, DEFAULT_RUN_LIMITS)).toBe(true);
    expect(exceededToolCallLimit(DEFAULT_RUN_LIMITS.maxToolCalls, DEFAULT_RUN_LIMITS)).toBe(true);
  });
});
