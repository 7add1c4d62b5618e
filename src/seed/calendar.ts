/**
 * Calendar arithmetic on naive local dates (the warehouse stores China-local TIMESTAMP without zone).
 * Dates are counted as whole days since 1970-01-01 through Date.UTC, which is pure arithmetic and never
 * depends on the machine's time zone or clock.
 */
export const SECONDS_PER_DAY = 86_400;

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export interface SeedWindow {
  /** Days since 1970-01-01 of the first window day. */
  startEpochDay: number;
  /** Days since 1970-01-01 of the last window day (the end date, inclusive). */
  endEpochDay: number;
  days: number;
}

export function parseIsoDate(text: string): CalendarDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  const roundTrip = fromEpochDay(toEpochDay(date));
  return roundTrip.year === date.year && roundTrip.month === date.month && roundTrip.day === date.day
    ? date
    : undefined;
}

export function toEpochDay(date: CalendarDate): number {
  return Math.round(Date.UTC(date.year, date.month - 1, date.day) / 86_400_000);
}

export function fromEpochDay(epochDay: number): CalendarDate {
  const date = new Date(epochDay * 86_400_000);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOf(epochDay: number): number {
  return (((epochDay + 3) % 7) + 7) % 7;
}

export function isWeekend(epochDay: number): boolean {
  return weekdayOf(epochDay) >= 5;
}

export function formatEpochDay(epochDay: number, separator = '-'): string {
  const date = fromEpochDay(epochDay);
  return [String(date.year).padStart(4, '0'), pad2(date.month), pad2(date.day)].join(separator);
}

export function seedWindow(endDate: string, days: number): SeedWindow {
  const end = parseIsoDate(endDate);
  if (!end) throw new RangeError(`Not a calendar date: ${endDate}`);
  const endEpochDay = toEpochDay(end);
  return { startEpochDay: endEpochDay - days + 1, endEpochDay, days };
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}
