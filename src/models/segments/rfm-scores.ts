import { quintileScores } from './quintile-score.ts';
import { rfmSegmentOf, type RfmSegmentId } from '../../sql/semantic/catalogue/rfm-segments.ts';

export interface RfmCustomer {
  userId: number;
  /** Days from the last paid order to the as-of date (0 = bought on the last day). */
  recencyDays: number;
  /** Paid orders. */
  frequency: number;
  /** Spend on those orders. */
  monetary: number;
}

export interface RfmScore extends RfmCustomer {
  recencyScore: number;
  frequencyScore: number;
  monetaryScore: number;
  segment: RfmSegmentId;
}

/** Quintile R, F and M scores (see quintileScores for ties) and the named segment of every buyer. */
export function scoreRfm(customers: readonly RfmCustomer[]): RfmScore[] {
  if (customers.length === 0) return [];
  const recency = quintileScores(customers.map((customer) => customer.recencyDays), 'lower-is-better');
  const frequency = quintileScores(customers.map((customer) => customer.frequency), 'higher-is-better');
  const monetary = quintileScores(customers.map((customer) => customer.monetary), 'higher-is-better');
  return customers.map((customer, index) => {
    const recencyScore = recency[index] as number;
    const frequencyScore = frequency[index] as number;
    const monetaryScore = monetary[index] as number;
    return { ...customer, recencyScore, frequencyScore, monetaryScore, segment: rfmSegmentOf(recencyScore, frequencyScore, monetaryScore) };
  });
}
