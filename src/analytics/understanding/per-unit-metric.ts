import { findMetric, METRICS } from '../../sql/semantic/index.ts';
import { perUnitDenominators } from './rules/per-unit-rules.ts';

/**
 * "GMV per buyer", "which city tier spends the most per order", "units per invoice": the catalogue's ratio metric
 * whose numerator is the named quantity and whose denominator counts the unit after "per". Derived from the
 * catalogue's formulas, so a new ratio metric is found without a new phrase. Undefined when the catalogue has no
 * such ratio (the caller then asks rather than answering the total).
 */
export function perUnitRatioMetric(metricIds: readonly string[], normalizedQuestion: string): string | undefined {
  const denominators = perUnitDenominators(normalizedQuestion);
  if (denominators.length === 0) return undefined;
  for (const id of metricIds) {
    const formula = findMetric(id)?.formula;
    if (formula?.kind !== 'measure') continue;
    for (const denominator of denominators) {
      const ratio = METRICS.find((metric) => metric.formula.kind === 'ratio' && metric.formula.numerator === formula.measure && metric.formula.denominator === denominator);
      if (ratio) return ratio.id;
    }
  }
  return undefined;
}
