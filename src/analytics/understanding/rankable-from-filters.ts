import type { Recognition } from './recognize-question.ts';

/** A value filter whose values name finer things to rank ("新一线城市按客单价排名" ranks the cities in that tier). */
const FINER_DIMENSION: Record<string, string> = { city_tier: 'city' };

/**
 * What a ranking with no grouping ranks when its filter says it: the rest after an exclusion ("除英国外订单最多的三个
 * 国家"), the members of a group value ("among mobile devices, which …"), or the finer things a value names.
 */
export function rankableFromFilters(recognition: Recognition): string | undefined {
  const excluded = recognition.filters.find((filter) => filter.operator === 'not_in');
  if (excluded) return excluded.dimension;
  const group = recognition.filters.find((filter) => filter.operator === 'in' && filter.values.length > 1);
  if (group) return group.dimension;
  const finer = recognition.filters.map((filter) => (filter.operator === 'in' ? FINER_DIMENSION[filter.dimension] : undefined)).find((dimension) => dimension !== undefined);
  return finer;
}
