import { describe, expect, it } from 'vitest';
import { nextRunAfter } from './schedule-timing.ts';

describe('nextRunAfter', () => {
  it('runs daily at the hour, later the same day or else the next day', () => {
    expect(nextRunAfter(new Date('2026-12-06T05:30:00Z'), 'daily', 8, null).toISOString()).toBe('2026-12-06T08:00:00.000Z');
    expect(nextRunAfter(new Date('2026-12-06T08:00:00Z'), 'daily', 8, null).toISOString()).toBe('2026-12-07T08:00:00.000Z');
    expect(nextRunAfter(new Date('2026-12-06T23:59:00Z'), 'daily', 0, null).toISOString()).toBe('2026-12-07T00:00:00.000Z');
  });

  it('runs weekly on the ISO weekday (2026-12-06 is a Sunday)', () => {
    expect(nextRunAfter(new Date('2026-12-06T10:00:00Z'), 'weekly', 9, 1).toISOString()).toBe('2026-12-07T09:00:00.000Z');
    expect(nextRunAfter(new Date('2026-12-06T10:00:00Z'), 'weekly', 9, 7).toISOString()).toBe('2026-12-13T09:00:00.000Z');
    expect(nextRunAfter(new Date('2026-12-06T08:00:00Z'), 'weekly', 9, 7).toISOString()).toBe('2026-12-06T09:00:00.000Z');
  });
});
