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

/** What every compile function returns: one SELECT, its columns in order, and the definitions it relied on. */
export interface CompiledQuery {
  sql: string;
  columns: CompiledColumn[];
  assumptions: Assumption[];
}
