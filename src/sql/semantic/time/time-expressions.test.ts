import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dateParts, makeDate, rangeLength } from './calendar-date.ts';
import { parseChineseNumber } from '../../../text/number-words.ts';
import { compileSemanticQuery } from '../compile/compile-query.ts';
import { findTimeExpressions, resolveTimeExpression } from './time-expressions.ts';
import { timeQueryParts } from './time-query-parts.ts';

const SUNDAY = '2025-11-30';
const WEDNESDAY = '2025-11-12';

// [phrase, as-of date, expected start, expected end, expected previous start, expected previous end]
const TABLE: [string, string, string, string, string, string][] = [
  ['今天的GMV', SUNDAY, '2025-11-30', '2025-11-30', '2025-11-29', '2025-11-29'],
  ["today's GMV", SUNDAY, '2025-11-30', '2025-11-30', '2025-11-29', '2025-11-29'],
  ['昨天订单数', SUNDAY, '2025-11-29', '2025-11-29', '2025-11-28', '2025-11-28'],
  ['orders yesterday', SUNDAY, '2025-11-29', '2025-11-29', '2025-11-28', '2025-11-28'],
  ['上周的销售额', WEDNESDAY, '2025-11-03', '2025-11-09', '2025-10-27', '2025-11-02'],
  ['sales last week', WEDNESDAY, '2025-11-03', '2025-11-09', '2025-10-27', '2025-11-02'],
  ['本周访客', WEDNESDAY, '2025-11-10', '2025-11-12', '2025-11-03', '2025-11-05'],
  ['visitors this week', WEDNESDAY, '2025-11-10', '2025-11-12', '2025-11-03', '2025-11-05'],
  ['last 7 days', SUNDAY, '2025-11-24', '2025-11-30', '2025-11-17', '2025-11-23'],
  ['近7天', SUNDAY, '2025-11-24', '2025-11-30', '2025-11-17', '2025-11-23'],
  ['最近七天', SUNDAY, '2025-11-24', '2025-11-30', '2025-11-17', '2025-11-23'],
  ['过去一周', SUNDAY, '2025-11-24', '2025-11-30', '2025-11-17', '2025-11-23'],
  ['the past week', SUNDAY, '2025-11-24', '2025-11-30', '2025-11-17', '2025-11-23'],
  ['last seven days', SUNDAY, '2025-11-24', '2025-11-30', '2025-11-17', '2025-11-23'],
  ['11月上旬的买家数', SUNDAY, '2025-11-01', '2025-11-10', '2025-10-22', '2025-10-31'],
  ['10月中旬GMV', SUNDAY, '2025-10-11', '2025-10-20', '2025-10-01', '2025-10-10'],
  ['11月底的订单', SUNDAY, '2025-11-21', '2025-11-30', '2025-11-11', '2025-11-20'],
  ['GMV in late october', SUNDAY, '2025-10-21', '2025-10-31', '2025-10-10', '2025-10-20'],
  ['mid-November orders', SUNDAY, '2025-11-11', '2025-11-20', '2025-11-01', '2025-11-10'],
  ['buyers in the first 10 days of november', SUNDAY, '2025-11-01', '2025-11-10', '2025-10-22', '2025-10-31'],
  ['10月前7天的GMV', SUNDAY, '2025-10-01', '2025-10-07', '2025-09-24', '2025-09-30'],
  ['last 30 days', SUNDAY, '2025-11-01', '2025-11-30', '2025-10-02', '2025-10-31'],
  ['近30天', SUNDAY, '2025-11-01', '2025-11-30', '2025-10-02', '2025-10-31'],
  ['近一个月', SUNDAY, '2025-11-01', '2025-11-30', '2025-10-02', '2025-10-31'],
  ['近两周', SUNDAY, '2025-11-17', '2025-11-30', '2025-11-03', '2025-11-16'],
  ['两周内的转化率', SUNDAY, '2025-11-17', '2025-11-30', '2025-11-03', '2025-11-16'],
  ['last two weeks', SUNDAY, '2025-11-17', '2025-11-30', '2025-11-03', '2025-11-16'],
  ['units shifted this fortnight', SUNDAY, '2025-11-17', '2025-11-30', '2025-11-03', '2025-11-16'],
  ['this month', WEDNESDAY, '2025-11-01', '2025-11-12', '2025-10-01', '2025-10-12'],
  ['本月', WEDNESDAY, '2025-11-01', '2025-11-12', '2025-10-01', '2025-10-12'],
  ['last month', SUNDAY, '2025-10-01', '2025-10-31', '2025-09-01', '2025-09-30'],
  ['上个月', SUNDAY, '2025-10-01', '2025-10-31', '2025-09-01', '2025-09-30'],
  ['上月', SUNDAY, '2025-10-01', '2025-10-31', '2025-09-01', '2025-09-30'],
  ['11月', SUNDAY, '2025-11-01', '2025-11-30', '2025-10-01', '2025-10-31'],
  ['十一月', SUNDAY, '2025-11-01', '2025-11-30', '2025-10-01', '2025-10-31'],
  ['November', SUNDAY, '2025-11-01', '2025-11-30', '2025-10-01', '2025-10-31'],
  ['GMV in Nov', SUNDAY, '2025-11-01', '2025-11-30', '2025-10-01', '2025-10-31'],
  ['12月', SUNDAY, '2024-12-01', '2024-12-31', '2024-11-01', '2024-11-30'],
  ['10月1日到10月7日', SUNDAY, '2025-10-01', '2025-10-07', '2025-09-24', '2025-09-30'],
  ['10月1日至7日', SUNDAY, '2025-10-01', '2025-10-07', '2025-09-24', '2025-09-30'],
  ['2025-10-01 to 2025-10-07', SUNDAY, '2025-10-01', '2025-10-07', '2025-09-24', '2025-09-30'],
  ['from Oct 1 to Oct 7', SUNDAY, '2025-10-01', '2025-10-07', '2025-09-24', '2025-09-30'],
  ['October 1st to 7th', SUNDAY, '2025-10-01', '2025-10-07', '2025-09-24', '2025-09-30'],
  ['2025年10月1日到2025年10月7日', SUNDAY, '2025-10-01', '2025-10-07', '2025-09-24', '2025-09-30'],
  ['国庆期间', SUNDAY, '2025-10-01', '2025-10-07', '2025-09-24', '2025-09-30'],
  ['National Day holiday', SUNDAY, '2025-10-01', '2025-10-07', '2025-09-24', '2025-09-30'],
  ['十一黄金周', SUNDAY, '2025-10-01', '2025-10-07', '2025-09-24', '2025-09-30'],
  ['双十一', SUNDAY, '2025-11-11', '2025-11-11', '2025-11-10', '2025-11-10'],
  ['双11当天', SUNDAY, '2025-11-11', '2025-11-11', '2025-11-10', '2025-11-10'],
  ['Double 11', SUNDAY, '2025-11-11', '2025-11-11', '2025-11-10', '2025-11-10'],
  ["on Singles' Day", SUNDAY, '2025-11-11', '2025-11-11', '2025-11-10', '2025-11-10'],
  // A year named with the festival is that year's festival, not the latest one.
  ['2024年双十一', SUNDAY, '2024-11-11', '2024-11-11', '2024-11-10', '2024-11-10'],
  ['Double 11 2023', SUNDAY, '2023-11-11', '2023-11-11', '2023-11-10', '2023-11-10'],
  ['black friday 2024', SUNDAY, '2024-11-29', '2024-11-29', '2024-11-28', '2024-11-28'],
  // The shopping days retailers name around it: its Monday-to-Sunday week, its weekend, Cyber Monday, and BFCM.
  ['Black Friday week 2024', SUNDAY, '2024-11-25', '2024-12-01', '2024-11-18', '2024-11-24'],
  ['the week of black friday 2024', SUNDAY, '2024-11-25', '2024-12-01', '2024-11-18', '2024-11-24'],
  ['2024年黑五当周', SUNDAY, '2024-11-25', '2024-12-01', '2024-11-18', '2024-11-24'],
  ['black friday weekend 2024', SUNDAY, '2024-11-29', '2024-12-01', '2024-11-26', '2024-11-28'],
  ['Cyber Monday 2024', SUNDAY, '2024-12-02', '2024-12-02', '2024-12-01', '2024-12-01'],
  ['Black Friday to Cyber Monday 2024', SUNDAY, '2024-11-29', '2024-12-02', '2024-11-25', '2024-11-28'],
  // A year counted from today with the festival ("去年双十一") is that year's festival, not all of last year or the latest.
  ['去年双十一', SUNDAY, '2024-11-11', '2024-11-11', '2024-11-10', '2024-11-10'],
  ["last year's Singles Day", SUNDAY, '2024-11-11', '2024-11-11', '2024-11-10', '2024-11-10'],
  ['Black Friday last year', SUNDAY, '2024-11-29', '2024-11-29', '2024-11-28', '2024-11-28'],
  ['明年双十一', SUNDAY, '2026-11-11', '2026-11-11', '2026-11-10', '2026-11-10'],
  ['明年', SUNDAY, '2026-01-01', '2026-12-31', '2025-01-01', '2025-12-31'],
  ['next year', SUNDAY, '2026-01-01', '2026-12-31', '2025-01-01', '2025-12-31'],
  ['前年', SUNDAY, '2023-01-01', '2023-12-31', '2022-01-01', '2022-12-31'],
  ['Q3', SUNDAY, '2025-07-01', '2025-09-30', '2025-04-01', '2025-06-30'],
  ['第三季度', SUNDAY, '2025-07-01', '2025-09-30', '2025-04-01', '2025-06-30'],
  ['third quarter', SUNDAY, '2025-07-01', '2025-09-30', '2025-04-01', '2025-06-30'],
  ['this year', SUNDAY, '2025-01-01', '2025-11-30', '2024-01-01', '2024-11-30'],
  ['今年', SUNDAY, '2025-01-01', '2025-11-30', '2024-01-01', '2024-11-30'],
  ['上周末', SUNDAY, '2025-11-22', '2025-11-23', '2025-11-15', '2025-11-16'],
  ['last weekend', SUNDAY, '2025-11-22', '2025-11-23', '2025-11-15', '2025-11-16'],
  ['上上周末的订单', SUNDAY, '2025-11-15', '2025-11-16', '2025-11-08', '2025-11-09'],
  ['the weekend before last', SUNDAY, '2025-11-15', '2025-11-16', '2025-11-08', '2025-11-09'],
  ['三天前', SUNDAY, '2025-11-27', '2025-11-27', '2025-11-26', '2025-11-26'],
  ['3 days ago', SUNDAY, '2025-11-27', '2025-11-27', '2025-11-26', '2025-11-26'],
  ['2025-11-11', SUNDAY, '2025-11-11', '2025-11-11', '2025-11-10', '2025-11-10'],
  ['11月11日', SUNDAY, '2025-11-11', '2025-11-11', '2025-11-10', '2025-11-10'],
  ['Nov 11th', SUNDAY, '2025-11-11', '2025-11-11', '2025-11-10', '2025-11-10'],
  // Weeks of a month are days 1–7, 8–14, 15–21, 22–28 or the last seven.
  ['first week of November', SUNDAY, '2025-11-01', '2025-11-07', '2025-10-25', '2025-10-31'],
  ['11月第一周的订单', SUNDAY, '2025-11-01', '2025-11-07', '2025-10-25', '2025-10-31'],
  ['11月的第二个星期', SUNDAY, '2025-11-08', '2025-11-14', '2025-11-01', '2025-11-07'],
  ['the last weekend of October', SUNDAY, '2025-10-25', '2025-10-26', '2025-10-18', '2025-10-19'],
  ['11月最后一个周末的订单', SUNDAY, '2025-11-29', '2025-11-30', '2025-11-22', '2025-11-23'],
  ['10月最后一周', SUNDAY, '2025-10-25', '2025-10-31', '2025-10-18', '2025-10-24'],
  ['GMV in the last week of October', SUNDAY, '2025-10-25', '2025-10-31', '2025-10-18', '2025-10-24'],
  // Periods counted from another period: the anchor is not the answer, nor is a rolling window ending today.
  ['双十一前三天的订单', SUNDAY, '2025-11-08', '2025-11-10', '2025-11-05', '2025-11-07'],
  ['国庆后一周的订单', SUNDAY, '2025-10-08', '2025-10-14', '2025-10-01', '2025-10-07'],
  ['the week before Black Friday', SUNDAY, '2025-11-21', '2025-11-27', '2025-11-14', '2025-11-20'],
  ['orders in the 3 days after singles day', SUNDAY, '2025-11-12', '2025-11-14', '2025-11-09', '2025-11-11'],
  // After a month, 前10天 is its first days.
  ['11月前10天的GMV', SUNDAY, '2025-11-01', '2025-11-10', '2025-10-22', '2025-10-31'],
];

