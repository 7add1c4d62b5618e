import { TIER_DELIVERY_DAYS, type OrderStatus } from './behaviour-factors.ts';
import { SECONDS_PER_DAY } from './calendar.ts';
import type { CityTier } from './geography.ts';
import type { SeededRandom } from '../random/seeded-random.ts';
import type { PromotionPhase } from './rhythms.ts';

export interface OrderTimeline {
  status: OrderStatus;
  paidAt: number | null;
  shippedAt: number | null;
  deliveredAt: number | null;
  cancelledAt: number | null;
}

const HOUR = 3600;
/** Unpaid orders are cancelled by the platform after a day. */
const PAYMENT_TIMEOUT = SECONDS_PER_DAY;

/**
 * Where an order stands at the end of the window. Every step is drawn first and then cut at `windowEnd`,
 * so recent orders are naturally still pending, paid or shipped. Times are seconds from the window start.
 * Returns are decided per line by the caller, after delivery.
 */
export function orderTimeline(
  random: SeededRandom,
  createdAt: number,
  windowEnd: number,
  tier: CityTier,
  phase: PromotionPhase,
): OrderTimeline {
  const timeline: OrderTimeline = { status: 'pending', paidAt: null, shippedAt: null, deliveredAt: null, cancelledAt: null };
  if (random.chance(0.035)) {
    // Never paid: pending while the payment window is open, then cancelled by timeout.
    if (createdAt + PAYMENT_TIMEOUT <= windowEnd) {
      timeline.status = 'cancelled';
      timeline.cancelledAt = createdAt + PAYMENT_TIMEOUT;
    }
    return timeline;
  }
  const paidAt = createdAt + Math.round(Math.min(2 * HOUR, Math.max(8, random.logNormal(75, 1.1))));
  if (paidAt > windowEnd) return timeline;
  timeline.status = 'paid';
  timeline.paidAt = paidAt;

  // Warehouses fall behind during a festival: shipping and delivery take a day longer around the peak.
  const backlog = phase === 'peak' || phase === 'post' ? SECONDS_PER_DAY : 0;
  const shippedAt = paidAt + Math.round(random.uniform(0.5, 2) * SECONDS_PER_DAY) + backlog;
  const cancelsBeforeShipping = random.chance(0.035);
  if (cancelsBeforeShipping) {
    const cancelledAt = paidAt + Math.round(random.uniform(600, Math.max(1200, shippedAt - paidAt - 600)));
    if (cancelledAt <= windowEnd) {
      timeline.status = 'cancelled';
      timeline.cancelledAt = cancelledAt;
    }
    return timeline;
  }
  if (shippedAt > windowEnd) return timeline;
  timeline.status = 'shipped';
  timeline.shippedAt = shippedAt;

  const [minimumDays, maximumDays] = TIER_DELIVERY_DAYS[tier];
  const deliveredAt = shippedAt + Math.round((random.uniform(minimumDays, maximumDays) * SECONDS_PER_DAY) + backlog / 2);
  if (deliveredAt > windowEnd) return timeline;
  timeline.status = 'delivered';
  timeline.deliveredAt = deliveredAt;
  return timeline;
}
