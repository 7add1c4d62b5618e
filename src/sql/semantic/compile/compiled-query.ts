import type { NamedParameters } from '../../engine/warehouse-engine.ts';
import type { MetricUnit } from '../catalogue/catalogue-schema.ts';

export interface CompiledColumn {
  id: string;
  label_en: string;
  label_zh: string;
  /** Dimension columns carry the value type instead of a unit. */
  unit: MetricUnit | 'date' | 'integer' | 'text';
  role: 'dimension' | 'metric';
}

export interface Assumption {
  en: string;
  zh: string;
}

/**
 * What every compile function returns: one SELECT in the requested dialect, the parameters its placeholders
 * stand for (filter values), its columns in order, and the definitions it relied on.
 */
export interface CompiledQuery {
  sql: string;
  parameters: NamedParameters;
  columns: CompiledColumn[];
  assumptions: Assumption[];
}