describe('a window compared with the one before it', () => {
  it.each([
    ['近7天的转化率跟前7天比', '2025-11-24', '2025-11-30', '2025-11-17', '2025-11-23'],
    ['paid orders in the last 7 days compared with the 7 days before', '2025-11-24', '2025-11-30', '2025-11-17', '2025-11-23'],
    ['cancellation rate over the last 30 days vs the prior 30 days', '2025-11-01', '2025-11-30', '2025-10-02', '2025-10-31'],
    ['本月和之前两周相比', '2025-11-01', '2025-11-30', '2025-10-18', '2025-10-31'],
  ])('%s', (text, start, end, previousStart, previousEnd) => {
    const resolved = resolveTimeExpression(text, '2025-11-30');
    expect([resolved?.start, resolved?.end, resolved?.previous.start, resolved?.previous.end, resolved?.comparison]).toEqual([start, end, previousStart, previousEnd, 'named_period']);
  });

  it('reads "the previous 7 days" with nothing to compare as the last 7 days', () => {
    const resolved = resolveTimeExpression('GMV over the previous 7 days', '2025-11-30');
    expect([resolved?.start, resolved?.end]).toEqual(['2025-11-24', '2025-11-30']);
  });
});

describe('resolveTimeExpression: phrases in both languages', () => {
  it.each(TABLE)('%s (as of %s)', (phrase, asOf, start, end, previousStart, previousEnd) => {
    const resolved = resolveTimeExpression(phrase, asOf);
    expect(resolved && { start: resolved.start, end: resolved.end }).toEqual({ start, end });
    expect({ start: resolved?.previous.start, end: resolved?.previous.end }).toEqual({ start: previousStart, end: previousEnd });
    expect(phrase).toContain(resolved?.matchedText.split(' + ')[0]);
  });

  it('recognises weekends as a weekday filter on another period, or alone as the latest weekend', () => {
    const inOctober = resolveTimeExpression('10月周末的GMV', SUNDAY);
    expect(inOctober).toMatchObject({ start: '2025-10-01', end: '2025-10-31', weekdays: [6, 7] });
    const weekendsInOctober = resolveTimeExpression('weekends in October', SUNDAY);
    expect(weekendsInOctober).toMatchObject({ start: '2025-10-01', end: '2025-10-31', weekdays: [6, 7] });
    expect(resolveTimeExpression('周末的销量', WEDNESDAY)).toMatchObject({ start: '2025-11-08', end: '2025-11-09', weekdays: [6, 7] });
  });

  it('compares a unit so far with the same days of the unit before ("this week vs last week" on a Tuesday)', () => {
    const tuesday = '2010-12-14';
    expect(resolveTimeExpression('this week vs last week', tuesday)).toMatchObject({ start: '2010-12-13', end: '2010-12-14', previous: { start: '2010-12-06', end: '2010-12-07' } });
    expect(resolveTimeExpression('本月和上个月比', tuesday)).toMatchObject({ start: '2010-12-01', end: '2010-12-14', previous: { start: '2010-11-01', end: '2010-11-14' } });
    // A whole unit keeps the whole unit before, and different units are not cut to each other.
    expect(resolveTimeExpression('last 7 days vs last month', tuesday)?.previous).toMatchObject({ start: '2010-11-01', end: '2010-11-30' });
  });

  it('compares two named periods, later against earlier, when the question compares them', () => {
    const resolved = resolveTimeExpression('10月和11月的GMV对比', SUNDAY);
    expect(resolved).toMatchObject({ start: '2025-11-01', end: '2025-11-30', comparison: 'named_period' });
    expect(resolved?.previous).toMatchObject({ start: '2025-10-01', end: '2025-10-31' });
    const english = resolveTimeExpression('GMV in November vs October', SUNDAY);
    expect(english?.previous).toMatchObject({ start: '2025-10-01', end: '2025-10-31' });
  });

  it('compares the two periods written around one anchor, later against earlier', () => {
    for (const phrase of ['双十一前一周和后一周的加购率', 'cart rate the week before and the week after double 11', 'the week before and after Double 11']) {
      const resolved = resolveTimeExpression(phrase, SUNDAY);
      expect([resolved?.start, resolved?.end, resolved?.previous.start, resolved?.previous.end, resolved?.comparison], phrase).toEqual([
        '2025-11-12',
        '2025-11-18',
        '2025-11-04',
        '2025-11-10',
        'named_period',
      ]);
    }
  });

  it('uses the same dates a year earlier for 同比 / year over year', () => {
    expect(resolveTimeExpression('上周GMV同比', SUNDAY)?.previous).toMatchObject({ start: '2024-11-17', end: '2024-11-23' });
    expect(resolveTimeExpression('Double 11 GMV year over year', SUNDAY)).toMatchObject({
      comparison: 'year_over_year',
      previous: { start: '2024-11-11', end: '2024-11-11' },
    });
  });

  it('reads a day of the month named alone as the latest such day, never a place in a ranking', () => {
    expect(resolveTimeExpression('How many sales invoices went through on Sunday the 12th?', '2010-12-14')).toMatchObject({ start: '2010-12-12', end: '2010-12-12' });
    expect(resolveTimeExpression('orders on the 28th', '2010-12-14')).toMatchObject({ start: '2010-11-28', end: '2010-11-28' });
    expect(resolveTimeExpression('takings on 9th Dec', '2010-12-14')).toMatchObject({ start: '2010-12-09', end: '2010-12-09' });
    expect(resolveTimeExpression('Which customer put through the 2nd most orders?', '2010-12-14')).toBeUndefined();
    expect(resolveTimeExpression('the 3rd best category', '2010-12-14')).toBeUndefined();
    expect(resolveTimeExpression('which category came 2nd in GMV?', '2010-12-14')).toBeUndefined();
    // Days in brackets after a month named in English: those days of that month.
    expect(resolveTimeExpression('the first week of December (1st-7th)', '2010-12-14')).toMatchObject({ start: '2010-12-01', end: '2010-12-07' });
    expect(resolveTimeExpression('GMV on the second week (8th-14th) of December', '2010-12-14')).toBeDefined();
  });

  it('prefers the narrower period when one lies inside the other', () => {
    expect(resolveTimeExpression('11月双十一那天的订单', SUNDAY)).toMatchObject({ start: '2025-11-11', end: '2025-11-11' });
  });

  it('ignores text without a time phrase, and "may" used as a verb', () => {
    expect(resolveTimeExpression('What is the conversion rate by device?', SUNDAY)).toBeUndefined();
    expect(resolveTimeExpression('May I see GMV by category?', SUNDAY)).toBeUndefined();
    expect(resolveTimeExpression('七日留存率是多少', SUNDAY)).toBeUndefined();
    expect(resolveTimeExpression('GMV in May', SUNDAY)).toMatchObject({ start: '2025-05-01', end: '2025-05-31' });
  });

  it('turns a resolved phrase into SemanticQuery fields the compiler accepts', () => {
    const resolved = resolveTimeExpression('10月周末的GMV环比', SUNDAY);
    expect(resolved).toBeDefined();
    const parts = timeQueryParts(resolved as NonNullable<typeof resolved>, { compare: true });
    expect(parts).toEqual({
      timeRange: { start: '2025-10-01', end: '2025-10-31' },
      compareTo: { start: '2025-09-01', end: '2025-09-30' },
      filters: [{ dimension: 'weekday', operator: 'in', values: [6, 7] }],
    });
    expect(compileSemanticQuery({ metrics: ['gmv'], ...parts }).sql).toContain('isodow(o.created_at)');
  });

  it('lists every phrase without overlaps', () => {
    const matches = findTimeExpressions('上周末和上上周的GMV，以及双11', SUNDAY);
    expect(matches.map((match) => match.matchedText)).toEqual(['上周末', '上上周', '双11']);
  });
});

