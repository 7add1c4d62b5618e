import { addDays } from '../forecast/calendar-days.ts';
import { behaviourReader } from '../../sql/engine/behaviour-reader.ts';
import type { Warehouse } from '../../sql/warehouse.ts';
import { PropensityError } from './propensity-error.ts';

/** Days of history the earliest cutoff needs before it, so that 7-day features mean something. */
export const MIN_HISTORY_DAYS = 7;

/**
 * The time-based split. Cutoffs are whole days: a cutoff's features use data up to the end of that day and
 * its label is a paid order in the `horizonDays` days after it.
 *   training:   features at trainCutoff (T1),      label window (T1, T2]
 *   evaluation: features at evaluationCutoff (T2), label window (T2, asOf]   (T2 = T1 + horizon = asOf − horizon)
 *   scoring:    features at asOf, for the future window (asOf, asOf + horizon]; the model is refit on T2 first.
 */
export interface PropensitySplit {
  horizonDays: number;
  dataStart: string;
  asOf: string;
  trainCutoff: string;
  evaluationCutoff: string;
}

export function timeSplit(dataStart: string, asOf: string, horizonDays: number): PropensitySplit {
  const evaluationCutoff = addDays(asOf, -horizonDays);
  const trainCutoff = addDays(evaluationCutoff, -horizonDays);
  const earliest = addDays(dataStart, MIN_HISTORY_DAYS - 1);
  if (trainCutoff < earliest) {
    const longest = Math.floor((Date.parse(asOf) - Date.parse(earliest)) / 86_400_000 / 2);
    throw new PropensityError(
      `A ${horizonDays}-day horizon needs data from ${addDays(trainCutoff, 1 - MIN_HISTORY_DAYS)} (two label windows plus ` +
        `${MIN_HISTORY_DAYS} days of history before the first cutoff), but the data starts on ${dataStart}. ` +
        (longest >= 1 ? `Use horizon_days of at most ${longest}.` : 'Import or seed more days of history.'),
      { kind: 'not_enough_data', parameter: 'horizon_days' },
    );
  }
  return { horizonDays, dataStart, asOf, trainCutoff, evaluationCutoff };
}

/** First day with an event or order. */
export async function loadDataStart(warehouse: Warehouse): Promise<string> {
  const { rows } = await behaviourReader(warehouse).query(
    `SELECT CAST(min(first_time) AS DATE) AS data_start FROM (
       SELECT min(event_time) AS first_time FROM events UNION ALL SELECT min(created_at) AS first_time FROM orders) firsts`,
  );
  const start = rows[0]?.data_start;
  if (typeof start !== 'string') {
    throw new PropensityError('The warehouse has no events or orders. Run "shoplens seed" or "shoplens import" first.', { kind: 'not_enough_data' });
  }
  return start;
}
