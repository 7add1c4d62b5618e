import type { SeededRandom } from '../random/seeded-random.ts';
import type { DayProfile } from './rhythms.ts';

export interface OrderAmounts {
  itemsCents: number;
  discountCents: number;
  shippingCents: number;
  totalCents: number;
}

/** Orders at or above this (after discount) ship free. */
export const FREE_SHIPPING_THRESHOLD_CENTS = 99_00;

/**
 * Discounts follow Chinese platform mechanics: on a festival peak "满减" (every 300 yuan → 50 off for
 * Double 11, every 200 → 20 off for 618) plus a platform coupon; during warm-up a deposit coupon;
 * otherwise an occasional store coupon and a first-order coupon for new users.
 */
export function orderAmounts(
  random: SeededRandom,
  itemsCents: number,
  profile: DayProfile,
  firstOrderOfNewUser: boolean,
  remoteCity: boolean,
): OrderAmounts {
  let discountCents = 0;
  if (profile.phase === 'peak') {
    const [step, off] = profile.promotion === 'double_11' ? [300_00, 50_00] : [200_00, 20_00];
    discountCents = Math.floor(itemsCents / step) * off + (random.chance(0.6) ? 20_00 : 0);
  } else if (profile.phase === 'warm_up') {
    if (random.chance(0.3) && itemsCents >= 100_00) discountCents = 10_00;
  } else if (random.chance(0.25)) {
    discountCents = itemsCents >= 199_00 ? 20_00 : itemsCents >= 99_00 ? 10_00 : 5_00;
  }
  if (firstOrderOfNewUser && itemsCents >= 30_00) discountCents += 15_00;
  // A discount never takes more than 40% off (promotion rules cap stacking).
  discountCents = Math.min(discountCents, Math.floor(itemsCents * 0.4));
  const payable = itemsCents - discountCents;
  const shippingCents = payable >= FREE_SHIPPING_THRESHOLD_CENTS ? 0 : remoteCity ? 10_00 : 8_00;
  return { itemsCents, discountCents, shippingCents, totalCents: payable + shippingCents };
}