// Independent Chinese numeral writer for round-trip checks (1–999).
function toChinese(value: number): string {
  const digits = '零一二三四五六七八九';
  const hundreds = Math.floor(value / 100);
  const tens = Math.floor((value % 100) / 10);
  const ones = value % 10;
  let text = hundreds > 0 ? `${digits[hundreds]}百` : '';
  if (tens > 0) text += hundreds === 0 && tens === 1 ? '十' : `${digits[tens]}十`;
  else if (hundreds > 0 && ones > 0) text += '零';
  if (ones > 0) text += digits[ones];
  return text;
}

const asOfArbitrary = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

const RELATIVE_PHRASES = [
  'today', '今天', 'yesterday', '昨天', 'last week', '上周', 'this week', '本周', 'last 7 days', '近7天', '最近七天',
  '过去一周', 'last 30 days', '近30天', '近一个月', 'this month', '本月', 'last month', '上个月', 'this year', '今年',
  'last quarter', '上季度', 'this quarter', '近两周', 'past 90 days', '11月', 'November', 'Q3', '第三季度', '国庆',
  '双十一', 'Double 11', '上周末', 'weekends', '十月', 'Oct 1 - Oct 7', '10月1日到10月7日', '上半年', '去年',
];

describe('resolveTimeExpression: properties', () => {
  it('start <= end, never past the as-of date once started, previous period ends before the period starts', () => {
    fc.assert(
      fc.property(asOfArbitrary, fc.constantFrom(...RELATIVE_PHRASES), (asOf, phrase) => {
        const resolved = resolveTimeExpression(phrase, asOf);
        expect(resolved).toBeDefined();
        if (!resolved) return;
        expect(resolved.start <= resolved.end).toBe(true);
        expect(resolved.start <= asOf).toBe(true);
        expect(resolved.end <= asOf).toBe(true);
        expect(resolved.previous.end < resolved.start).toBe(true);
        expect(resolved.previous.start <= resolved.previous.end).toBe(true);
        // Periods without a year resolve to the as-of year or the one before.
        expect(dateParts(resolved.start).year).toBeGreaterThanOrEqual(dateParts(asOf).year - 1);
      }),
      { numRuns: 400 },
    );
  });

  it('rolling windows end on the as-of date, last N days, with an equally long previous window', () => {
    fc.assert(
      fc.property(asOfArbitrary, fc.integer({ min: 1, max: 120 }), fc.boolean(), (asOf, days, chinese) => {
        const phrase = chinese ? `最近${toChinese(days)}天` : `last ${days} days`;
        const resolved = resolveTimeExpression(phrase, asOf);
        expect(resolved).toMatchObject({ start: addDays(asOf, 1 - days), end: asOf });
        expect(resolved && rangeLength(resolved.previous)).toBe(days);
        expect(resolved?.previous.end).toBe(addDays(asOf, -days));
      }),
    );
  });

  it('explicit dates written four ways resolve to the same day', () => {
    fc.assert(
      fc.property(asOfArbitrary, fc.integer({ min: 0, max: 360 }), (asOf, daysBack) => {
        const date = addDays(asOf, -daysBack);
        const { year, month, day } = dateParts(date);
        const english = new Date(`${date}T00:00:00Z`).toLocaleString('en', { month: 'long', timeZone: 'UTC' });
        for (const phrase of [date, `${year}年${month}月${day}日`, `${month}月${day}日`, `${english} ${day}`]) {
          expect(resolveTimeExpression(phrase, asOf)).toMatchObject({ start: date, end: date });
        }
      }),
    );
  });

  it('date ranges resolve to their ends', () => {
    fc.assert(
      fc.property(asOfArbitrary, fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 60 }), (asOf, back, length) => {
        const start = addDays(asOf, -back - length);
        const end = addDays(start, length);
        expect(resolveTimeExpression(`${start} to ${end}`, asOf)).toMatchObject({ start, end });
        expect(resolveTimeExpression(`${start}至${end}`, asOf)).toMatchObject({ start, end });
      }),
    );
  });

  it('Chinese numerals round-trip from 1 to 999', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 999 }), (value) => parseChineseNumber(toChinese(value)) === value));
    expect(parseChineseNumber('两')).toBe(2);
    expect(parseChineseNumber('二〇二五')).toBe(2025);
    expect(makeDate(2025, 11, 11)).toBe('2025-11-11');
  });
});

