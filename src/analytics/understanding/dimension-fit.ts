import { DIMENSIONS, dimensionSupportsMetric, findDimension, findMetric, METRICS } from '../../sql/semantic/index.ts';
import type { Language } from '../../text/language.ts';
import type { Recognition } from './recognize-question.ts';

const TIME_DIMENSIONS = new Set(['day', 'week', 'month', 'hour', 'weekday', 'day_type']);

/** Whether the catalogue can split or filter the metric by the dimension (every fact the metric reads has it). */
function fits(dimensionId: string, metricId: string): boolean {
  const dimension = findDimension(dimensionId);
  const metric = findMetric(metricId);
  return !dimension || !metric || dimensionSupportsMetric(dimension, metric);
}

/** A few metrics the dimension does fit, in catalogue order: what the clarifying question offers instead. */
function metricsFitting(dimensionId: string): string[] {
  return METRICS.filter((metric) => fits(dimensionId, metric.id)).slice(0, 3).map((metric) => metric.id);
}

/**
 * "how many guests visited yesterday": a filter or split the catalogue cannot apply to the metric (guest checkouts
 * are a property of orders, not of visits) would fail or be dropped. Said in the user's language with what the
 * dimension does fit, and asked, before any SQL runs.
 */
export function dimensionMismatch(recognition: Recognition, language: Language): { question: string; options: string[] } | undefined {
  const used = [...new Set([...recognition.dimensions, ...recognition.filters.map((filter) => filter.dimension)])].filter((id) => !TIME_DIMENSIONS.has(id) && DIMENSIONS.some((dimension) => dimension.id === id));
  for (const dimensionId of used) {
    const misfits = recognition.metrics.filter((metricId) => !fits(dimensionId, metricId));
    if (misfits.length === 0) continue;
    const zh = language === 'zh';
    const dimension = findDimension(dimensionId);
    const dimensionName = (zh ? dimension?.name_zh : dimension?.name_en.toLowerCase()) ?? dimensionId;
    const nameOf = (id: string) => (zh ? findMetric(id)?.name_zh : findMetric(id)?.name_en) ?? id;
    const misfitNames = misfits.map(nameOf).join(zh ? '、' : ', ');
    const instead = metricsFitting(dimensionId).map(nameOf);
    const options = [...instead.map((name) => (zh ? `按${dimensionName}看${name}` : `${name} by ${dimensionName}`)), zh ? `不按${dimensionName}看${misfitNames}` : `${misfitNames} without ${dimensionName}`];
    return zh
      ? { question: `${misfitNames}没有“${dimensionName}”这个属性,无法按它拆分或筛选。${dimensionName}可用于:${instead.join('、')}。您想看哪一个?`, options }
      : { question: `${misfitNames} cannot be split or filtered by ${dimensionName}: that attribute is not recorded for it. ${dimensionName[0]?.toUpperCase()}${dimensionName.slice(1)} works with: ${instead.join(', ')}. Which do you mean?`, options };
  }
  return undefined;
}
