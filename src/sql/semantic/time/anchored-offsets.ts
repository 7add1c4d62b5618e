import { addDays, type IsoDate } from './calendar-date.ts';
import { parseNumber } from '../../../text/number-words.ts';
import type { RawPeriod } from './time-period.ts';
import { caseForms, hasCase } from './caseless-pattern.ts';

/**
 * Periods counted from another named period: "双十一前一周", "国庆后三天", "the week before Black Friday",
 * "3 days after singles day", and the elided pair "双十一前一周和后一周" / "the week before and after Double 11".
 * Without this the anchor alone was answered (Nov 11 instead of Nov 4–10), or the offset words were read as a
 * rolling window ending today.
 */
export interface AnchoredOffset {
  direction: 'before' | 'after';
  days: number;
  en: string;
  zh: string;
}

const ZH_COUNT = '([0-9一二两三四五六七八九十]{1,3})?';
const ZH_UNIT = '(个?(?:天|日|周|星期|礼拜))';
const ZH_DIRECTION = '(之?前|之?后)';
const ZH_JOIN = '(?:和|与|跟|及|以及|、|对比|相比|比|vs\\.?)';
/** After the anchor: "前一周", "的后3天", "前一周和后一周". */
const ZH_AFTER_ANCHOR = new RegExp(
  `^\\s*(?:的)?\\s*${ZH_DIRECTION}\\s*${ZH_COUNT}\\s*${ZH_UNIT}(?:\\s*${ZH_JOIN}\\s*(?:的)?\\s*${ZH_DIRECTION}\\s*${ZH_COUNT}\\s*${ZH_UNIT})?`,
  'u',
);

const EN_COUNT = '(?:(\\d{1,2}|a|one|two|three|four|five|six|seven|ten|fourteen)\\s+)?';
const EN_UNIT = '(days?|weeks?)';
const EN_DIRECTION = '(before|after|leading\\s+up\\s+to|prior\\s+to|following)';
/**
 * Before the anchor: "the week before ", "3 days after ", "the week before and the week after ", "the week before and
 * after ". Tried on the text before every period a question names; a copy without the i flag for lower-case text.
 */
export const EN_BEFORE_ANCHOR = caseForms(new RegExp(
  `\\b(?:the\\s+)?${EN_COUNT}${EN_UNIT}\\s+${EN_DIRECTION}(?:\\s+(?:and|vs\\.?|versus|compared\\s+(?:with|to))\\s+(?:(?:the\\s+)?${EN_COUNT}${EN_UNIT}\\s+)?${EN_DIRECTION})?\\s+(?:the\\s+)?$`,
  'iu',
));

const ENGLISH_COUNTS: Readonly<Record<string, number>> = { a: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, ten: 10, fourteen: 14 };

function count(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return 1;
  return ENGLISH_COUNTS[text.toLowerCase()] ?? parseNumber(text);
}

function offset(directionText: string, countText: string | undefined, unitText: string): AnchoredOffset | undefined {
  const units = count(countText);
  if (units === undefined || units < 1 || units > 90) return undefined;
  const weeks = /周|星期|礼拜|week/iu.test(unitText);
  const days = weeks ? units * 7 : units;
  const direction = /前|before|up\s+to|prior/iu.test(directionText) ? 'before' : 'after';
  const enUnit = weeks ? (units === 1 ? 'the week' : `${units} weeks`) : units === 1 ? 'the day' : `${units} days`;
  const zhUnit = weeks ? `${units === 1 ? '一' : units}周` : `${units === 1 ? '一' : units}天`;
  return { direction, days, en: `${enUnit} ${direction}`, zh: `${direction === 'before' ? '前' : '后'}${zhUnit}` };
}

export interface AnchoredMatch {
  /** Characters to add before the anchor's match (English) and after it (Chinese). */
  extendStart: number;
  extendEnd: number;
  /** Of the added characters, how many belong to the first offset (the rest name the second one). */
  firstLength: number;
  offsets: AnchoredOffset[];
}

const ZH_SINGLE = new RegExp(`^\\s*(?:的)?\\s*${ZH_DIRECTION}\\s*${ZH_COUNT}\\s*${ZH_UNIT}`, 'u');
export const EN_JOIN_START = caseForms(/\s+(?:and|vs\.?|versus|compared\s+(?:with|to))\s+/iu);

/**
 * The offsets written around an anchor that spans [start, end) of the text, if any. In Chinese only a day or a
 * festival anchors one: after a month or week "前10天" means its first days ("11月前10天"), a rule of its own.
 */
export function anchoredOffsets(text: string, start: number, end: number, anchor: RawPeriod): AnchoredMatch | undefined {
  const dayAnchor = anchor.unit === undefined || anchor.unit === 'day';
  const after = dayAnchor ? ZH_AFTER_ANCHOR.exec(text.slice(end)) : null;
  if (after) {
    const first = offset(after[1] ?? '', after[2], after[3] ?? '');
    // An elided count or unit in the second half reuses the first's: "前一周和后一周", "前三天和后三天".
    const second = after[4] === undefined ? undefined : offset(after[4], after[5] ?? after[2], after[6] ?? after[3] ?? '');
    const firstLength = second ? (ZH_SINGLE.exec(after[0])?.[0].length ?? after[0].length) : after[0].length;
    if (first) return { extendStart: 0, extendEnd: after[0].length, firstLength, offsets: second ? [first, second] : [first] };
  }
  const form = hasCase(text) ? 'asWritten' : 'lowerCase';
  const before = EN_BEFORE_ANCHOR[form].exec(text.slice(0, start));
  if (before) {
    const first = offset(before[3] ?? '', before[1], before[2] ?? '');
    const second = before[6] === undefined ? undefined : offset(before[6], before[4] ?? before[1], before[5] ?? before[2] ?? '');
    const firstLength = second ? (EN_JOIN_START[form].exec(before[0])?.index ?? before[0].length) : before[0].length;
    if (first) return { extendStart: before[0].length, extendEnd: 0, firstLength, offsets: second ? [first, second] : [first] };
  }
  return undefined;
}

/** The period `offset` counts from `anchor`: the days just before its start or just after its end. */
export function applyOffset(anchor: RawPeriod, offset: AnchoredOffset): RawPeriod {
  const [start, end]: [IsoDate, IsoDate] =
    offset.direction === 'before' ? [addDays(anchor.start, -offset.days), addDays(anchor.start, -1)] : [addDays(anchor.end, 1), addDays(anchor.end, offset.days)];
  return {
    start,
    end,
    unit: 'day',
    label_en: `${offset.en} ${anchor.label_en}`,
    label_zh: `${anchor.label_zh}${offset.zh}`,
    ...(anchor.weekdays ? { weekdays: anchor.weekdays } : {}),
  };
}
