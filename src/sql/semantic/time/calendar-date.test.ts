import { describe, expect, it } from 'vitest';
import { addDays, addMonths, dateParts, daysBetween, daysInMonth, isoWeekday, makeDate, startOfIsoWeek } from './calendar-date.ts';

/** The same operations through a UTC Date, as they were written before the day-number arithmetic. */
const throughDate = {
  toUtc: (date: string) => {
    const [year, month, day] = date.split('-').map(Number);
    return new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1));
  },
  fromUtc: (date: Date) => date.toISOString().slice(0, 10),
  makeDate: (year: number, month: number, day: number) => throughDate.fromUtc(new Date(Date.UTC(year, month - 1, day))),
  addDays: (date: string, days: number) => {
    const value = throughDate.toUtc(date);
    value.setUTCDate(value.getUTCDate() + days);
    return throughDate.fromUtc(value);
  },
  dateParts: (date: string) => {
    const value = throughDate.toUtc(date);
    return { year: value.getUTCFullYear(), month: value.getUTCMonth() + 1, day: value.getUTCDate() };
  },
  daysInMonth: (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate(),
  addMonths: (date: string, months: number) => {
    const { year, month, day } = throughDate.dateParts(date);
    const target = new Date(Date.UTC(year, month - 1 + months, 1));
    const lastDay = throughDate.daysInMonth(target.getUTCFullYear(), target.getUTCMonth() + 1);
    return throughDate.makeDate(target.getUTCFullYear(), target.getUTCMonth() + 1, Math.min(day, lastDay));
  },
  isoWeekday: (date: string) => {
    const day = throughDate.toUtc(date).getUTCDay();
    return day === 0 ? 7 : day;
  },
  daysBetween: (start: string, end: string) => Math.round((throughDate.toUtc(end).getTime() - throughDate.toUtc(start).getTime()) / 86_400_000),
};

/** The value, or the error's class and message: both implementations must agree on failures too. */
function outcome(work: () => unknown): unknown {
  try {
    return work();
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}

const span = (from: number, count: number) => Array.from({ length: count }, (_, index) => from + index);
const YEARS = [...span(-3, 106), ...[1600, 1700, 1800, 1900, 2000, 2100, 2400].flatMap((century) => span(century - 2, 5)), ...span(2020, 12), 9999, 10_000, 275_759, 275_760, 275_761, -271_821, -271_822];
const ISO_DATES = [
  ...span(1999, 6).flatMap((year) => span(1, 12).flatMap((month) => span(1, 31).map((day) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`))),
  ...['0000-01-01', '0050-02-29', '0099-12-31', '0100-03-01', '1900-02-28', '2000-02-29', '2025-02-30', '2025-13-01', '2025-00-10', '2025-11', '2025', '', 'abc', '9999-12-31', '275760-09-13', '275760-09-14', '-271821-04-20'],
];

describe('calendar dates by day numbers', () => {
  it('makeDate and daysInMonth agree with Date.UTC, rolling months and days over and reading years 0–99 as 19xx', () => {
    for (const year of YEARS) {
      for (const month of span(-13, 40)) {
        expect(outcome(() => daysInMonth(year, month)), `${year}-${month}`).toEqual(outcome(() => throughDate.daysInMonth(year, month)));
        for (const day of [-31, -1, 0, 1, 15, 28, 29, 30, 31, 32, 60, 400]) {
          const ours = outcome(() => makeDate(year, month, day));
          if (ours !== outcome(() => throughDate.makeDate(year, month, day))) expect.fail(`makeDate(${year}, ${month}, ${day}) = ${String(ours)}`);
        }
      }
    }
    for (const odd of [Number.NaN, Number.POSITIVE_INFINITY, 2025.7, -0.5]) expect(outcome(() => makeDate(odd, 3, 1.5))).toEqual(outcome(() => throughDate.makeDate(odd, 3, 1.5)));
  });

  it('addDays, addMonths, dateParts, isoWeekday, startOfIsoWeek and daysBetween agree with a UTC Date', () => {
    let compared = 0;
    for (const date of ISO_DATES) {
      expect(outcome(() => dateParts(date)), date).toEqual(outcome(() => throughDate.dateParts(date)));
      expect(outcome(() => isoWeekday(date)), date).toEqual(outcome(() => throughDate.isoWeekday(date)));
      expect(outcome(() => startOfIsoWeek(date)), date).toEqual(outcome(() => throughDate.addDays(date, 1 - throughDate.isoWeekday(date))));
      expect(outcome(() => daysBetween('2025-11-30', date)), date).toEqual(outcome(() => throughDate.daysBetween('2025-11-30', date)));
      for (const days of [-800, -366, -1, 0, 1, 6, 30, 365, 1461, -0.5, 1.5, Number.NaN]) {
        const ours = outcome(() => addDays(date, days));
        if (ours !== outcome(() => throughDate.addDays(date, days))) expect.fail(`addDays(${date}, ${days}) = ${String(ours)}`);
        compared += 1;
      }
      for (const months of [-25, -12, -3, -1, 0, 1, 2, 11, 13]) {
        const ours = outcome(() => addMonths(date, months));
        if (ours !== outcome(() => throughDate.addMonths(date, months))) expect.fail(`addMonths(${date}, ${months}) = ${String(ours)}`);
      }
    }
    expect(compared).toBe(ISO_DATES.length * 12);
  });
});
