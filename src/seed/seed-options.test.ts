import { describe, expect, it } from 'vitest';
import { SeedOptionsError } from './seed-error.ts';
import { parseSeedArguments, resolveSeedOptions } from './seed-options.ts';

function errorOf(action: () => unknown): SeedOptionsError {
  try {
    action();
  } catch (error) {
    if (error instanceof SeedOptionsError) return error;
    throw error;
  }
  throw new Error('expected a SeedOptionsError');
}

describe('seed options', () => {
  it('defaults to 20000 users, 90 days, seed 42, ending 2025-11-30', () => {
    expect(resolveSeedOptions()).toEqual({ users: 20_000, days: 90, seed: 42, endDate: '2025-11-30' });
    expect(parseSeedArguments({ users: '300', days: '20' })).toEqual({ users: 300, days: 20, seed: 42, endDate: '2025-11-30' });
  });

  it('names the offending parameter and shows a valid example', () => {
    const users = errorOf(() => parseSeedArguments({ users: 'lots' }));
    expect(users.parameter).toBe('--users');
    expect(users.message).toContain('--users');
    expect(users.message).toContain('"lots"');
    expect(errorOf(() => resolveSeedOptions({ days: 0 })).parameter).toBe('--days');
    expect(errorOf(() => parseSeedArguments({ seed: '-1' })).parameter).toBe('--seed');
    expect(errorOf(() => parseSeedArguments({ days: '2.5' })).parameter).toBe('--days');
    const date = errorOf(() => parseSeedArguments({ endDate: '2025-02-30' }));
    expect(date.parameter).toBe('--end-date');
    expect(date.message).toContain('YYYY-MM-DD');
  });
});
