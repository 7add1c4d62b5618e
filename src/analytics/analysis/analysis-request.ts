import { z } from 'zod';
import {
  contributionQuerySchema,
  distributionQuerySchema,
  funnelQuerySchema,
  retentionQuerySchema,
  semanticQuerySchema,
} from '../../sql/semantic/index.ts';

export const ANALYSIS_KINDS = ['metrics', 'funnel', 'retention', 'distribution', 'contribution'] as const;
export type AnalysisKind = (typeof ANALYSIS_KINDS)[number];

const analysisDescription = 'metrics for lookups, breakdowns, rankings, trends and comparisons; the others for their named shapes';

/**
 * What query_metrics takes: an analysis kind and its semantic query. One object at the root because
 * OpenAI-style function calling wants an object schema. The query is validated by its kind's own compiler,
 * not by a union here: a union would keep the first member that fits and strip the fields of the others.
 */
export const AnalysisRequestSchema = z.object({
  analysis: z.enum(ANALYSIS_KINDS).describe(analysisDescription),
  query: z.record(z.string(), z.unknown()),
});

/** The same request as models see it: each kind's query schema spelled out. */
export const AnalysisRequestModelSchema = z.object({
  analysis: z.enum(ANALYSIS_KINDS).describe(analysisDescription),
  query: z.union([semanticQuerySchema, funnelQuerySchema, retentionQuerySchema, distributionQuerySchema, contributionQuerySchema]),
});

/** The request before validation: what planners build. */
export interface AnalysisRequest {
  analysis: AnalysisKind;
  query: Record<string, unknown>;
}
