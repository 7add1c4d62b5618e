import type { JsonRow } from '../../sql/json-values.ts';
import { normalizeQuestion } from '../../text/normalize-question.ts';
import type { Language } from '../../text/language.ts';
import { assertedChange } from '../understanding/rules/asserted-change-rules.ts';
import { formatSignedPercent } from '../../presentation/format-value.ts';

/**
 * "为什么这个月转化率下降了" when conversion rose: the answer opens by saying the premise does not hold, with the
 * measured change, before any explanation of it. Reads the total change of a contribution table, or the change of
 * the first metric of a one-row comparison.
 */
export function premiseCorrection(question: string, rows: readonly JsonRow[], metricId: string | undefined, metricName: string, language: Language): string | undefined {
  const asserted = assertedChange(normalizeQuestion(question));
  const row = rows[0];
  if (!asserted || !row) return undefined;
  const change = typeof row.total_change === 'number' ? row.total_change : metricId && typeof row[`${metricId}_change`] === 'number' ? (row[`${metricId}_change`] as number) : undefined;
  const pct = typeof row.total_change_pct === 'number' ? row.total_change_pct : metricId && typeof row[`${metricId}_change_pct`] === 'number' ? (row[`${metricId}_change_pct`] as number) : undefined;
  if (change === undefined || change === 0 || (asserted === 'down') === change < 0) return undefined;
  const moved = pct === undefined ? '' : ` ${formatSignedPercent(pct)}`;
  if (language === 'zh') return `注意:${metricName}并没有${asserted === 'down' ? '下降' : '上升'},而是${change > 0 ? '上升' : '下降'}了${moved}。`;
  return `Note: ${metricName} did not ${asserted === 'down' ? 'fall' : 'rise'}; it ${change > 0 ? 'rose' : 'fell'}${moved ? ` (${moved.trim()})` : ''}.`;
}
