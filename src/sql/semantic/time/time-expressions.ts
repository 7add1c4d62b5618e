import { ABSOLUTE_TIME_RULES } from './absolute-time-rules.ts';
import { addDays, daysBetween, minDate, type DateRange, type IsoDate } from './calendar-date.ts';
import { RELATIVE_TIME_RULES } from './relative-time-rules.ts';
import { anchoredOffsets, applyOffset } from './anchored-offsets.ts';
import { isIsoDate } from '../compile/sql-literals.ts';
import { SemanticQueryError } from '../semantic-error.ts';
import { naturalUnitEnd, previousPeriod, yearAgoPeriod, type RawPeriod, type TimeRule } from './time-period.ts';
import { caseForms, hasCase, type CaseForms } from './caseless-pattern.ts';
import { SHORT_DATE_RULES } from './short-date-rules.ts';
import { dateNeighbours } from './date-neighbours.ts';

export interface LabelledRange extends DateRange {
  label_en: string;
  label_zh: string;
}

/** One recognised phrase, resolved against the as-of date (the latest date in the data = "today"). */
export interface TimeExpressionMatch extends LabelledRange {
  matchedText: string;
  /** Position of the phrase in the question. */
  index: number;
  /** The period just before, for "compared with the previous period". */
  previous: LabelledRange;
  /** ISO weekdays the phrase restricts to (weekends [6, 7], weekdays [1…5]). */
  weekdays?: number[];
  modifierOnly: boolean;
  /** One of two periods written as a pair around one anchor ("双十一前一周和后一周"): compared with the other. */
  pairedComparison?: boolean;
  /** "跟前7天比": this many days right before the other period named, which it is compared with. */
  precedingDays?: number;
  /** A calendar unit so far: it runs to the as-of date ("this week" on a Tuesday). */
  toDate?: boolean;
  /** The calendar unit the phrase names, when it names one. */
  unit?: RawPeriod['unit'];
  /** Dates written out, and festivals: beside each other the dates give the period (see resolveTimeExpression). */
  explicit?: boolean;
  event?: boolean;
  /** A festival whose dates the explicit dates beside it give ("双十一预热期（11月1日到11月10日）"): named, not the period. */
  superseded?: boolean;
  /** The weekday written beside the date is another day's (ISO weekdays): to be asked back, not answered. */
  weekdayConflict?: { written: number; actual: number };
}

export interface ResolvedTimeExpression extends LabelledRange {
  matchedText: string;
  /** Comparison period: the other named period, the same dates a year earlier (同比/YoY) or the previous period. */
  previous: LabelledRange;
  comparison: 'named_period' | 'year_over_year' | 'previous_period';
  weekdays?: number[];
  matches: TimeExpressionMatch[];
}

/** Each rule with its pattern and guard as written and as copies for lower-case text (caseless-pattern.ts). */
const RULES: { rule: TimeRule; pattern: CaseForms; guard?: CaseForms; relative: boolean }[] = [...ABSOLUTE_TIME_RULES, ...SHORT_DATE_RULES, ...RELATIVE_TIME_RULES].map((rule) => ({
  rule,
  pattern: caseForms(rule.pattern),
  ...(rule.guard ? { guard: caseForms(rule.guard) } : {}),
  relative: RELATIVE_TIME_RULES.includes(rule),
}));

/** Full-width digits, letters and punctuation to ASCII, one character for one so positions stay valid. */
function normalise(text: string): string {
  return text
    .replace(/[０-９Ａ-Ｚａ-ｚ．／－～]/gu, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0))
    .replace(/[“”]/gu, '"')
    .replace(/’/gu, "'");
}

function labelled(range: DateRange, label_en: string, label_zh: string): LabelledRange {
  return {
    ...range,
    label_en: `${label_en} (${range.start} to ${range.end})`,
    label_zh: `${label_zh}（${range.start} 至 ${range.end}）`,
  };
}

/** Clips to the as-of date: "this month" in the middle of the month ends on the as-of date. */
function clip(period: RawPeriod, asOf: IsoDate): RawPeriod {
  return period.start <= asOf ? { ...period, end: minDate(period.end, asOf) } : period;
}

