import { performance } from 'node:perf_hooks';
import type { ValueIndex } from '../sql/values/value-index.ts';
import { detectLanguage } from '../text/detect-language.ts';
import { compileAnalysisRequest } from './analysis/run-analysis.ts';
import type { DataWindow } from './understanding/build-request.ts';
import { understandQuestion } from './understanding/understand-question.ts';
import { suggestFollowUps } from './answer/follow-ups.ts';
import type { AnalysisRequest } from './analysis/analysis-request.ts';
import type { AnswerShape } from '../presentation/result-table.ts';

/**
 * Questions of every shape in both languages, read and compiled once when a server starts, so that the first real
 * questions do not pay the planner's first-use costs (V8 compiling its code and regular expressions, zod building its
 * parsers; round 1 of `npm run bench ask` costs about three times rounds 2 and 3). Nothing is run in DuckDB and nothing
 * is stored. Not the questions of any benchmark or evaluation set: a warm-up that knew them would measure nothing.
 */
export const WARM_UP_QUESTIONS = [
  '最近两周每天的浏览量和加购数',
  '本月各城市等级的客单价',
  '上个月销量前五的商品',
  '哪个设备的跳出率最低',
  '十月和九月的支付订单数对比',
  '国庆期间从浏览到购买的漏斗',
  '每周新用户的同期群留存表',
  '按价格带看商品的销量分布',
  '为什么本周的转化率变了',
  '女性用户在美妆品类的成交额占比',
  'weekly searches since October',
  'GMV by payment method this month',
  'bottom 3 categories by repurchase rate',
  'which channel brought the most new users last week',
  'orders yesterday compared with the day before',
  'cart to purchase funnel for android users',
  'day-7 retention by signup week',
  'distribution of order amounts in October',
  'why did revenue change last month',
  'average rating by brand for headphones',
];

const SHAPES: readonly AnswerShape[] = ['single', 'ranking', 'breakdown', 'trend', 'comparison', 'funnel', 'contribution', 'retention', 'distribution'];

/**
 * Reads and compiles the warm-up questions, and reads the follow-up chips' fixed phrasings once (their words are kept
 * per value index, word-readings.ts, as the first answers would keep them); returns the milliseconds it took.
 */
export function warmUpPlanner(resources: { values: ValueIndex; window: DataWindow; tables: readonly string[] }): number {
  const started = performance.now();
  let previous: AnalysisRequest | undefined;
  for (const question of WARM_UP_QUESTIONS) {
    const understanding = understandQuestion({ question, language: detectLanguage(question), window: resources.window, values: resources.values });
    if (understanding.kind !== 'analysis') continue;
    if (understanding.request.analysis === 'metrics') previous ??= understanding.request;
    try {
      compileAnalysisRequest(understanding.request, resources.tables);
    } catch {
      // A shape this warehouse cannot compile (no reviews table) only means that path stays cold.
    }
  }
  const chips = new Set(SHAPES.flatMap((shape) => (['en', 'zh'] as const).flatMap((language) => suggestFollowUps(shape, [], language))));
  for (const chip of chips) {
    understandQuestion({ question: chip, language: detectLanguage(chip), window: resources.window, values: resources.values, previous, fixedPhrasing: true });
  }
  return performance.now() - started;
}
