import { findMetric } from '../../sql/semantic/index.ts';
import type { AnalysisRequest } from '../analysis/analysis-request.ts';
import type { Language } from '../../text/language.ts';
import { CALENDAR_GRAINS } from './build-request.ts';

export type RunningTotalReading = { kind: 'running' } | { kind: 'clarify'; question: string; options: string[]; confidence: number };

/**
 * A running total along the request's day, week or month ("每天的累计成交额"): set on the query when every metric adds
 * up over days; otherwise asked, since a running count of buyers would count a returning buyer twice.
 */
export function runningTotalOf(request: AnalysisRequest, language: Language): RunningTotalReading {
  const zh = language === 'zh';
  if (request.analysis === 'metrics') {
    const query = request.query as { metrics?: string[]; dimensions?: string[]; compareTo?: unknown; cumulative?: boolean };
    const timelines = (query.dimensions ?? []).filter((dimension) => CALENDAR_GRAINS.includes(dimension));
    const unsummable = (query.metrics ?? []).map((id) => findMetric(id)).find((metric) => metric !== undefined && !metric.additive);
    if (timelines.length === 1 && !query.compareTo && !unsummable) {
      query.cumulative = true;
      return { kind: 'running' };
    }
    if (unsummable) {
      const name = zh ? unsummable.name_zh : unsummable.name_en;
      return {
        kind: 'clarify',
        question: zh
          ? `${name}不能逐期累加(同一个人在不同天会被重复计算)。可以给出每一期各自的${name},或整个时段的${name}。您要哪一个?`
          : `${name} cannot be added up period by period (someone active on two days would count twice). I can give ${name} for each period, or for the whole span. Which would you like?`,
        options: zh ? [`每一期的${name}`, `整个时段的${name}`] : [`${name} for each period`, `${name} for the whole span`],
        confidence: 0.3,
      };
    }
  }
  return {
    kind: 'clarify',
    question: zh
      ? '累计值要沿一条按天、周或月的时间线计算,且不能同时对比两个时段。要看每天的累计值,还是整个时段的总计?'
      : 'A running total runs along one day, week or month timeline, without a second period to compare. Would you like the running total by day, or the total for the whole span?',
    options: zh ? ['每天的累计值', '整个时段的总计'] : ['running total by day', 'the total for the whole span'],
    confidence: 0.3,
  };
}