function toMatch(period: RawPeriod, text: string, index: number, asOf: IsoDate): TimeExpressionMatch {
  const clipped = clip(period, asOf);
  return {
    ...labelled(clipped, period.label_en, period.label_zh),
    matchedText: text,
    index,
    previous: labelled(previousPeriod(clipped), `period before ${period.label_en}`, `${period.label_zh}的上一期`),
    ...(period.weekdays ? { weekdays: period.weekdays } : {}),
    modifierOnly: period.modifierOnly ?? false,
    ...(period.pairedComparison ? { pairedComparison: true } : {}),
    ...(period.precedingDays ? { precedingDays: period.precedingDays } : {}),
    ...(clipped.end < period.end || clipped.end < naturalUnitEnd(period) ? { toDate: true } : {}),
    ...(period.unit ? { unit: period.unit } : {}),
    ...(period.explicit ? { explicit: true } : {}),
    ...(period.event ? { event: true } : {}),
    ...(period.weekdayConflict ? { weekdayConflict: period.weekdayConflict } : {}),
  };
}

/**
 * What a later named period is compared with when an earlier one is named too: the earlier one, or, when the later is
 * a calendar unit still running ("this week vs last week" on a Tuesday), the same days of the earlier unit — a part
 * against a whole would read as a fall.
 */
export function comparedPeriod(later: TimeExpressionMatch, earlier: TimeExpressionMatch): LabelledRange {
  const sameDays = later.toDate && later.unit !== undefined && later.unit === earlier.unit && earlier.end < later.start ? daysBetween(later.start, later.end) : undefined;
  if (sameDays !== undefined && daysBetween(earlier.start, earlier.end) > sameDays) {
    return labelled({ start: earlier.start, end: addDays(earlier.start, sameDays) }, `the same days of ${earlier.label_en.replace(/ \(.*\)$/, '')}`, `${earlier.label_zh.replace(/（.*）$/, '')}的同期`);
  }
  return { start: earlier.start, end: earlier.end, label_en: earlier.label_en, label_zh: earlier.label_zh };
}

export function assertAsOfDate(asOfDate: string): void {
  if (!isIsoDate(asOfDate)) {
    throw new SemanticQueryError(`The as-of date "${asOfDate}" is not a date; pass YYYY-MM-DD (see loadAsOfDate).`, {
      parameter: 'asOfDate',
    });
  }
}

/**
 * The matches `text.matchAll(pattern)` gives for a global pattern, without the copy of the pattern matchAll makes on
 * every call (about a tenth of a question's reading went to the ~50 copies).
 */
