import { behaviourDialect, behaviourReader } from '../../sql/engine/behaviour-reader.ts';
import type { Warehouse } from '../../sql/warehouse.ts';
import { rangeCondition, type AnomalySources, type DateRange } from './anomaly-scope.ts';

/** Sessions shorter than this are not scored: with a handful of events, rates and regularity mean little. */
export const MIN_SESSION_EVENTS = 5;

export interface SessionBehaviour {
  userId: number;
  sessionId: number;
  started: string;
  events: number;
  durationSeconds: number;
  views: number;
  distinctProducts: number;
  /** Carts, favourites and purchases: signs of shopping intent. */
  intentEvents: number;
  medianDwellSeconds: number | null;
  /** Mean and standard deviation of the seconds between consecutive events. */
  meanGapSeconds: number | null;
  gapStandardDeviation: number | null;
}

export async function loadSessionBehaviour(warehouse: Warehouse, sources: AnomalySources, range?: DateRange): Promise<SessionBehaviour[]> {
  const dialect = behaviourDialect(warehouse);
  const scope = rangeCondition('event_time', range, dialect);
  // Times as whole microseconds, so gaps and durations are exact on both engines.
  const { rows } = await behaviourReader(warehouse).query(
    `WITH scoped AS (
       SELECT user_id, session_id, event_id, event_type, event_time, ${dialect.epochMicroseconds('event_time')} AS event_us, dwell_seconds, product_id
       FROM ${sources.events} WHERE ${scope.sql}),
     gaps AS (
       SELECT user_id, session_id, event_type, event_time, event_us, dwell_seconds, product_id,
              (event_us - ${dialect.previousValue('event_us')} OVER (PARTITION BY user_id, session_id ORDER BY event_time, event_id)) / 1000000.0 AS gap_seconds
       FROM scoped)
     SELECT user_id, session_id, min(event_time) AS started, count(*) AS events,
            (max(event_us) - min(event_us)) / 1000000.0 AS duration_seconds,
            count(*) FILTER (WHERE event_type = 'view') AS views,
            count(DISTINCT product_id) AS distinct_products,
            count(*) FILTER (WHERE event_type IN ('cart', 'fav', 'purchase')) AS intent_events,
            ${dialect.medianWhere('dwell_seconds', "event_type = 'view'")} AS median_dwell_seconds,
            round(avg(gap_seconds), 6) AS mean_gap_seconds,
            round(stddev_pop(gap_seconds), 6) AS gap_standard_deviation
     FROM gaps GROUP BY user_id, session_id HAVING count(*) >= ${MIN_SESSION_EVENTS}
     ORDER BY user_id, session_id`,
    scope.parameters,
  );
  const numberOrNull = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
  return rows.map((row) => ({
    userId: Number(row.user_id),
    sessionId: Number(row.session_id),
    started: String(row.started),
    events: Number(row.events),
    durationSeconds: Number(row.duration_seconds),
    views: Number(row.views),
    distinctProducts: Number(row.distinct_products),
    intentEvents: Number(row.intent_events),
    medianDwellSeconds: numberOrNull(row.median_dwell_seconds),
    meanGapSeconds: numberOrNull(row.mean_gap_seconds),
    gapStandardDeviation: numberOrNull(row.gap_standard_deviation),
  }));
}
