/** Wall-clock time for token expiry and write timestamps; replaceable in tests. */
export interface SupportClock {
  now(): Date;
}

export const systemClock: SupportClock = { now: () => new Date() };

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/**
 * A naive local timestamp 'YYYY-MM-DD HH:MM:SS.mmm', the warehouse's convention (shop-local time, no zone), so
 * written timestamps sort and compare with the seeded ones; milliseconds keep a take and a resolve in the same
 * second in order.
 */
export function timestampText(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/** Reads a timestamp written by timestampText (or DuckDB's text form) back as local time. */
export function parseTimestampText(text: string): Date {
  return new Date(text.trim().replace(' ', 'T'));
}

/** The calendar date (YYYY-MM-DD) of a timestamp or date text. */
export function dateOf(text: string): string {
  return text.trim().slice(0, 10);
}

/** Whole calendar days from one date to a later one: same day 0, next day 1. Only the YYYY-MM-DD part counts. */
export function calendarDaysBetween(from: string, to: string): number {
  const toUtc = (text: string) => {
    const [year, month, day] = dateOf(text).split('-').map(Number);
    return Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1);
  };
  return Math.round((toUtc(to) - toUtc(from)) / 86_400_000);
}
