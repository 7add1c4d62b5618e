import { defineTool } from '../../agent/tool.ts';
import { AnalysisRequestModelSchema, AnalysisRequestSchema } from '../analysis/analysis-request.ts';
import { runAnalysis } from '../analysis/run-analysis.ts';

export const queryMetricsTool = defineTool({
  name: 'query_metrics',
  description: [
    'Answer with the semantic layer: metrics by id (see list_metrics), dimensions, filters (stored values; see search_values), a time range (YYYY-MM-DD, end inclusive), optional compareTo period, orderBy and limit.',
    'analysis "metrics" covers lookups, breakdowns, top/bottom N, trends (a time dimension such as day/week/month) and period comparisons;',
    '"funnel" (steps view→cart→purchase), "retention" (cohorts), "distribution" (price bands of product_price or order_amount), and',
    '"contribution" (why a metric changed: compares timeRange with compareTo across candidate dimensions). Prefer this over run_sql.',
  ].join(' '),
  parameters: AnalysisRequestSchema,
  modelSchema: AnalysisRequestModelSchema,
  async execute(request, context) {
    return runAnalysis(context.warehouse, { analysis: request.analysis, query: { language: context.language, ...request.query } });
  },
});
