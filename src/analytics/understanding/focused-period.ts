import { addDays, addMonths, type IsoDate } from '../../sql/semantic/time/calendar-date.ts';
import { pointedPeriodGrain } from './rules/focused-period-rules.ts';

/** A day, week or month an answer led with ("the week of 2025-11-10 had the highest GMV"). */
export interface FocusedPeriod {
  grain: 'day' | 'week' | 'month';
  /** The bucket's first day, as the answer's time column shows it. */
  start: string;
}

/**
 * The dates of the bucket a follow-up points at ("that week"), kept inside the period the previous answer covered
 * (its first week may begin before the period did). Undefined when the follow-up names another grain, or none and
 * no pronoun ("it", "its", "它") points back.
 */
export function pointedPeriodRange(normalizedQuestion: string, focused: FocusedPeriod, previousRange: { start: string; end: string }, pronoun: boolean): { start: string; end: string } | undefined {
  // "它的订单数呢" after the best week points at that week as "那周" does; "that day" after a week does not.
  const grain = pointedPeriodGrain(normalizedQuestion);
  if ((grain ?? (pronoun ? focused.grain : undefined)) !== focused.grain || !/^\d{4}-\d{2}-\d{2}$/.test(focused.start)) return undefined;
  const start = focused.start as IsoDate;
  const end = focused.grain === 'day' ? start : focused.grain === 'week' ? addDays(start, 6) : addDays(addMonths(start, 1), -1);
  return { start: start < previousRange.start ? previousRange.start : start, end: end > previousRange.end ? previousRange.end : end };
}