describe('forms business users type', () => {
  const asOf = '2025-11-30';
  it.each([
    ['revenue 11/2011', '2011-11-01', '2011-11-30'],
    ['GMV 2011-11', '2011-11-01', '2011-11-30'],
    ['sales in 2010-12', '2010-12-01', '2010-12-31'],
    ['orders on 11/11', '2025-11-11', '2025-11-11'],
    // Day and month both possible: the reading nearest before today (a UK 3/11 is 3 November, not March).
    ['orders on 3/11', '2025-11-03', '2025-11-03'],
    ['orders on 11/3', '2025-11-03', '2025-11-03'],
    ['revenue on 9/12/2024', '2024-12-09', '2024-12-09'],
    ['revenue on 12/24/2024', '2024-12-24', '2024-12-24'],
    ['revenue on 24/12/2024', '2024-12-24', '2024-12-24'],
    ['Black Friday week', '2025-11-24', '2025-11-30'],
    ['GMV for the quarter so far', '2025-10-01', '2025-11-30'],
    ['GMV for the month so far', '2025-11-01', '2025-11-30'],
    ['GMV QTD', '2025-10-01', '2025-11-30'],
    ['双十一期间的购买转化漏斗', '2025-11-11', '2025-11-11'],
    ['国庆期间', '2025-10-01', '2025-10-07'],
    ['上周三的订单数', '2025-11-19', '2025-11-19'],
    ['orders last wednesday', '2025-11-19', '2025-11-19'],
    ['上周一共多少支付订单', '2025-11-17', '2025-11-23'],
    ['上周一线城市的取消率', '2025-11-17', '2025-11-23'],
    ['本周三线城市的订单', '2025-11-24', '2025-11-30'],
    ['revenue trend by week since September', '2025-09-01', '2025-11-30'],
    ['9月以来的订单', '2025-09-01', '2025-11-30'],
    ['从10月1日起的订单', '2025-10-01', '2025-11-30'],
  ])('%s → %s … %s', (text, start, end) => {
    expect(resolveTimeExpression(text, asOf)).toMatchObject({ start, end });
  });
});

