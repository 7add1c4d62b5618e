import type { AnyTool } from '../../agent/tool.ts';
import { describeSchemaTool } from './describe-schema.ts';
import { listMetricsTool } from './list-metrics.ts';
import { queryMetricsTool } from './query-metrics.ts';
import { runSqlTool } from './run-sql.ts';
import { searchValuesTool } from './search-values.ts';
import { searchReviewsTool } from './search-reviews.ts';
import { clusterQueriesTool } from './cluster-queries.ts';
import { segmentCustomersTool } from './segment-customers.ts';
import { forecastMetricTool } from './forecast-metric.ts';
import { frequentlyBoughtTogetherTool } from './frequently-bought-together.ts';
import { reviewInsightsTool } from './review-insights.ts';
import { recommendProductsTool } from './recommend-products.ts';
import { predictPurchaseTool } from './predict-purchase.ts';
import { findAnomaliesTool } from './find-anomalies.ts';

/** The analytics agent's toolset (the behaviour-model tools join it when present). */
export const ANALYTICS_TOOLS: AnyTool[] = [
  listMetricsTool,
  describeSchemaTool,
  searchValuesTool,
  queryMetricsTool,
  runSqlTool,
  searchReviewsTool,
  clusterQueriesTool,
  segmentCustomersTool,
  forecastMetricTool,
  frequentlyBoughtTogetherTool,
  reviewInsightsTool,
  recommendProductsTool,
  predictPurchaseTool,
  findAnomaliesTool,
] as AnyTool[];
