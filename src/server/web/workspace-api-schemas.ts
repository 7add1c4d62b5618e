/**
 * Payloads of the analysts' workspace endpoints (dashboards, SQL edits, ratings), shared by the server that checks
 * them and the browser that sends and validates them. No Node imports here: the browser bundles it.
 */
import { z } from 'zod';
import { AnswerSchema } from '../../analytics/answer/answer.ts';
import { ChartSpecSchema } from '../../analytics/answer/chart-spec.ts';
import { ResultColumnSchema } from '../../presentation/result-table.ts';

const IdSchema = z.string().min(1).max(100);
/** Chart types an analyst can switch an answer to (table = no chart, just the table). */
export const CHART_CHOICES = ['bar', 'line', 'area', 'pie', 'table'] as const;
export const ChartChoiceSchema = z.enum(CHART_CHOICES);
export type ChartChoice = z.infer<typeof ChartChoiceSchema>;

/** Which stored answer: the assistant message `seq` of one of the analyst's own conversations, optionally as edited. */
export const AnswerReferenceSchema = z.strictObject({
  conversationId: IdSchema,
  seq: z.number().int().positive(),
  editId: IdSchema.optional(),
});
export type AnswerReference = z.infer<typeof AnswerReferenceSchema>;

// ---------------------------------------------------------------- dashboards

export const DashboardNameSchema = z.string().trim().min(1, 'a dashboard needs a name').max(80, 'dashboard names are at most 80 characters');

export const CreateDashboardRequestSchema = z.strictObject({ name: DashboardNameSchema });
export const PinRequestSchema = z.strictObject({
  answer: AnswerReferenceSchema,
  /** An existing dashboard of the analyst's, or leave out and name a new one. */
  dashboardId: IdSchema.optional(),
  newDashboardName: DashboardNameSchema.optional(),
  chartKind: ChartChoiceSchema.optional(),
}).refine((request) => (request.dashboardId === undefined) !== (request.newDashboardName === undefined), {
  message: 'give exactly one of dashboardId or newDashboardName',
  path: ['dashboardId'],
});

export const DashboardSummarySchema = z.object({
  dashboardId: z.string(),
  name: z.string(),
  itemCount: z.number().int().min(0),
  updatedAt: z.string(),
});
export type DashboardSummary = z.infer<typeof DashboardSummarySchema>;
export const DashboardListResponseSchema = z.object({ dashboards: z.array(DashboardSummarySchema) });
export const PinResponseSchema = z.object({ dashboard: DashboardSummarySchema, itemId: z.string() });

/** One pinned question as re-run now: its current result, or why it could not be re-run. */
export const DashboardItemViewSchema = z.object({
  itemId: z.string(),
  question: z.string(),
  language: z.enum(['en', 'zh']),
  sql: z.string().nullable(),
  edited: z.boolean(),
  chartKind: ChartChoiceSchema.nullable(),
  pinnedAt: z.string(),
  pinnedAsOf: z.string(),
  /**
   * 'rerun': the SQL ran now against the current data; 'snapshot': a model answer without SQL, shown as pinned;
   * 'failed': the SQL no longer runs (message says why).
   */
  status: z.enum(['rerun', 'snapshot', 'failed']),
  asOf: z.string(),
  ranAt: z.string().nullable(),
  columns: z.array(ResultColumnSchema),
  rows: z.array(z.record(z.string(), z.unknown())),
  truncated: z.boolean(),
  chart: ChartSpecSchema.nullable(),
  message: z.string().nullable(),
});
export type DashboardItemView = z.infer<typeof DashboardItemViewSchema>;
export const DashboardViewSchema = z.object({
  dashboardId: z.string(),
  name: z.string(),
  owner: z.string(),
  readOnly: z.boolean(),
  items: z.array(DashboardItemViewSchema),
});
export type DashboardView = z.infer<typeof DashboardViewSchema>;
export const ShareResponseSchema = z.object({ token: z.string(), path: z.string(), expiresInSeconds: z.number() });

// ---------------------------------------------------------------- SQL edit and re-run

export const RerunRequestSchema = z.strictObject({ answer: AnswerReferenceSchema.omit({ editId: true }), sql: z.string().trim().min(1).max(20_000) });
/** The answer as re-run with the analyst's SQL: the original answer with new SQL, rows and chart, marked as edited. */
export const EditedAnswerSchema = z.object({
  editId: z.string(),
  originalSql: z.string().nullable(),
  editedAt: z.string(),
  answer: AnswerSchema,
});
export type EditedAnswer = z.infer<typeof EditedAnswerSchema>;

/** GET /api/web/answers/edits?conversationId=…: the analyst's SQL edits in one conversation (newest first per answer). */
export const EditListResponseSchema = z.object({ edits: z.array(z.object({ editId: z.string(), seq: z.number().int().positive(), editedAt: z.string() })) });
export type EditSummary = z.infer<typeof EditListResponseSchema>['edits'][number];

// ---------------------------------------------------------------- ratings

export const RateRequestSchema = z.strictObject({
  answer: AnswerReferenceSchema,
  rating: z.enum(['up', 'down']),
  comment: z.string().trim().max(2000).optional(),
});
export const RatedAnswerSchema = z.object({
  ratingId: z.string(),
  analyst: z.string(),
  conversationId: z.string(),
  seq: z.number(),
  rating: z.enum(['up', 'down']),
  comment: z.string().nullable(),
  question: z.string(),
  language: z.enum(['en', 'zh']),
  sql: z.string().nullable(),
  edited: z.boolean(),
  goldenFile: z.string().nullable(),
  goldenId: z.string().nullable(),
  ratedAt: z.string(),
});
export type RatedAnswer = z.infer<typeof RatedAnswerSchema>;
export const RateResponseSchema = z.object({ rating: RatedAnswerSchema });
export const RatedAnswerListResponseSchema = z.object({ ratings: z.array(RatedAnswerSchema) });
export const GoldenRequestSchema = z.strictObject({
  shape: z.enum(['lookup', 'breakdown', 'ranking', 'trend', 'comparison', 'funnel', 'retention', 'distribution', 'contribution']).optional(),
  ordered: z.boolean().optional(),
});
export const GoldenResponseSchema = z.object({ goldenId: z.string(), file: z.string(), expectedRowCount: z.number().int().min(0), rating: RatedAnswerSchema });
