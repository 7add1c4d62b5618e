import { findDimension, findMetric } from '../../sql/semantic/index.ts';
import type { AnalysisRequest } from '../analysis/analysis-request.ts';
import type { Language } from '../../text/language.ts';

function nameOfMetric(id: string, language: Language): string {
  const metric = findMetric(id);
  return metric ? (language === 'zh' ? metric.name_zh : metric.name_en) : id;
}

function nameOfDimension(id: string, language: Language): string {
  const dimension = findDimension(id);
  return dimension ? (language === 'zh' ? dimension.name_zh : dimension.name_en) : id;
}

/** A one-line reading of a request in plain words, for clarifying questions and transcripts. */
export function describeRequest(request: AnalysisRequest, language: Language): string {
  const query = request.query as { metrics?: string[]; metric?: string; dimensions?: string[]; dimension?: string; timeRange?: { start: string; end: string }; filters?: { dimension: string; operator: string; values: unknown[] }[] };
  const zh = language === 'zh';
  const metrics = (query.metrics ?? (query.metric ? [query.metric] : [])).map((id) => nameOfMetric(id, language));
  const dimensions = (query.dimensions ?? (query.dimension ? [query.dimension] : [])).map((id) => nameOfDimension(id, language));
  const filters = (query.filters ?? []).map((filter) => `${nameOfDimension(filter.dimension, language)} ${filter.operator === 'not_in' ? (zh ? '不含' : 'not') : '='} ${filter.values.join('/')}`);
  const period = query.timeRange ? (zh ? `${query.timeRange.start} 至 ${query.timeRange.end}` : `${query.timeRange.start} to ${query.timeRange.end}`) : '';
  const subject = request.analysis === 'metrics' ? metrics.join(zh ? '、' : ', ') : request.analysis;
  const parts = [
    subject,
    dimensions.length ? (zh ? `按${dimensions.join('、')}` : `by ${dimensions.join(', ')}`) : '',
    filters.length ? (zh ? `(${filters.join(';')})` : `(${filters.join('; ')})`) : '',
    period ? (zh ? `时间 ${period}` : `for ${period}`) : '',
  ];
  return parts.filter(Boolean).join(' ');
}
