import { CARRIERS } from './behaviour-factors.ts';
import type { CityTier } from './geography.ts';
import type { SeededRandom } from '../random/seeded-random.ts';

const VALUABLE_CARRIER_WEIGHTS: readonly number[] = [45, 35, 8, 6, 6];
const STANDARD_CARRIER_WEIGHTS: readonly number[] = [12, 12, 30, 26, 20];

/** Valuable parcels mostly go by SF Express or JD Logistics; everyday ones by the cheaper networks. */
export function chooseCarrier(random: SeededRandom, itemsCents: number): number {
  return random.weightedIndex(itemsCents >= 1000_00 ? VALUABLE_CARRIER_WEIGHTS : STANDARD_CARRIER_WEIGHTS);
}

/** Tracking numbers in each carrier's familiar shape (SF…, JDV…, 7…, YT…, 77…). */
export function trackingNumber(random: SeededRandom, carrierIndex: number): string {
  switch (CARRIERS[carrierIndex]) {
    case 'SF Express':
      return `SF${random.integer(1, 9)}${random.digits(12)}`;
    case 'JD Logistics':
      return `JDV${random.digits(12)}`;
    case 'ZTO':
      return `7${random.integer(3, 8)}${random.digits(12)}`;
    case 'YTO':
      return `YT${random.integer(1, 9)}${random.digits(12)}`;
    default:
      return `77${random.digits(12)}`;
  }
}

/**
 * Index into PAYMENT_METHODS. Mini-program shoppers live inside WeChat, so they mostly pay with WeChat Pay; cash on delivery is a
 * lower-tier-city habit.
 */
export function choosePaymentMethod(random: SeededRandom, device: string, tier: CityTier): number {
  const weights = [47, 36, 8, 6, 3];
  if (device === 'mini_program') {
    weights[1] = 160;
  }
  if (device === 'ios') weights[2]! *= 1.5;
  if (tier === 'tier3' || tier === 'tier4') {
    weights[4]! *= 3;
    weights[2]! *= 0.5;
  }
  return random.weightedIndex(weights);
}
