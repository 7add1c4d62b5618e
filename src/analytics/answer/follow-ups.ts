import type { Language } from '../../text/language.ts';
import type { AnswerShape } from '../../presentation/result-table.ts';

/** Two or three next questions that the offline planner itself understands as follow-ups. */
export function suggestFollowUps(shape: AnswerShape, dimensionIds: readonly string[], language: Language): string[] {
  const zh = language === 'zh';
  const byCategory = dimensionIds.includes('category') ? (zh ? '那按城市等级呢?' : 'And by city tier?') : zh ? '那按品类呢?' : 'And by category?';
  const trend = zh ? '看看每天的趋势' : 'Show the daily trend';
  const compare = zh ? '和上一周期相比呢?' : 'Compared with the previous period?';
  const mobile = zh ? '只看移动端呢?' : 'Only mobile?';
  const why = zh ? '为什么会变化?' : 'Why did it change?';
  switch (shape) {
    case 'single':
      return [byCategory, trend, compare];
    case 'ranking':
    case 'breakdown':
      return [mobile, trend, compare];
    case 'trend':
      return [byCategory, compare];
    case 'comparison':
      return [why, byCategory];
    case 'funnel':
      return [zh ? '按设备看转化漏斗' : 'Funnel by device', zh ? '各品类的转化率' : 'Conversion rate by category'];
    case 'contribution':
      return [trend, mobile];
    case 'retention':
      return [zh ? '各渠道的7日留存率' : 'Day-7 retention by channel'];
    case 'distribution':
      return [zh ? '各品类的客单价' : 'AOV by category'];
    case 'table':
      return [];
  }
}
