import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ABSOLUTE_TIME_RULES } from './absolute-time-rules.ts';
import { RELATIVE_TIME_RULES } from './relative-time-rules.ts';
import { SHORT_DATE_RULES } from './short-date-rules.ts';
import type { TimeRule } from './time-period.ts';

const RULES: TimeRule[] = [...ABSOLUTE_TIME_RULES, ...SHORT_DATE_RULES, ...RELATIVE_TIME_RULES];
const GUARDED = RULES.filter((rule) => rule.guard);

/** Texts each guarded rule must match, one or more per alternative of its pattern. */
const EXAMPLES: Record<string, string[]> = {
  'ISO date range': ['2025-10-01 to 2025-10-07', '2025/10/01-10/07'],
  'Chinese listed months': ['9、10、11月', '10和11月'],
  'Chinese part of this month': ['中旬呢', '下旬的订单'],
  'English last days of a month': ['the last ten days of November', 'last 5 days of October 2025'],
  'Chinese last days of a month': ['10月最后5天', '2025年11月最后十天'],
  'half of a month': ['the first half of November', 'second half of Oct', '11月上半月', '10月下半月'],
  'Chinese date range': ['10月1日到10月7日', '2024年11月1日至11日'],
  'English date range': ['Oct 1 to Oct 7', 'November 1st - 11th, 2024'],
  'English day range': ['1-7 dec', '1st to 7th of December 2010'],
  'month/day range': ['11/1-11/11'],
  'ISO date': ['2025-11-11', '2024.6.18'],
  'numeric month': ['2011-11', '11/2011'],
  'numeric month/day': ['on 11/11', '24/12'],
  'Chinese date': ['11月11日', '二〇二四年十一月十一号'],
  'English date': ['November 11', '11th of November 2024'],
  'Chinese part of a month': ['11月上旬', '10月份月底'],
  'Chinese first days of a month': ['10月前7天', '11月份的前十日'],
  'English part of a month': ['late October', 'mid-November', 'the end of march 2024', 'beginning of june'],
  'English first days of a month': ['the first 10 days of november', 'first ten days in may 2024'],
  'Chinese week of a month': ['11月第二周', '10月最后一个星期'],
  'English week of a month': ['the first week of November', 'last week in oct'],
  'last weekend of a month': ['the last weekend of October', '10月最后一个周末'],
  'Chinese month': ['11月', '2024年十月份'],
  'English month': ['in May', 'September 2024', 'sept'],
  year: ['2024年', 'in 2024', 'year 2023'],
  quarter: ['Q3', '2024 Q4', '第三季度', 'second quarter of 2024'],
  'first half': ['上半年', 'first half of the year', 'H1'],
  'second half': ['下半年', 'second half', 'h2'],
  'National Day': ['国庆', '十一假期', 'National Day golden week', 'golden week 2024', '国庆7天', '国庆节七天假期'],
  'Double 11': ['双十一', '双11期间', 'double 11', "singles' day", '光棍节', '11.11', '2024 double eleven', '去年双十一', "last year's singles day"],
  'Double 12': ['双十二', 'double 12', '12.12'],
  '618': ['618', '618大促', '六一八'],
  "New Year's Day": ['元旦', "new year's day"],
  Christmas: ['圣诞', 'Christmas day'],
  'Black Friday': ['黑色星期五', '黑五', 'black friday 2024', 'black friday next year', 'cyber monday', 'BFCM', '网络星期一'],
  'dotted date range': ['9.24-9.30', '（10.1-10.7）', '10.1到7', '11.1 to 11.10'],
  'dotted date': ['9.24的GMV', 'on 9.24', '10.1号'],
  'Chinese day range': ['1号到7号', '八日至十四日'],
  'days ago': ['three days ago', '3天前'],
  'day of a week': ['上周三', '这个星期天', 'last Wednesday', 'this sunday'],
  'preceding window (Chinese)': ['跟前7天比', '和之前两周相比'],
  'preceding window (English)': ['the prior 30 days', 'the 7 days before', 'previous fourteen days'],
  'rolling window (English)': ['last 7 days', 'the past week', 'trailing twenty-one days'],
  fortnight: ['this fortnight', 'over the past fortnight', 'last fortnight'],
  'ordinal day of the month': ['on the 12th', 'Monday 13th', 'Sunday the 12th'],
  'bracketed day range': ['(1st-7th)', '(8-14)', '( 8th – 14th )'],
  'rolling window (Chinese)': ['近7天', '最近三个月', '过去两周', '前十天'],
  'within window (Chinese)': ['两周内', '7天以来', '三个月以内'],
};

function matches(rule: TimeRule, text: string): boolean {
  rule.pattern.lastIndex = 0;
  const found = rule.pattern.test(text);
  rule.pattern.lastIndex = 0;
  return found;
}

/** Words and characters the patterns are written with, plus numbers and separators: the fuzzer's vocabulary. */
function tokensOfPatterns(): string[] {
  // Dotted dates as typed ('9.24'): three tokens in a row are too rare a draw for the fuzzer to reach them.
  const words = new Set<string>(['2024', '2025', '11', '1', '7', '10', '12', '31', '618', '9.24', '10.1', ' ', '-', '/', '.', "'", '’', ',', 'of', 'the', 'in']);
  // Whole examples too: a multi-part date ("the last ten days of November") is too rare a draw from single words, and
  // beside other tokens it shows the guard holds in context, not only on the example alone.
  for (const examples of Object.values(EXAMPLES)) for (const example of examples) words.add(example);
  for (const rule of RULES) {
    for (const run of rule.pattern.source.match(/[a-z]+|[\u3007\u4e00-\u9fff]+/giu) ?? []) {
      words.add(run);
      if (/[\u3007\u4e00-\u9fff]/u.test(run)) for (const character of run) words.add(character);
    }
  }
  return [...words];
}

describe('time rule guards', () => {
  it('are plain tests with the flags of their pattern, on every rule that is more than a list of words', () => {
    expect(GUARDED.length).toBeGreaterThanOrEqual(30);
    for (const rule of GUARDED) {
      const guard = rule.guard as RegExp;
      // A global or sticky guard would carry lastIndex from one text to the next.
      expect(guard.global || guard.sticky, rule.name).toBe(false);
      expect([guard.ignoreCase, guard.unicode], rule.name).toEqual([rule.pattern.ignoreCase, rule.pattern.unicode]);
    }
  });

  it('let through every example their rule must match', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual(GUARDED.map((rule) => rule.name).sort());
    for (const rule of GUARDED) {
      for (const example of EXAMPLES[rule.name] ?? []) {
        expect(matches(rule, example), `${rule.name}: ${example}`).toBe(true);
        expect(rule.guard?.test(example), `${rule.name} guard: ${example}`).toBe(true);
      }
    }
  });

  it('let through every generated text their pattern matches', () => {
    const tokens = tokensOfPatterns();
    const matched = new Map<string, number>();
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...tokens), { minLength: 1, maxLength: 8 }), (parts) => {
        const text = parts.join(parts.length % 2 === 0 ? '' : ' ');
        for (const rule of GUARDED) {
          if (!matches(rule, text)) continue;
          matched.set(rule.name, (matched.get(rule.name) ?? 0) + 1);
          if (!rule.guard?.test(text)) return false;
        }
        return true;
      }),
      { numRuns: 40_000, seed: 12 },
    );
    // The property is not vacuous: most guarded rules matched some generated text (runs sized so that they do).
    expect(matched.size).toBeGreaterThanOrEqual(GUARDED.length * 0.6);
  });
});
