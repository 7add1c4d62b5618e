import { describe, expect, it } from 'vitest';
import { dateLiteral, isIsoDate } from './sql-literals.ts';

/** What a calendar says: the date survives a round trip through a UTC Date (Date.UTC reads years 0–99 as 19xx). */
function roundTrips(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))).toISOString().slice(0, 10) === value;
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

describe('isIsoDate', () => {
  it('agrees with a Date round trip on every month 00–13 and day 00–32 of years around leap-year and century edges', () => {
    const span = (from: number, count: number) => Array.from({ length: count }, (_, index) => from + index);
    const years = [...span(0, 110), ...[1600, 1700, 1800, 1900, 2400].flatMap((century) => span(century - 4, 9)), ...span(1990, 120), ...span(9990, 10)];
    let checked = 0;
    for (const year of years) {
      for (let month = 0; month <= 13; month += 1) {
        for (let day = 0; day <= 32; day += 1) {
          const value = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
          if (isIsoDate(value) !== roundTrips(value)) expect.fail(`${value}: ${isIsoDate(value)}, a Date says ${roundTrips(value)}`);
          checked += 1;
        }
      }
    }
    expect(checked).toBe(years.length * 14 * 33);
  });

  it('refuses other spellings', () => {
    for (const value of ['2025-1-01', '2025-01-1', '25-01-01', '2025/01/01', ' 2025-01-01', '2025-01-01 ', '2025-01-01T00:00', '２０２５-01-01', '']) {
      expect(isIsoDate(value), value).toBe(false);
    }
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(() => dateLiteral('2025-02-29')).toThrow(/not a date/);
  });
});