describe('two periods joined by a range word', () => {
  it.each([
    ['9月到11月每个月的GMV', '2025-09-01', '2025-11-30'],
    ['从9月到11月', '2025-09-01', '2025-11-30'],
    ['2025年9月至11月', '2025-09-01', '2025-11-30'],
    ['revenue sept to nov', '2025-09-01', '2025-11-30'],
    ['september through november by month', '2025-09-01', '2025-11-30'],
    ['上周到这周', '2025-11-17', '2025-11-30'],
  ])('%s → one period %s … %s, not two periods compared', (text, start, end) => {
    const resolved = resolveTimeExpression(text, SUNDAY);
    expect(resolved).toMatchObject({ start, end, comparison: 'previous_period' });
    expect(resolved?.matches).toHaveLength(1);
  });

  it('keeps two periods compared when a comparison word joins them, and a later-to-earlier pair apart', () => {
    expect(resolveTimeExpression('10月和9月比', SUNDAY)).toMatchObject({ start: '2025-10-01', comparison: 'named_period' });
    expect(findTimeExpressions('11月到9月', SUNDAY)).toHaveLength(2);
  });
});

describe('a change between two periods joined by a range word', () => {
  it('keeps them two periods to compare ("GMV change from Oct to Nov", "9月到11月增长了多少")', () => {
    expect(findTimeExpressions('GMV change from Oct to Nov', SUNDAY)).toHaveLength(2);
    expect(findTimeExpressions('9月到11月增长了多少', SUNDAY)).toHaveLength(2);
  });
});

