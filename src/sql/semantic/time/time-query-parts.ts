import type { DateRange } from './calendar-date.ts';
import type { SemanticFilter } from '../compile/semantic-query.ts';
import type { ResolvedTimeExpression } from './time-expressions.ts';

export interface TimeQueryParts {
  timeRange: DateRange;
  compareTo?: DateRange;
  filters: SemanticFilter[];
}

/**
 * The SemanticQuery fields a resolved time phrase stands for: the period, the comparison period when the
 * question compares, and a weekday filter for "weekends" / "工作日".
 */
export function timeQueryParts(resolved: ResolvedTimeExpression, options: { compare: boolean }): TimeQueryParts {
  const parts: TimeQueryParts = {
    timeRange: { start: resolved.start, end: resolved.end },
    filters: resolved.weekdays ? [{ dimension: 'weekday', operator: 'in', values: [...resolved.weekdays] }] : [],
  };
  if (options.compare) parts.compareTo = { start: resolved.previous.start, end: resolved.previous.end };
  return parts;
}
