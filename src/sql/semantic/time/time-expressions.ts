import { ABSOLUTE_TIME_RULES } from './absolute-time-rules.ts';
import { addDays, daysBetween, minDate, type DateRange, type IsoDate } from './calendar-date.ts';
import { RELATIVE_TIME_RULES } from './relative-time-rules.ts';
import { anchoredOffsets, applyOffset } from './anchored-offsets.ts';
import { isIsoDate } from '../compile/sql-literals.ts';
import { SemanticQueryError } from '../semantic-error.ts';
import { naturalUnitEnd, previousPeriod, yearAgoPeriod, type RawPeriod, type TimeRule } from './time-period.ts';
import { caseForms, hasCase, type CaseForms } from './caseless-pattern.ts';

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
const RULES: { rule: TimeRule; pattern: CaseForms; guard?: CaseForms }[] = [...ABSOLUTE_TIME_RULES, ...RELATIVE_TIME_RULES].map((rule) => ({
  rule,
  pattern: caseForms(rule.pattern),
  ...(rule.guard ? { guard: caseForms(rule.guard) } : {}),
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
  const candidates: { start: number; end: number; period: RawPeriod }[] = [];
  for (const { rule, pattern, guard } of RULES) {
    if (guard && !guard[form].test(source)) continue;
    for (const match of allMatches(pattern[form], source)) {
      const period = rule.resolve(match, asOfDate);
      if (period) candidates.push({ start: match.index, end: match.index + match[0].length, period });
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
    if (!RANGE_JOIN[form].test(source.slice(from.end, to.start))) continue;
    const period: RawPeriod = { start: from.period.start, end: to.period.end > from.period.end ? to.period.end : from.period.end, label_en: `${from.period.label_en} to ${to.period.label_en}`, label_zh: `${from.period.label_zh}至${to.period.label_zh}` };
    chosen.splice(index, 2, { start: from.start, end: to.end, period });
  }
  return chosen.map((candidate) => toMatch(candidate.period, text.slice(candidate.start, candidate.end), candidate.start, asOfDate));
}

const CHANGE_WORDS = caseForms(/变化|增长|增加|下降|减少|涨|跌|增幅|降幅|对比|相比|\bchang(?:e|ed|es)\b|\bgr(?:ew|own|owth)\b|\bincreas|\bdecreas|\bdrop|\bfell\b|\brose\b|\bcompar|\bvs\b|\bversus\b/iu);
const RANGE_JOIN_AHEAD = caseForms(/^\s*(?:到|至|~|-|–|—|to\b|through\b|thru\b|until\b|till\b)/iu);
const RANGE_JOIN = caseForms(/^\s*(?:到|至|~|-|–|—|\bto\b|\bthrough\b|\bthru\b|\buntil\b|\btill\b)\s*$/iu);

const SINCE_BEFORE = caseForms(/(?:\bsince|\bstarting(?: from)?|自|从)\s*$/iu);
const SINCE_AFTER = caseForms(/^\s*(?:以来|至今|到现在|到今天|起至今|起|开始|\bonwards?\b|\bto date\b|\buntil now\b)/iu);

const YEAR_OVER_YEAR = caseForms(/同比|去年同期|\byear[\s-](?:over|on)[\s-]year\b|\byoy\b|same\s+period\s+last\s+year/iu);
/** True when the text asks for a year-over-year comparison (同比, YoY, same period last year). */
export function asksYearOverYear(text: string): boolean {
  return YEAR_OVER_YEAR[hasCase(text) ? 'asWritten' : 'lowerCase'].test(text);
}
const COMPARISON = caseForms(/对比|相比|比较|相较|较|\bvs\.?|\bversus\b|\bcompared?\b|\bagainst\b|比/iu);

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
  const matches = findTimeExpressions(text, asOfDate);
  const modifiers = matches.filter((match) => match.modifierOnly);
  let ranges = matches.filter((match) => !match.modifierOnly);
  if (ranges.length === 0 && modifiers.length === 0) return undefined;
  if (ranges.length === 0) ranges = [modifiers[0] as TimeExpressionMatch];
  const weekdays = modifiers[0]?.weekdays;
  const form: keyof CaseForms = hasCase(text) ? 'asWritten' : 'lowerCase';
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
    current = contains(first, second) ? second : first;
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
