import type { Language } from '../../text/language.ts';
import type { AnswerShape } from '../../presentation/result-table.ts';

const BREAKDOWNS: { id: string; en: string; zh: string }[] = [
  { id: 'category', en: 'And by category?', zh: '那按品类呢?' },
  { id: 'city_tier', en: 'And by city tier?', zh: '那按城市等级呢?' },
  { id: 'country', en: 'And by country?', zh: '那按国家呢?' },
  { id: 'city', en: 'And by city?', zh: '那按城市呢?' },
  { id: 'product', en: 'And by product?', zh: '那按商品呢?' },
];

/**
 * Candidate next questions, best first. The agent keeps the first three that its own planner understands on
 * this warehouse, so a chip never leads to "which metric?" or to data the shop does not have.
 */
export function suggestFollowUps(shape: AnswerShape, dimensionIds: readonly string[], language: Language, metricName?: string): string[] {
  const zh = language === 'zh';
  const breakdowns = BREAKDOWNS.filter((breakdown) => !dimensionIds.includes(breakdown.id)).map((breakdown) => (zh ? breakdown.zh : breakdown.en));
  const trend = zh ? '看看每天的趋势' : 'Show the daily trend';
  const compare = zh ? '和上一周期相比呢?' : 'Compared with the previous period?';
  const mobile = zh ? '只看移动端呢?' : 'Only mobile?';
  const why = zh ? '为什么会变化?' : 'Why did it change?';
  switch (shape) {
    case 'single':
      return [breakdowns[0] ?? trend, trend, compare, ...breakdowns.slice(1)];
    case 'ranking':
    case 'breakdown':
      return [mobile, trend, compare, ...breakdowns];
    case 'trend':
      return [...breakdowns.slice(0, 1), compare, ...breakdowns.slice(1)];
    case 'comparison':
      return [why, ...breakdowns];
    case 'funnel':
      return [zh ? '按设备看转化漏斗' : 'Funnel by device', zh ? '各品类的转化率' : 'Conversion rate by category'];
    case 'contribution':
      // The answer was not a metrics query, so its chips name the metric they continue with.
      return metricName
        ? [zh ? `${metricName}每天的趋势` : `Daily ${metricName} trend`, zh ? `只看移动端的${metricName}` : `${metricName} on mobile only`, zh ? `各品类的${metricName}` : `${metricName} by category`]
        : [trend, mobile];
    case 'retention':
      return [zh ? '各渠道的7日留存率' : 'Day-7 retention by channel'];
    case 'distribution':
      return [zh ? '各品类的客单价' : 'AOV by category', zh ? '各国家的客单价' : 'AOV by country'];
    case 'table':
      return [];
  }
}
