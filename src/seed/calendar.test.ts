import { describe, expect, it } from 'vitest';
import { formatEpochDay, parseIsoDate, seedWindow, toEpochDay, weekdayOf } from './calendar.ts';
import { buildDayProfiles, HOURLY_WEIGHTS } from './rhythms.ts';

describe('calendar', () => {
  it('puts the default 90-day window on 2025-09-02 … 2025-11-30', () => {
    const window = seedWindow('2025-11-30', 90);
    expect(formatEpochDay(window.startEpochDay)).toBe('2025-09-02');
    expect(formatEpochDay(window.endEpochDay)).toBe('2025-11-30');
  });

  it('knows weekdays (2025-11-11 was a Tuesday, 2025-11-15 a Saturday)', () => {
    expect(weekdayOf(toEpochDay({ year: 2025, month: 11, day: 11 }))).toBe(1);
    expect(weekdayOf(toEpochDay({ year: 2025, month: 11, day: 15 }))).toBe(5);
  });

  it('rejects impossible dates and other formats', () => {
    expect(parseIsoDate('2025-02-30')).toBeUndefined();
    expect(parseIsoDate('2025/11/30')).toBeUndefined();
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
  });
});

describe('day profiles', () => {
  it('marks the Double 11 warm-up, peak and dip only when 11-11 is inside the window', () => {
    const profiles = buildDayProfiles(seedWindow('2025-11-30', 90), 42);
    const byDate = new Map(profiles.map((profile) => [formatEpochDay(profile.epochDay), profile]));
    expect(byDate.get('2025-11-11')?.phase).toBe('peak');
    expect(byDate.get('2025-11-05')?.phase).toBe('warm_up');
    expect(byDate.get('2025-11-13')?.phase).toBe('post');
    expect(byDate.get('2025-10-15')?.phase).toBe('none');
    expect(byDate.get('2025-11-11')!.traffic).toBeGreaterThan(3 * byDate.get('2025-10-15')!.traffic);

    const spring = buildDayProfiles(seedWindow('2025-04-30', 60), 42);
    expect(spring.every((profile) => profile.phase === 'none')).toBe(true);
    const summer = buildDayProfiles(seedWindow('2025-06-30', 60), 42);
    expect(summer.find((profile) => formatEpochDay(profile.epochDay) === '2025-06-18')?.promotion).toBe('618');
  });

  it('has an evening peak, a night trough and a lunch bump in the hourly curve', () => {
    const at = (hour: number): number => HOURLY_WEIGHTS[hour]!;
    expect(Math.max(...HOURLY_WEIGHTS)).toBe(Math.max(at(20), at(21), at(22)));
    expect(Math.min(...HOURLY_WEIGHTS)).toBe(Math.min(at(3), at(4), at(5)));
    expect(at(12)).toBeGreaterThan(at(11));
    expect(at(12)).toBeGreaterThan(at(14));
  });
});
