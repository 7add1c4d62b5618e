import { addDays, daysBetween, isoWeekday, type IsoDate } from './calendar-date.ts';
import { caseForms, type CaseForms } from './caseless-pattern.ts';
import { weekPeriod, type RawPeriod } from './time-period.ts';

/**
 * Words written around one date that belong to it: the weekday ("Sunday 12 December", "12月12日（周日）") and "the
 * week of" ("the week of Sep 15", "双十一那周"). Left alone, the weekday was a word not understood and "the week of Sep
 * 15" was Sep 15 alone.
 */
export interface DateNeighbour {
  /** Characters the phrase takes before and after the date's own match. */
  extendStart: number;
  extendEnd: number;
  period: RawPeriod;
}

const EN_DAYS = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun';
export const EN_WEEKDAY_BEFORE = caseForms(new RegExp(`\\b(${EN_DAYS})\\.?\\s*,?\\s+(?:the\\s+)?$`, 'iu'));
export const EN_WEEKDAY_AFTER = caseForms(new RegExp(`^\\s*(?:,\\s*(?:a\\s+)?|\\(\\s*)(${EN_DAYS})\\b\\.?(?:\\s*\\))?`, 'iu'));
const ZH_WEEKDAY_AFTER = /^\s*[(（]?\s*(?:周|星期|礼拜)([一二三四五六日天])\s*[)）]?/u;
const ZH_WEEKDAYS = '一二三四五六日';

function englishWeekday(word: string): number {
  const lower = word.toLowerCase();
  return ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].indexOf(lower.slice(0, 3)) + 1;
}

/** The weekday written just before or after a single date, and whether it is that date's. */
function weekdayBeside(text: string, start: number, end: number, form: keyof CaseForms): { extendStart: number; extendEnd: number; written: number } | undefined {
  const before = EN_WEEKDAY_BEFORE[form].exec(text.slice(0, start));
  if (before) return { extendStart: before[0].length, extendEnd: 0, written: englishWeekday(before[1] ?? '') };
  const after = EN_WEEKDAY_AFTER[form].exec(text.slice(end));
  if (after) return { extendStart: 0, extendEnd: after[0].length, written: englishWeekday(after[1] ?? '') };
  const zh = ZH_WEEKDAY_AFTER.exec(text.slice(end));
  if (zh) return { extendStart: 0, extendEnd: zh[0].length, written: zh[1] === '天' ? 7 : ZH_WEEKDAYS.indexOf(zh[1] ?? '') + 1 };
  return undefined;
}

export const EN_WEEK_OF = caseForms(/\b(from\s+)?(?:the\s+)?(?:calendar\s+)?week\s+(?:of|containing|including)\s+(?:the\s+)?$/iu);
// "周" right after a date is its weekday ("12月12日周日"): the week needs 所在, 那 or 这.
const ZH_WEEK_OF = /^\s*(?:所在的?\s*(?:那|这)?|的?(?:那|这))\s*一?\s*个?\s*(?:周|星期|礼拜)(?![一二三四五六日天])/u;
export const RANGE_AHEAD = caseForms(/^\s*(?:到|至|~|-|–|—|to\b|through\b|thru\b|until\b|till\b)/iu);

/** The phrases around a period of one day that make it another: its weekday checked, or the week holding it. */
export function dateNeighbours(text: string, start: number, end: number, period: RawPeriod, asOf: IsoDate, form: keyof CaseForms): DateNeighbour[] {
  if (period.modifierOnly) return [];
  if (period.start !== period.end) {
    // "国庆那周": a festival a week long is its own week.
    if (!period.event || daysBetween(period.start, period.end) !== 6) return [];
    const before = EN_WEEK_OF[form].exec(text.slice(0, start))?.[0].length ?? 0;
    const after = before > 0 ? 0 : (ZH_WEEK_OF.exec(text.slice(end))?.[0].length ?? 0);
    return before + after > 0 ? [{ extendStart: before, extendEnd: after, period }] : [];
  }
  const found: DateNeighbour[] = [];
  const weekday = period.explicit ? weekdayBeside(text, start, end, form) : undefined;
  if (weekday) {
    const actual = isoWeekday(period.start);
    found.push({ extendStart: weekday.extendStart, extendEnd: weekday.extendEnd, period: actual === weekday.written ? period : { ...period, weekdayConflict: { written: weekday.written, actual } } });
  }
  const weekOf = EN_WEEK_OF[form].exec(text.slice(0, start));
  const zhWeekOf = weekOf ? null : ZH_WEEK_OF.exec(text.slice(end));
  if (weekOf || zhWeekOf) {
    const week = weekPeriod(period.start);
    const label = { en: `the week of ${period.label_en}`, zh: `${period.label_zh}所在周` };
    // "from the week of Sep 15" with no end named: from that Monday to the as-of date.
    const since = weekOf?.[1] !== undefined && !RANGE_AHEAD[form].test(text.slice(end)) && week.start <= asOf;
    const weekly: RawPeriod = since
      ? { start: week.start, end: asOf, explicit: true, label_en: `since ${label.en}`, label_zh: `${label.zh}以来` }
      : { ...week, unit: 'week', explicit: true, label_en: label.en, label_zh: label.zh };
    found.push({ extendStart: weekOf?.[0].length ?? 0, extendEnd: zhWeekOf?.[0].length ?? 0, period: weekly });
  }
  return found;
}

/** The date nearest to `date` that falls on the ISO weekday (at most three days away): what a contradicted weekday may mean. */
export function nearestWeekday(date: IsoDate, weekday: number): IsoDate {
  const forward = (weekday - isoWeekday(date) + 7) % 7;
  return forward <= 3 ? addDays(date, forward) : addDays(date, forward - 7);
}
