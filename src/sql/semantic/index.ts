/** Public surface of the semantic layer: catalogue, compilers, time phrases. */
export type { MetricDefinition, DimensionDefinition, MetricUnit, FactId } from './catalogue/catalogue-schema.ts';
export { METRICS, findMetric, metricFacts, metricEventTypes, metricSql } from './catalogue/metrics.ts';
export { DIMENSIONS, findDimension, availableDimensions, CORE_TABLES } from './catalogue/dimensions.ts';
export { availableMetrics, resolveMetric, resolveDimension } from './catalogue/catalogue.ts';
export { describeCatalogue, listMetrics, listDimensions, catalogueJson, supports as dimensionSupportsMetric } from './catalogue/describe-catalogue.ts';
export { loadAvailableTables } from './catalogue/available-tables.ts';
export {
  semanticQuerySchema,
  filterSchema,
  dateRangeSchema,
  FILTER_OPERATORS,
  type SemanticQuery,
  type SemanticQueryInput,
  type SemanticFilter,
} from './compile/semantic-query.ts';
export type { CompiledQuery, CompiledColumn, Assumption } from './compile/compiled-query.ts';
export { compileSemanticQuery, type CompileOptions } from './compile/compile-query.ts';
export { displaySql } from './compile/display-sql.ts';
export { compileFunnel, funnelQuerySchema, type FunnelQuery } from './compile/compile-funnel.ts';
export { compileRetention, retentionQuerySchema, type RetentionQuery } from './compile/compile-retention.ts';
export { compileDistribution, distributionQuerySchema, DEFAULT_BAND_EDGES, type DistributionQuery } from './compile/compile-distribution.ts';
export { compileContribution, contributionQuerySchema, type ContributionQuery } from './compile/compile-contribution.ts';
export { asksYearOverYear, comparedPeriod, findTimeExpressions, resolveTimeExpression, type ResolvedTimeExpression, type TimeExpressionMatch } from './time/time-expressions.ts';
export { timeQueryParts, type TimeQueryParts } from './time/time-query-parts.ts';
export { nearestWeekday } from './time/date-neighbours.ts';
export { loadAsOfDate } from './time/as-of-date.ts';
export type { DerivedTables } from './catalogue/facts.ts';
export { USER_ACTIVITY_DAYS, userActivityDaysReady, rebuildUserActivityDays } from './derived/user-activity-days.ts';
export { SemanticQueryError, NoDataError } from './semantic-error.ts';
export { currentProfile, profileWarehouse, type WarehouseProfile, type Unavailability } from './catalogue/warehouse-profile.ts';
export { refreshStoredProfile, profileWithDates } from './catalogue/warehouse-profile.ts';
export { readStoredProfile, type StoredProfile, type DataDateRange } from './catalogue/profile-store.ts';
export { describeWarehouse, type WarehouseDescription, type UnavailableListing, type CatalogueEntryListing } from './catalogue/describe-warehouse.ts';
export { previousOfRange } from './time/time-period.ts';