describe('short dates as typed in chat', () => {
  it.each([
    ['9.24-9.30的GMV', '2025-09-24', '2025-09-30'],
    ['国庆（10.1-10.7）的订单数', '2025-10-01', '2025-10-07'],
    ['10.1到7的访客', '2025-10-01', '2025-10-07'],
    ['9.24的GMV', '2025-09-24', '2025-09-24'],
    ['GMV on 9.24', '2025-09-24', '2025-09-24'],
    ['GMV for 11/3-11/30', '2025-11-03', '2025-11-30'],
    ['orders Nov 10–16', '2025-11-10', '2025-11-16'],
    ['12月8号到14号的订单数', '2024-12-08', '2024-12-14'],
    ['11月1日到11月10日的GMV', '2025-11-01', '2025-11-10'],
    // No month named: the latest such days up to the as-of date.
    ['1号到7号的订单', '2025-11-01', '2025-11-07'],
  ])('%s → %s … %s', (text, start, end) => {
    expect(resolveTimeExpression(text, SUNDAY)).toMatchObject({ start, end });
  });

  it('gives a day range with no month of its own the month named before it', () => {
    const resolved = resolveTimeExpression('12月8号到14号的订单数 对比 1号到7号', '2010-12-14');
    expect(resolved).toMatchObject({ start: '2010-12-08', end: '2010-12-14', previous: { start: '2010-12-01', end: '2010-12-07' }, comparison: 'named_period' });
  });

  it.each(['评分4.5以上的商品', 'rating above 4.5', 'products rated 3.5-4.5', 'conversion 2.5%', '增长了1.5倍', 'priced at 9.9', 'AOV over 12.5', '评分3.5到4.5的商品', 'at 9.30am'])(
    'leaves a decimal alone: %s',
    (text) => {
      expect(findTimeExpressions(text, SUNDAY)).toEqual([]);
    },
  );
});

