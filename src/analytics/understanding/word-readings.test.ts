import { describe, expect, it } from 'vitest';
import { ValueIndex } from '../../sql/values/value-index.ts';
import { ENUMERATED_VALUES } from '../../sql/values/value-vocabulary.ts';
import type { AnswerShape } from '../../presentation/result-table.ts';
import { suggestFollowUps } from '../answer/follow-ups.ts';
import type { AnalysisRequest } from '../analysis/analysis-request.ts';
import type { Language } from '../../text/language.ts';
import { understandQuestion } from './understand-question.ts';

const values = new ValueIndex([
  ...ENUMERATED_VALUES,
  { dimension: 'category', values: ['Phones'], label_en: 'Phones', label_zh: '手机', phrases: ['phones', 'phone', '手机'] },
  { dimension: 'city', values: ['Beijing'], label_en: 'Beijing', label_zh: '北京', phrases: ['beijing', '北京', '北京市'] },
]);
const window = { start: '2025-09-02', asOf: '2025-11-30' };
const SHAPES: AnswerShape[] = ['single', 'ranking', 'breakdown', 'trend', 'comparison', 'funnel', 'contribution', 'retention', 'distribution', 'table'];

/** Every chip the answers offer, in both languages, for a few groupings and metric names. */
function everyChip(language: Language): string[] {
  const metricNames = language === 'zh' ? [undefined, '成交额', '转化率'] : [undefined, 'GMV', 'conversion rate'];
  const chips = SHAPES.flatMap((shape) => [[], ['category'], ['day']].flatMap((dimensions) => metricNames.flatMap((metric) => suggestFollowUps(shape, dimensions, language, metric))));
  return [...new Set(chips)];
}

/** Questions whose answers the chips follow: each shape of answer, a filter, a comparison. */
const PREVIOUS: Record<Language, string[]> = {
  zh: ['上周哪个品类的转化率最高?', '近7天每天的订单数', '上周成交额环比', '北京的手机销售额', '各渠道的7日留存率', '为什么上周成交额下降了?'],
  en: ['GMV by city tier last month', 'average order value by device', 'orders in Beijing last week', 'conversion funnel last 30 days', 'top 5 categories by revenue'],
};

describe('fixed phrasings (follow-up chips) read once', () => {
  for (const language of ['zh', 'en'] as const) {
    it(`gives every ${language} chip the same reading as a fresh one, after any previous question, every time`, () => {
      const previousRequests: (AnalysisRequest | undefined)[] = [undefined];
      for (const question of PREVIOUS[language]) {
        const understanding = understandQuestion({ question, language, window, values });
        if (understanding.kind === 'analysis') previousRequests.push(understanding.request);
      }
      expect(previousRequests.length).toBeGreaterThan(PREVIOUS[language].length / 2);
      const chips = everyChip(language);
      expect(chips.length).toBeGreaterThan(10);
      let compared = 0;
      for (const previous of previousRequests) {
        for (const focus of [undefined, { dimension: 'category', value: 'Phones' }]) {
          for (const chip of chips) {
            const input = { question: chip, language, window, values, previous, focus };
            const fresh = understandQuestion(input);
            // The first fixed reading stores the words' reading, the second reuses it.
            expect(understandQuestion({ ...input, fixedPhrasing: true })).toEqual(fresh);
            expect(understandQuestion({ ...input, fixedPhrasing: true })).toEqual(fresh);
            compared += 1;
          }
        }
      }
      expect(compared).toBe(previousRequests.length * 2 * chips.length);
    });
  }

  it('keeps the stored reading unchanged when a reading is altered by its user', () => {
    const input = { question: 'GMV on mobile only', language: 'en' as const, window, values };
    const first = understandQuestion({ ...input, fixedPhrasing: true });
    if (first.kind !== 'analysis') throw new Error(`expected an analysis, got ${first.kind}`);
    const expected = structuredClone(first);
    first.notes.push('changed by the caller');
    (first.request.query as { filters: unknown[] }).filters.push({ dimension: 'city', operator: 'in', values: ['Beijing'] });
    expect(understandQuestion({ ...input, fixedPhrasing: true })).toEqual(expected);
  });

  it('reads a fixed phrasing against the data window it is asked in', () => {
    const input = { question: '上周的成交额', language: 'zh' as const, values };
    const later = { start: window.start, asOf: '2025-12-31' };
    const inNovember = understandQuestion({ ...input, window, fixedPhrasing: true });
    const inDecember = understandQuestion({ ...input, window: later, fixedPhrasing: true });
    expect(inDecember).toEqual(understandQuestion({ ...input, window: later }));
    expect(inDecember).not.toEqual(inNovember);
    expect(understandQuestion({ ...input, window, fixedPhrasing: true })).toEqual(inNovember);
  });
});