function allMatches(pattern: RegExp, text: string): RegExpExecArray[] {
  const matches: RegExpExecArray[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    matches.push(match);
    // An empty match moves on by one character, as matchAll does (a whole surrogate pair with the u flag).
    if (match[0] === '') pattern.lastIndex += pattern.unicode && /[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(text.slice(pattern.lastIndex, pattern.lastIndex + 2)) ? 2 : 1;
  }
  return matches;
}

/**
 * Every time phrase in the text, left to right, without overlaps: where phrases overlap the longest wins
 * ("10月1日到10月7日" beats "10月1日"; "上周末" beats "上周").
 */
export function findTimeExpressions(text: string, asOfDate: IsoDate): TimeExpressionMatch[] {
  assertAsOfDate(asOfDate);
  const source = normalise(text);
  const form: keyof CaseForms = hasCase(source) ? 'asWritten' : 'lowerCase';
  const candidates: { start: number; end: number; period: RawPeriod; relative?: boolean }[] = [];
  for (const { rule, pattern, guard, relative } of RULES) {
    if (guard && !guard[form].test(source)) continue;
    for (const match of allMatches(pattern[form], source)) {
      const period = rule.resolve(match, asOfDate);
      if (period) candidates.push({ start: match.index, end: match.index + match[0].length, period, ...(relative ? { relative } : {}) });
    }
  }
  // "双十一前一周", "the week before Black Friday": the offset words join the anchor's match, so that no other
  // rule reads "前一周" as the rolling last week.
  for (const candidate of [...candidates]) {
    if (candidate.period.modifierOnly) continue;
    const anchored = anchoredOffsets(source, candidate.start, candidate.end, candidate.period);
    if (!anchored) continue;
    const [first, second] = anchored.offsets;
    const anchor = candidate.period;
    const from = candidate.start - anchored.extendStart;
    const to = candidate.end + anchored.extendEnd;
    if (!second) {
      candidates.push({ start: from, end: to, period: applyOffset(anchor, first!) });
      continue;
    }
    // Two offsets around one anchor: two periods with spans of their own, compared with each other.
    const split = anchored.extendStart > 0 ? from + anchored.firstLength : candidate.end + anchored.firstLength;
    candidates.push({ start: from, end: split, period: { ...applyOffset(anchor, first!), pairedComparison: true } });
    candidates.push({ start: split, end: to, period: { ...applyOffset(anchor, second), pairedComparison: true } });
  }
  // "国庆期间…比节前一周", "Black Friday vs the week before the holiday": 节 / the holiday points back at the festival
  // named before it, so the offset counts from that festival (not a rolling week ending today).
  for (const holiday of allMatches(HOLIDAY_BACK[form], source)) {
    const anchor = candidates.filter((candidate) => candidate.period.event && candidate.end <= holiday.index).sort((left, right) => left.end - right.end).at(-1);
    const anchored = anchoredOffsets(source, holiday.index, holiday.index + holiday[0].length, anchor?.period ?? { start: asOfDate, end: asOfDate, label_en: '', label_zh: '' });
    if (!anchored || anchored.offsets.length !== 1) continue;
    const [start, end] = [holiday.index - anchored.extendStart, holiday.index + holiday[0].length + anchored.extendEnd];
    if (anchor) {
      candidates.push({ start, end, period: applyOffset(anchor.period, anchored.offsets[0]!) });
      continue;
    }
    // No festival in this question (a follow-up): "节前一周（9.24-9.30）" is described by the dates after it.
    const opening = /^\s*[(（]\s*/u.exec(source.slice(end))?.[0].length;
    const described = opening === undefined ? undefined : candidates.find((candidate) => candidate.start === end + opening && candidate.period.explicit);
    const closing = described ? (/^\s*[)）]/u.exec(source.slice(described.end))?.[0].length ?? 0) : 0;
    if (described) candidates.push({ start, end: described.end + closing, period: described.period });
  }
  // "Sunday 12 December", "12月12日（周日）", "the week of Sep 15", "双十一那周": words beside one date that belong to it.
  for (const candidate of [...candidates]) {
    for (const neighbour of dateNeighbours(source, candidate.start, candidate.end, candidate.period, asOfDate, form)) {
      candidates.push({ start: candidate.start - neighbour.extendStart, end: candidate.end + neighbour.extendEnd, period: neighbour.period });
    }
  }
  // "since September", "9月以来", "从10月1日起": the period runs from the named start to the as-of date; the
  // marker words join the match so that no other rule reads them ("月以来" is not a rolling month).
  for (const candidate of candidates) {
    const before = SINCE_BEFORE[form].exec(source.slice(0, candidate.start));
    const after = SINCE_AFTER[form].exec(source.slice(candidate.end));
    if (!before && !after) continue;
    if (candidate.period.start > asOfDate) continue;
    // "从9月到11月" ends where it says, not at the as-of date (joined below).
    if (!after && RANGE_JOIN_AHEAD[form].test(source.slice(candidate.end))) continue;
    candidate.period = { ...candidate.period, end: asOfDate, label_en: `since ${candidate.period.label_en}`, label_zh: `${candidate.period.label_zh}以来` };
    if (before) candidate.start -= before[0].length;
    if (after) candidate.end += after[0].length;
  }
  candidates.sort((left, right) => right.end - right.start - (left.end - left.start) || left.start - right.start);
  const chosen: typeof candidates = [];
  for (const candidate of candidates) {
    if (chosen.every((other) => candidate.end <= other.start || candidate.start >= other.end)) chosen.push(candidate);
  }
  chosen.sort((left, right) => left.start - right.start);
  // "9月到11月", "sept to nov", "2024年12月至2025年2月": two periods joined by a range word are one period from the
  // start of the first to the end of the second (they were read as two periods compared with each other).
  // A question about a change ("change from Oct to Nov", "9月到11月增长了多少") compares the two periods instead.
  for (let index = 0; index + 1 < chosen.length && !CHANGE_WORDS[form].test(source); index += 1) {
    const [from, to] = [chosen[index]!, chosen[index + 1]!];
    if (from.period.modifierOnly || to.period.modifierOnly || from.period.start >= to.period.start) continue;
    const joined = RANGE_JOIN[form].test(source.slice(from.end, to.start)) || bothOf(from, to, source.slice(from.end, to.start), source, form);
    if (!joined) continue;
    const period: RawPeriod = { start: from.period.start, end: to.period.end > from.period.end ? to.period.end : from.period.end, label_en: `${from.period.label_en} to ${to.period.label_en}`, label_zh: `${from.period.label_zh}至${to.period.label_zh}` };
    chosen.splice(index, 2, { start: from.start, end: to.end, period });
    index -= 1;
  }
  return chosen.map((candidate) => toMatch(candidate.period, text.slice(candidate.start, candidate.end), candidate.start, asOfDate));
}

/**
 * "Use October and November", "10月和11月的GMV": two calendar periods one after the other, joined by "and" with no
 * comparison asked, are one period covering both. Festivals and periods counted from today ("上周和本周") stay two.
 */
function bothOf(from: { period: RawPeriod; relative?: boolean }, to: { period: RawPeriod; relative?: boolean }, between: string, source: string, form: keyof CaseForms): boolean {
  if (from.relative || to.relative || from.period.event || to.period.event) return false;
  if (addDays(from.period.end, 1) !== to.period.start || !AND_JOIN[form].test(between)) return false;
  return !COMPARISON[form].test(source.replace(/占比|比例|比率|比重/gu, '')) && !EACH_WORDS[form].test(source);
}

const HOLIDAY_BACK = caseForms(/节(?=\s*的?\s*之?[前后])|\b(?:holiday|festival)\b/giu);
const AND_JOIN = caseForms(/^\s*(?:and|&|plus|和|与|及|以及|跟|、|,|，)\s*$/iu);
const EACH_WORDS = caseForms(/分别|各自|\beach\s+(?:month|quarter|period)\b|\brespectively\b|\bseparately\b|\bside\s+by\s+side\b/iu);
const CHANGE_WORDS = caseForms(/变化|增长|增加|下降|减少|涨|跌|增幅|降幅|对比|相比|\bchang(?:e|ed|es)\b|\bgr(?:ew|own|owth)\b|\bincreas|\bdecreas|\bdrop|\bfell\b|\brose\b|\bcompar|\bvs\b|\bversus\b/iu);
const RANGE_JOIN_AHEAD = caseForms(/^\s*(?:到|至|~|-|–|—|to\b|through\b|thru\b|until\b|till\b)/iu);
const RANGE_JOIN = caseForms(/^\s*(?:到|至|~|-|–|—|\bto\b|\bthrough\b|\bthru\b|\buntil\b|\btill\b)\s*$/iu);

// "since the start of October": from its first day.
const SINCE_BEFORE = caseForms(/(?:\bsince|\bstarting(?: from)?|自|从)\s*(?:the\s+(?:start|beginning)\s+of\s+)?$/iu);
const SINCE_AFTER = caseForms(/^\s*(?:以来|至今|到现在|到今天|起至今|起|开始|\bonwards?\b|\bto date\b|\buntil now\b)/iu);

const YEAR_OVER_YEAR = caseForms(/同比|去年同期|\byear[\s-](?:over|on)[\s-]year\b|\byoy\b|same\s+period\s+last\s+year/iu);
/** True when the text asks for a year-over-year comparison (同比, YoY, same period last year). */
export function asksYearOverYear(text: string): boolean {
  return YEAR_OVER_YEAR[hasCase(text) ? 'asWritten' : 'lowerCase'].test(text);
}
const COMPARISON = caseForms(/对比|相比|比较|相较|较|\bvs\.?|\bversus\b|\bcompared?\b|\bagainst\b|比/iu);

/**
 * Two phrases with at most a short description between them ("预热期（", " week (", "）"), not two periods listed
 * ("双十一和11月1日").
 */
function besideEachOther(text: string, first: TimeExpressionMatch, second: TimeExpressionMatch): boolean {
  const [left, right] = first.index <= second.index ? [first, second] : [second, first];
  const between = text.slice(left.index + left.matchedText.length, right.index);
  return between.length <= 10 && !LISTED[hasCase(between) ? 'asWritten' : 'lowerCase'].test(between);
}
const LISTED = caseForms(/和|与|跟|及|或|、|[,，;；]|\band\b|\bor\b|\bplus\b/iu);

function contains(outer: DateRange, inner: DateRange): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/**
 * The period a question is about and what to compare it with. Two named periods with a comparison word
 * ("10月 vs 9月") compare the later with the earlier; 同比/YoY compares with the same dates a year earlier;
 * otherwise the previous period. A narrower period inside a wider one wins ("双十一 in November" = Nov 11).
 * Returns undefined when the text names no time at all.
 */
export function resolveTimeExpression(text: string, asOfDate: IsoDate): ResolvedTimeExpression | undefined {
  let matches = findTimeExpressions(text, asOfDate);
  const form: keyof CaseForms = hasCase(text) ? 'asWritten' : 'lowerCase';
  // "双十一预热期（11月1日到11月10日）的漏斗": dates written out beside a festival, and not compared with it, are the
  // period; the festival only names it. "双十一 vs 11月1日到11月10日" compares the two.
  if (!COMPARISON[form].test(text)) {
    const explicit = matches.filter((match) => match.explicit);
    matches = matches.map((match) => (match.event && !match.explicit && explicit.some((dates) => besideEachOther(text, match, dates)) ? { ...match, superseded: true } : match));
  }
  const modifiers = matches.filter((match) => match.modifierOnly);
  let ranges = matches.filter((match) => !match.modifierOnly && !match.superseded);
  if (ranges.length === 0 && modifiers.length === 0) return undefined;
  if (ranges.length === 0) ranges = [modifiers[0] as TimeExpressionMatch];
  const weekdays = modifiers[0]?.weekdays;
  const yearOverYear = YEAR_OVER_YEAR[form].test(text);
  const [first, second] = ranges as [TimeExpressionMatch, TimeExpressionMatch | undefined];
  let current = first;
  let previous: LabelledRange = first.previous;
  let comparison: ResolvedTimeExpression['comparison'] = 'previous_period';
  if (!second && first.precedingDays && !COMPARISON[form].test(text)) {
    // "GMV for the previous 7 days", with nothing to compare: the last 7 days.
    const days = first.precedingDays;
    current = { ...first, ...labelled({ start: addDays(first.start, days), end: addDays(first.end, days) }, `last ${days} days`, `近${days}天`) };
    previous = first;
  }
  const precedingWindow = second?.precedingDays ? second : first.precedingDays && second ? first : undefined;
  if (precedingWindow && second) {
    // "近7天的转化率跟前7天比": the window of that length right before the other period.
    current = precedingWindow === second ? first : second;
    const days = precedingWindow.precedingDays ?? 1;
    previous = labelled({ start: addDays(current.start, -days), end: addDays(current.start, -1) }, `the ${days} days before`, `之前${days}天`);
    comparison = 'named_period';
  } else if (second && (contains(first, second) || contains(second, first))) {
    const [wider, narrower] = contains(first, second) ? [first, second] : [second, first];
    // "from Nov 1 to Nov 11 — the Double 11 build-up": dates typed out around a festival are the period; the festival
    // inside them is context. "双十一 in November" is still the festival.
    current = wider.explicit && narrower.event ? wider : narrower;
    previous = current.previous;
  } else if (second && (COMPARISON[form].test(text) || (first.pairedComparison && second.pairedComparison))) {
    const [later, earlier] = first.start >= second.start ? [first, second] : [second, first];
    current = later;
    previous = comparedPeriod(later, earlier);
    comparison = 'named_period';
  }
  if (yearOverYear && comparison !== 'named_period') {
    previous = labelled(yearAgoPeriod(current), 'same period last year', '去年同期');
    comparison = 'year_over_year';
  }
  const weekdayLabel = weekdays ? { en: weekdays.length === 2 ? ', weekends only' : ', weekdays only', zh: weekdays.length === 2 ? '（仅周末）' : '（仅工作日）' } : undefined;
  const matchedText = [current, ...(current.modifierOnly ? [] : modifiers)].map((match) => match.matchedText).join(' + ');
  return {
    start: current.start,
    end: current.end,
    label_en: `${current.label_en}${weekdayLabel?.en ?? ''}`,
    label_zh: `${current.label_zh}${weekdayLabel?.zh ?? ''}`,
    matchedText,
    previous,
    comparison,
    ...(weekdays ? { weekdays } : {}),
    matches,
  };
}