describe('a weekday written beside a date', () => {
  it.each([
    ['orders on Sunday 12 December', '2010-12-12'],
    ['sales on Sunday, Dec 5', '2010-12-05'],
    ['12月12日（周日）的订单数', '2010-12-12'],
    ['12月5号 星期天', '2010-12-05'],
    ['GMV on Dec 6 (Mon)', '2010-12-06'],
  ])('is part of the date when it agrees: %s', (text, date) => {
    const [match, ...rest] = findTimeExpressions(text, '2010-12-14');
    expect(rest).toEqual([]);
    expect(match).toMatchObject({ start: date, end: date });
    expect(match?.weekdayConflict).toBeUndefined();
    expect(match?.matchedText).toMatch(/sun|mon|周|星期/iu);
  });

  it('marks the date when the weekday is another day’s, in either language', () => {
    expect(findTimeExpressions('orders on Sunday, Dec 6', '2010-12-14')).toMatchObject([{ start: '2010-12-06', weekdayConflict: { written: 7, actual: 1 } }]);
    expect(findTimeExpressions('12月13日（周日）的订单', '2010-12-14')).toMatchObject([{ start: '2010-12-13', weekdayConflict: { written: 7, actual: 1 } }]);
  });

  it('compares two dates each with its weekday', () => {
    const resolved = resolveTimeExpression('Compare sales on Sunday 12 December with Sunday 5 December', '2010-12-14');
    expect(resolved).toMatchObject({ start: '2010-12-12', previous: { start: '2010-12-05', end: '2010-12-05' }, comparison: 'named_period' });
  });
});

