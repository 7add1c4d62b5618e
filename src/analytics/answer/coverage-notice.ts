import type { Language } from '../../text/language.ts';

interface Range {
  start: string;
  end: string;
}

/**
 * A period only partly inside the data ("so far this year" with data from September; last week's comparison week
 * starting before the first day of data) gives a smaller total that looks like a fact about the whole period. Say
 * which days the numbers cover. Periods wholly outside the data are answered elsewhere (nothing to show).
 */
export function coverageNotice(range: Range | undefined, compareTo: Range | undefined, window: { start: string; asOf: string }, language: Language): string | undefined {
  const zh = language === 'zh';
  const partly = (period: Range | undefined) => period !== undefined && period.end >= window.start && period.start <= window.asOf && (period.start < window.start || period.end > window.asOf);
  const covered = (period: Range) => ({ start: period.start < window.start ? window.start : period.start, end: period.end > window.asOf ? window.asOf : period.end });
  const sentences: string[] = [];
  if (range && partly(range)) {
    const part = covered(range);
    sentences.push(zh
      ? `数据只覆盖 ${range.start} 至 ${range.end} 中的 ${part.start} 至 ${part.end}(仓库的数据范围是 ${window.start} 至 ${window.asOf}),以下数字只含这几天。`
      : `The data covers only ${part.start} to ${part.end} of ${range.start} to ${range.end} (the warehouse holds ${window.start} to ${window.asOf}); the numbers below are for those days.`);
  }
  if (compareTo && partly(compareTo)) {
    const part = covered(compareTo);
    sentences.push(zh
      ? `对比期 ${compareTo.start} 至 ${compareTo.end} 只有 ${part.start} 至 ${part.end} 有数据,两期天数不同,变化幅度会被夸大或低估。`
      : `Only ${part.start} to ${part.end} of the comparison period ${compareTo.start} to ${compareTo.end} has data, so the two periods cover different numbers of days and the change is not like for like.`);
  }
  return sentences.length > 0 ? sentences.join(zh ? '' : ' ') : undefined;
}
