import type { DimensionDefinition, FactId, MetricDefinition, MetricUnit } from './catalogue-schema.ts';
import { availableDimensions, availableMetrics, CORE_TABLES } from './catalogue.ts';
import { dimensionFacts } from './dimensions.ts';
import { FACTS } from './facts.ts';
import { metricFacts, metricSql } from './metrics.ts';

export interface MetricListing {
  id: string;
  name_en: string;
  name_zh: string;
  synonyms_en: string[];
  synonyms_zh: string[];
  definition_en: string;
  definition_zh: string;
  unit: MetricUnit;
  additive: boolean;
  higher_is_better: boolean;
  facts: FactId[];
  sql: string;
  /** Dimensions this metric can be split or filtered by. */
  dimensions: string[];
}

export interface DimensionListing {
  id: string;
  name_en: string;
  name_zh: string;
  synonyms_en: string[];
  synonyms_zh: string[];
  description_en: string;
  description_zh: string;
  value_type: DimensionDefinition['value_type'];
  facts: FactId[];
}

export function supports(dimension: DimensionDefinition, metric: MetricDefinition): boolean {
  // Window-wide denominators (DAU's active days) are split by time only, so they never restrict a metric.
  return metricFacts(metric)
    .filter((fact) => !FACTS[fact].broadcast)
    .every((fact) => dimension.expressions[fact] !== undefined);
}

/** The `list_metrics` tool's answer: every metric usable with the tables present, JSON-ready. */
export function listMetrics(tables: readonly string[] = CORE_TABLES): MetricListing[] {
  const dimensions = availableDimensions(tables);
  return availableMetrics(tables).map((metric) => ({
    id: metric.id,
    name_en: metric.name_en,
    name_zh: metric.name_zh,
    synonyms_en: [...metric.synonyms_en],
    synonyms_zh: [...metric.synonyms_zh],
    definition_en: metric.definition_en,
    definition_zh: metric.definition_zh,
    unit: metric.unit,
    additive: metric.additive,
    higher_is_better: metric.higher_is_better,
    facts: metricFacts(metric),
    sql: metricSql(metric),
    dimensions: dimensions.filter((dimension) => supports(dimension, metric)).map((dimension) => dimension.id),
  }));
}

export function listDimensions(tables: readonly string[] = CORE_TABLES): DimensionListing[] {
  return availableDimensions(tables).map((dimension) => ({
    id: dimension.id,
    name_en: dimension.name_en,
    name_zh: dimension.name_zh,
    synonyms_en: [...dimension.synonyms_en],
    synonyms_zh: [...dimension.synonyms_zh],
    description_en: dimension.description_en,
    description_zh: dimension.description_zh,
    value_type: dimension.value_type,
    facts: dimensionFacts(dimension).filter((fact) => !FACTS[fact].broadcast),
  }));
}

export function catalogueJson(tables: readonly string[] = CORE_TABLES): { metrics: MetricListing[]; dimensions: DimensionListing[] } {
  return { metrics: listMetrics(tables), dimensions: listDimensions(tables) };
}

const HEADINGS = {
  en: {
    metrics: 'Metrics (id: name; synonyms; unit; definition; split by)',
    dimensions: 'Dimensions (id: name; synonyms; meaning)',
    rules:
      'Rules: use only these ids. Dates are YYYY-MM-DD and the end date is included. Ratios are computed from grouped totals. ' +
      'A metric can only be split by the dimensions listed for it; metrics from different tables in one query are joined on the dimension values.',
  },
  zh: {
    metrics: '指标（id：名称；同义词；单位；口径；可拆分维度）',
    dimensions: '维度（id：名称；同义词；含义）',
    rules:
      '规则：只能使用以上 id。日期格式为 YYYY-MM-DD，结束日期包含在内。比率由分组后的合计计算。' +
      '每个指标只能按其列出的维度拆分；同一查询中来自不同表的指标按维度值对齐。',
  },
} as const;

/** Compact catalogue text for LLM prompts, in one language (ids stay English). */
export function describeCatalogue(language: 'en' | 'zh', tables: readonly string[] = CORE_TABLES): string {
  const headings = HEADINGS[language];
  const metricLines = listMetrics(tables).map((metric) => {
    const name = language === 'zh' ? metric.name_zh : metric.name_en;
    const synonyms = [...new Set(language === 'zh' ? [...metric.synonyms_zh, ...metric.synonyms_en] : metric.synonyms_en)].join(', ');
    const definition = language === 'zh' ? metric.definition_zh : metric.definition_en;
    return `- ${metric.id}: ${name}; ${synonyms}; ${metric.unit}; ${definition} [${metric.dimensions.join(', ')}]`;
  });
  const dimensionLines = listDimensions(tables).map((dimension) => {
    const name = language === 'zh' ? dimension.name_zh : dimension.name_en;
    const synonyms = [...new Set(language === 'zh' ? [...dimension.synonyms_zh, ...dimension.synonyms_en] : dimension.synonyms_en)].join(', ');
    const description = language === 'zh' ? dimension.description_zh : dimension.description_en;
    return `- ${dimension.id}: ${name}; ${synonyms}; ${description}`;
  });
  return [headings.metrics, ...metricLines, '', headings.dimensions, ...dimensionLines, '', headings.rules].join('\n');
}
