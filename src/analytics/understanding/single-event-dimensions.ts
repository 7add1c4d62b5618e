import { findDimension, findMetric, metricEventTypes, metricFacts } from '../../sql/semantic/index.ts';
import type { Language } from '../../text/language.ts';
import type { Recognition } from './recognize-question.ts';

/**
 * "搜索转化率最高的搜索词", "which search term brings the most orders": the search term is on search events only, so
 * purchases, carts or orders have none and a split or filter by it would show 0 for every term (or fail). Said and
 * asked, with what can be answered by the term, instead of a table of zeros.
 */
export function singleEventDimensionMismatch(recognition: Recognition, language: Language): { question: string; options: string[] } | undefined {
  const used = [...recognition.dimensions, ...recognition.filters.map((filter) => filter.dimension)];
  for (const dimensionId of new Set(used)) {
    const dimension = findDimension(dimensionId);
    const eventType = dimension?.event_type_only;
    if (!dimension || !eventType) continue;
    const mismatched = recognition.metrics.filter((id) => {
      const metric = findMetric(id);
      if (!metric) return false;
      const facts = metricFacts(metric);
      return facts.some((fact) => fact !== 'events') || [...metricEventTypes(metric)].some((type) => type !== eventType);
    });
    if (mismatched.length === 0) continue;
    const zh = language === 'zh';
    const names = mismatched.map((id) => (zh ? findMetric(id)?.name_zh : findMetric(id)?.name_en) ?? id).join(zh ? '、' : ', ');
    const dimensionName = zh ? dimension.name_zh : dimension.name_en.toLowerCase();
    const metricsOf = (ids: string[]) => ids.map((id) => findMetric(id)).filter((metric) => metric !== undefined);
    const byTerm = metricsOf(['searches', 'searchers']).map((metric) => (zh ? `各${dimensionName}的${metric.name_zh}` : `${metric.name_en} by ${dimensionName}`));
    const overall = metricsOf(['search_conversion_rate']).map((metric) => (zh ? `整体${metric.name_zh}` : `${metric.name_en} overall`));
    return zh
      ? { question: `数据里只有搜索事件记录了${dimension.name_zh},购买、加购和订单都没有记录来自哪个${dimension.name_zh},所以无法按${dimensionName}计算${names}。可以看:${[...byTerm, ...overall].join('、')}。`, options: [...byTerm, ...overall] }
      : { question: `Only search events carry a ${dimensionName}; purchases, carts and orders do not record which ${dimensionName} led to them, so ${names} cannot be split by ${dimensionName}. I can show: ${[...byTerm, ...overall].join(', ')}.`, options: [...byTerm, ...overall] };
  }
  return undefined;
}
