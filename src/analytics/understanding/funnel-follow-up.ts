import { previousOfRange } from '../../sql/semantic/index.ts';
import type { SemanticFilter } from '../../sql/semantic/compile/semantic-query.ts';
import type { AnalysisRequest } from '../analysis/analysis-request.ts';
import type { Recognition } from './recognize-question.ts';

const TIME_DIMENSIONS = new Set(['day', 'week', 'month', 'hour', 'weekday']);
/** "And the day before?", "前一天呢": the period just before the one the funnel was for. */
const PERIOD_BEFORE = /\bthe (?:day|week|month) before\b|\bthe previous (?:day|week|month)\b|\ba (?:day|week) earlier\b|前一(?:天|日|周|个月|月)|上一(?:天|周|个月)/;
/** "整体呢", "overall?": the split is dropped. */
const WHOLE = /\boverall\b|\bin total\b|\bwithout the split\b|整体|总体|不拆|合起来/;

interface FunnelQuery {
  timeRange: { start: string; end: string };
  filters?: SemanticFilter[];
  dimension?: string;
  steps?: string[];
}

function isFunnelRequest(memory: unknown): memory is AnalysisRequest & { query: FunnelQuery } {
  return typeof memory === 'object' && memory !== null && (memory as AnalysisRequest).analysis === 'funnel';
}

/**
 * A turn after a funnel that changes only its period, split, filters or steps ("And the day before?", "Go back to
 * Singles' Day and split it by device", "只看iOS呢") is the same funnel again, not a question without a metric.
 * A turn that names a metric or another shape is a new question.
 */
export function funnelFollowUp(previous: unknown, recognition: Recognition, language: 'zh' | 'en'): AnalysisRequest | undefined {
  if (!isFunnelRequest(previous)) return undefined;
  if (recognition.metrics.length > 0 && !recognition.metricsOnlyImplied) return undefined;
  if (recognition.cues.has('cohort') || recognition.cues.has('distribution') || recognition.cues.has('why')) return undefined;
  const before = PERIOD_BEFORE.test(recognition.normalized);
  const split = recognition.dimensions.find((dimension) => !TIME_DIMENSIONS.has(dimension));
  const whole = WHOLE.test(recognition.normalized);
  const steps = recognition.eventSteps.length >= 2 ? recognition.eventSteps : previous.query.steps;
  if (!recognition.time && !before && !split && !whole && recognition.filters.length === 0 && steps === previous.query.steps) return undefined;
  const timeRange = recognition.time ? { start: recognition.time.start, end: recognition.time.end } : before ? previousOfRange(previous.query.timeRange) : previous.query.timeRange;
  const replaced = new Set(recognition.filters.map((filter) => filter.dimension));
  // "整体呢" is the whole funnel again: no split and none of the earlier filters.
  const filters = [...(whole ? [] : (previous.query.filters ?? [])).filter((filter) => !replaced.has(filter.dimension)), ...recognition.filters];
  // "只看iOS呢" after a split by device: one value of the split is a filter, not a split any more.
  const kept = split ?? previous.query.dimension;
  const dimension = whole || (kept && replaced.has(kept) && !split) ? undefined : kept;
  return { analysis: 'funnel', query: { timeRange, filters, ...(steps ? { steps } : {}), ...(dimension ? { dimension } : {}), language } };
}
