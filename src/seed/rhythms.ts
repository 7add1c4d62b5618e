import { fromEpochDay, isWeekend, toEpochDay, type SeedWindow } from './calendar.ts';
import { WEEKDAY_CONVERSION, WEEKEND_CONVERSION, WEEKEND_TRAFFIC } from './behaviour-factors.ts';
import { cumulativeWeights, SeededRandom } from '../random/seeded-random.ts';

/** Share of session starts per hour: night trough 03–05, lunch bump 12–13, evening peak 20–22. */
export const HOURLY_WEIGHTS: readonly number[] = [
  3.0, 1.8, 1.0, 0.55, 0.45, 0.6, 1.2, 2.4, 3.4, 4.0, 4.4, 4.8,
  6.2, 5.8, 4.5, 4.4, 4.6, 4.9, 5.4, 6.6, 8.2, 8.6, 7.6, 5.2,
];

/** On a festival peak day the midnight launch draws a crowd and the evening runs hotter still. */
const PEAK_DAY_HOUR_BOOST: readonly number[] = HOURLY_WEIGHTS.map((_, hour) =>
  hour === 0 ? 6 : hour === 1 ? 3 : hour >= 20 ? 1.3 : 1,
);

export type PromotionPhase = 'none' | 'warm_up' | 'peak' | 'post';

export interface DayProfile {
  epochDay: number;
  weekend: boolean;
  phase: PromotionPhase;
  promotion: 'double_11' | '618' | undefined;
  /** Multiplies sessions per user. */
  traffic: number;
  /** Multiplies the chance a session ends in a purchase. */
  conversion: number;
  /** Multiplies add-to-cart and favourite rates (warm-up wish-listing). */
  cartAndFavourite: number;
  /** Cumulative hourly weights for session starts. */
  hours: Float64Array;
}

interface PromotionShape {
  name: 'double_11' | '618';
  month: number;
  day: number;
  warmUpDays: number;
  postDays: number;
  peakTraffic: number;
  peakConversion: number;
  warmUpTraffic: readonly [number, number];
  warmUpCartAndFavourite: readonly [number, number];
  warmUpConversion: number;
  postTraffic: readonly [number, number];
  postConversion: readonly [number, number];
}

export const PROMOTIONS: readonly PromotionShape[] = [
  {
    name: 'double_11', month: 11, day: 11, warmUpDays: 10, postDays: 7,
    peakTraffic: 3.6, peakConversion: 2.8,
    warmUpTraffic: [1.15, 1.6], warmUpCartAndFavourite: [1.6, 2.6], warmUpConversion: 0.8,
    postTraffic: [0.65, 0.95], postConversion: [0.6, 0.95],
  },
  {
    name: '618', month: 6, day: 18, warmUpDays: 17, postDays: 5,
    peakTraffic: 2.2, peakConversion: 2,
    warmUpTraffic: [1.05, 1.3], warmUpCartAndFavourite: [1.2, 1.8], warmUpConversion: 0.9,
    postTraffic: [0.8, 0.95], postConversion: [0.8, 0.95],
  },
];

const uniformHours = cumulativeWeights(HOURLY_WEIGHTS);
const peakHours = cumulativeWeights(HOURLY_WEIGHTS.map((weight, hour) => weight * (PEAK_DAY_HOUR_BOOST[hour] ?? 1)));

export function buildDayProfiles(window: SeedWindow, seed: number): DayProfile[] {
  const random = new SeededRandom(seed, 'days');
  const profiles: DayProfile[] = [];
  for (let epochDay = window.startEpochDay; epochDay <= window.endEpochDay; epochDay++) {
    const weekend = isWeekend(epochDay);
    const profile: DayProfile = {
      epochDay,
      weekend,
      phase: 'none',
      promotion: undefined,
      // A little day-to-day noise so the daily series is not a perfect step function.
      traffic: (weekend ? WEEKEND_TRAFFIC : 1) * random.logNormal(1, 0.05),
      conversion: weekend ? WEEKEND_CONVERSION : WEEKDAY_CONVERSION,
      cartAndFavourite: 1,
      hours: uniformHours,
    };
    applyPromotion(profile);
    profiles.push(profile);
  }
  return profiles;
}

function applyPromotion(profile: DayProfile): void {
  const { year } = fromEpochDay(profile.epochDay);
  for (const promotion of PROMOTIONS) {
    const peakDay = toEpochDay({ year, month: promotion.month, day: promotion.day });
    const offset = profile.epochDay - peakDay;
    if (offset === 0) {
      Object.assign(profile, {
        phase: 'peak', promotion: promotion.name, hours: peakHours,
        traffic: promotion.peakTraffic, conversion: promotion.peakConversion, cartAndFavourite: 1.8,
      });
      return;
    }
    if (offset < 0 && offset >= -promotion.warmUpDays) {
      const progress = (promotion.warmUpDays + offset) / (promotion.warmUpDays - 1);
      profile.phase = 'warm_up';
      profile.promotion = promotion.name;
      profile.traffic *= interpolate(promotion.warmUpTraffic, progress);
      profile.cartAndFavourite = interpolate(promotion.warmUpCartAndFavourite, progress);
      profile.conversion *= promotion.warmUpConversion;
      return;
    }
    if (offset > 0 && offset <= promotion.postDays) {
      const progress = (offset - 1) / Math.max(1, promotion.postDays - 1);
      profile.phase = 'post';
      profile.promotion = promotion.name;
      profile.traffic *= interpolate(promotion.postTraffic, progress);
      profile.conversion *= interpolate(promotion.postConversion, progress);
      return;
    }
  }
}

function interpolate(range: readonly [number, number], progress: number): number {
  const clamped = Math.min(1, Math.max(0, progress));
  return range[0] + (range[1] - range[0]) * clamped;
}