describe('the week of a date or festival', () => {
  it.each([
    ['GMV for the week of Sep 15', '2025-09-15', '2025-09-21'],
    ['the week of Sep 17', '2025-09-15', '2025-09-21'],
    ['Page views per day during the week of Double 11 (Nov 10–16)', '2025-11-10', '2025-11-16'],
    ['双十一那周的访客', '2025-11-10', '2025-11-16'],
    ['9月17日所在的那周', '2025-09-15', '2025-09-21'],
    // A festival a week long is its own week.
    ['国庆那周（10月1日到7日）的成交额', '2025-10-01', '2025-10-07'],
    // From that week's Monday to the as-of date, or to the week named after it.
    ['Weekly new users since mid-September (from the week of Sep 15)', '2025-09-15', '2025-11-30'],
    ['cohorts from the week of Oct 6 to the week of Nov 17', '2025-10-06', '2025-11-23'],
  ])('%s → %s … %s', (text, start, end) => {
    expect(resolveTimeExpression(text, SUNDAY)).toMatchObject({ start, end });
  });

  it('reads 国庆7天 / 国庆七天 as the holiday, the seven days included', () => {
    for (const text of ['国庆7天的GMV', '国庆七天的订单数', '国庆7天（10.1-10.7）的转化漏斗']) {
      const resolved = resolveTimeExpression(text, SUNDAY);
      expect(resolved, text).toMatchObject({ start: '2025-10-01', end: '2025-10-07' });
      expect(text.slice(0, 4)).toBe(resolved?.matches[0]?.matchedText.slice(0, 4));
      expect(resolved?.matches[0]?.matchedText, text).toMatch(/国庆[7七]天/u);
    }
  });
});

describe('two calendar periods joined by "and"', () => {
  it.each([
    ['Which day of the week brings in the most new users? Use October and November.', '2025-10-01', '2025-11-30'],
    ['10月和11月的GMV', '2025-10-01', '2025-11-30'],
    ['9月、10月与11月的订单', '2025-09-01', '2025-11-30'],
    ['GMV in Q2 and Q3', '2025-04-01', '2025-09-30'],
  ])('%s → one period %s … %s', (text, start, end) => {
    const resolved = resolveTimeExpression(text, SUNDAY);
    expect(resolved).toMatchObject({ start, end, comparison: 'previous_period' });
    expect(resolved?.matches).toHaveLength(1);
  });

  it.each(['10月和11月的GMV对比', 'October and November GMV compared', '10月和11月的GMV分别是多少', '9月和11月的GMV', '上个月和本月的订单', '双十一和双十二的GMV'])(
    'stays two periods when compared, listed each, apart, counted from today or festivals: %s',
    (text) => {
      expect(findTimeExpressions(text, SUNDAY)).toHaveLength(2);
    },
  );
});

describe('explicit dates beside a festival', () => {
  it('are the period when not compared with it, the festival only naming it', () => {
    const resolved = resolveTimeExpression('双十一预热期（11月1日到11月10日）的漏斗', SUNDAY);
    expect(resolved).toMatchObject({ start: '2025-11-01', end: '2025-11-10', comparison: 'previous_period' });
    expect(resolved?.matches.map((match) => [match.matchedText, match.superseded ?? false])).toEqual([['双十一', true], ['11月1日到11月10日', false]]);
    expect(resolveTimeExpression('Black Friday week (Nov 24-30) GMV', SUNDAY)).toMatchObject({ start: '2025-11-24', end: '2025-11-30' });
  });

  it('stay two periods when listed rather than written beside it', () => {
    expect(resolveTimeExpression('双十一和11月1日的GMV', SUNDAY)?.matches.some((match) => match.superseded)).toBe(false);
  });

  it('are compared with it when a comparison word says so', () => {
    expect(resolveTimeExpression('双十一 vs 11月1日到11月10日 的GMV', SUNDAY)).toMatchObject({ start: '2025-11-11', previous: { start: '2025-11-01', end: '2025-11-10' }, comparison: 'named_period' });
    expect(resolveTimeExpression('国庆7天的UV对比9.24-9.30', SUNDAY)).toMatchObject({ start: '2025-10-01', end: '2025-10-07', previous: { start: '2025-09-24', end: '2025-09-30' } });
  });
});

describe('节 / the holiday pointing back at a festival', () => {
  it('counts the offset from the festival named before it', () => {
    expect(resolveTimeExpression('国庆期间购买人数比节前一周多还是少', SUNDAY)).toMatchObject({ start: '2025-10-01', end: '2025-10-07', previous: { start: '2025-09-24', end: '2025-09-30' }, comparison: 'named_period' });
    expect(resolveTimeExpression('Black Friday GMV vs the week before the holiday', SUNDAY)).toMatchObject({ start: '2025-11-28', previous: { start: '2025-11-21', end: '2025-11-27' } });
  });

  it('with no festival named, takes the dates written after it', () => {
    const [match, ...rest] = findTimeExpressions('整体跟节前一周（9.24-9.30）比差多少', SUNDAY);
    expect(rest).toEqual([]);
    expect(match).toMatchObject({ matchedText: '节前一周（9.24-9.30）', start: '2025-09-24', end: '2025-09-30' });
  });
});
