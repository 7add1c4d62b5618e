/**
 * Plain calendar dates as 'YYYY-MM-DD' strings. Arithmetic goes through UTC so that no local time zone or
 * daylight-saving shift can move a date.
 */
export type IsoDate = string;

export interface DateRange {
  start: IsoDate;
  end: IsoDate;
}

/** Days from 1970-01-01 to the proleptic Gregorian date (month 1–12), by integer arithmetic. */
function civilToDays(year: number, month: number, day: number): number {
  const shifted = month <= 2 ? year - 1 : year;
  const era = Math.floor(shifted / 400);
  const yearOfEra = shifted - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function daysToCivil(days: number): { year: number; month: number; day: number } {
  const shifted = days + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day: dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1 };
}

/**
 * The day number Date.UTC(year, monthIndex, day) stands for, without a Date: months and days out of range roll over
 * and years 0–99 mean 19xx, as there; NaN where Date.UTC gives NaN. A Date per step cost a tenth of a reading.
 */
function utcDays(year: number, monthIndex: number, day: number): number {
  if (!Number.isFinite(year) || !Number.isFinite(monthIndex) || !Number.isFinite(day)) return Number.NaN;
  let fullYear = Math.trunc(year);
  if (fullYear >= 0 && fullYear <= 99) fullYear += 1900;
  const months = Math.trunc(monthIndex);
  return civilToDays(fullYear + Math.floor(months / 12), (((months % 12) + 12) % 12) + 1, 1) + Math.trunc(day) - 1;
}

// The range of a Date: ±100,000,000 days around 1970-01-01.
const MAX_DAYS = 100_000_000;

function toUtc(date: IsoDate): number {
  const [year, month, day] = date.split('-').map(Number);
  return utcDays(year ?? 1970, (month ?? 1) - 1, day ?? 1);
}

/** As Date#toISOString().slice(0, 10): six signed digits outside years 0–9999, and a RangeError past a Date's range. */
function fromUtc(days: number): IsoDate {
  if (!(Math.abs(days) <= MAX_DAYS)) throw new RangeError('Invalid time value');
  const { year, month, day } = daysToCivil(days);
  const yearText = year >= 0 && year <= 9999 ? String(year).padStart(4, '0') : `${year < 0 ? '-' : '+'}${String(Math.abs(year)).padStart(6, '0')}`;
  return `${yearText}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`.slice(0, 10);
}

export function makeDate(year: number, month: number, day: number): IsoDate {
  return fromUtc(utcDays(year, month - 1, day));
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const value = toUtc(date);
  if (Number.isNaN(value) || Math.abs(value) > MAX_DAYS) throw new RangeError('Invalid time value');
  if (Number.isInteger(days)) return fromUtc(value + days);
  // As setUTCDate(getUTCDate() + days): the day of month plus the count is cut to a whole day.
  const { day } = daysToCivil(value);
  return fromUtc(value + Math.trunc(day + days) - day);
}

/** Same day of month `months` later, clamped to the month's last day (Mar 31 - 1 month = Feb 28). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = dateParts(date);
  const target = civilOf(utcDays(year, month - 1 + months, 1));
  const lastDay = daysInMonth(target.year, target.month);
  return makeDate(target.year, target.month, Math.min(day, lastDay));
}

/** The civil date of a day number, NaN parts for NaN (as a Date's getters give). */
function civilOf(days: number): { year: number; month: number; day: number } {
  if (Number.isNaN(days)) return { year: Number.NaN, month: Number.NaN, day: Number.NaN };
  if (Math.abs(days) > MAX_DAYS) return { year: Number.NaN, month: Number.NaN, day: Number.NaN };
  return daysToCivil(days);
}

export function dateParts(date: IsoDate): { year: number; month: number; day: number } {
  return civilOf(toUtc(date));
}

export function daysInMonth(year: number, month: number): number {
  return civilOf(utcDays(year, month, 0)).day;
}

/** ISO weekday: Monday 1 … Sunday 7. */
export function isoWeekday(date: IsoDate): number {
  const days = toUtc(date);
  if (Number.isNaN(days) || Math.abs(days) > MAX_DAYS) return Number.NaN;
  // 1970-01-01 was a Thursday.
  const day = (((days + 4) % 7) + 7) % 7;
  return day === 0 ? 7 : day;
}

export function startOfIsoWeek(date: IsoDate): IsoDate {
  return addDays(date, 1 - isoWeekday(date));
}

export function daysBetween(start: IsoDate, end: IsoDate): number {
  const from = toUtc(start);
  const to = toUtc(end);
  // A Date past its range has no time value: NaN, as getTime() gives.
  if (Math.abs(from) > MAX_DAYS || Math.abs(to) > MAX_DAYS) return Number.NaN;
  return to - from;
}

/** Number of days in a range, both ends included. */
export function rangeLength(range: DateRange): number {
  return daysBetween(range.start, range.end) + 1;
}

export function minDate(first: IsoDate, second: IsoDate): IsoDate {
  return first <= second ? first : second;
}

export function maxDate(first: IsoDate, second: IsoDate): IsoDate {
  return first >= second ? first : second;
}
