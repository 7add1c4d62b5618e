import { addDays } from './calendar-days.ts';

export interface Promotion {
  /** MM-DD of the festival day, every year. */
  monthDay: string;
  name_en: string;
  name_zh: string;
  /** Pre-sale / warm-up days before the festival day that behave differently (people wait, fill carts). */
  daysBefore: number;
  /** Post-festival slump days after it. */
  daysAfter: number;
}

/**
 * Shopping festivals whose spike (and the warm-up before and slump after it) is not part of the normal
 * weekly rhythm; see docs/seed-data.md for how the demo models them and docs/models-segments-forecast-baskets.md
 * for why they are skipped when fitting. Forecasts do not include future promotions.
 */
export const KNOWN_PROMOTIONS: readonly Promotion[] = [
  { monthDay: '11-11', name_en: 'Double 11', name_zh: '双十一', daysBefore: 10, daysAfter: 7 },
  { monthDay: '06-18', name_en: '618 festival', name_zh: '618 大促', daysBefore: 17, daysAfter: 3 },
];

/** The promotion whose festival day is `isoDate`. */
export function promotionOn(isoDate: string, promotions: readonly Promotion[] = KNOWN_PROMOTIONS): Promotion | undefined {
  return promotions.find((promotion) => isoDate.slice(5) === promotion.monthDay);
}

/** The promotion whose window (warm-up, day, slump) contains `isoDate`. */
export function promotionWindowOn(isoDate: string, promotions: readonly Promotion[] = KNOWN_PROMOTIONS): Promotion | undefined {
  const year = Number(isoDate.slice(0, 4));
  return promotions.find((promotion) =>
    [year - 1, year, year + 1].some((candidate) => {
      const day = `${candidate}-${promotion.monthDay}`;
      return isoDate >= addDays(day, -promotion.daysBefore) && isoDate <= addDays(day, promotion.daysAfter);
    }),
  );
}
