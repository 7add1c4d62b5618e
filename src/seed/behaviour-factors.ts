/**
 * The knobs behind the demo's built-in patterns. Enumerations are indexed by small integers in the
 * generator and turned back into the strings below when the staging rows are loaded.
 * docs/seed-data.md lists what each knob produces on the default demo.
 */
import type { CityTier } from './geography.ts';

export const EVENT_TYPES = ['view', 'search', 'cart', 'fav', 'purchase', 'like', 'share'] as const;
export const EVENT = { view: 0, search: 1, cart: 2, fav: 3, purchase: 4, like: 5, share: 6 } as const;

export const PAGES = ['home', 'search', 'category', 'product', 'cart', 'checkout', 'live'] as const;
export const PAGE = { home: 0, search: 1, category: 2, product: 3, cart: 4, checkout: 5, live: 6 } as const;

export const DEVICES = ['ios', 'android', 'mobile_web', 'pc', 'mini_program'] as const;
export type Device = (typeof DEVICES)[number];
export const DEVICE_WEIGHTS: readonly number[] = [28, 34, 8, 12, 18];
/** App > mini program > pc > mobile web. */
export const DEVICE_CONVERSION: readonly number[] = [1.3, 1.15, 0.45, 0.75, 0.95];
export const DEVICE_DWELL: readonly number[] = [1, 1, 0.8, 1.35, 0.9];

export const CHANNELS = ['organic', 'search_ads', 'social', 'livestream', 'referral', 'email'] as const;
export const CHANNEL_WEIGHTS: readonly number[] = [30, 18, 16, 12, 14, 10];
export const CHANNEL_CONVERSION: readonly number[] = [1, 1.25, 0.7, 1.35, 1.15, 0.9];

export const TIER_CONVERSION: Readonly<Record<CityTier, number>> = {
  tier1: 1.25,
  new_tier1: 1.12,
  tier2: 1,
  tier3: 0.85,
  tier4: 0.72,
};
/** Days from shipping to delivery, [min, max]. */
export const TIER_DELIVERY_DAYS: Readonly<Record<CityTier, readonly [number, number]>> = {
  tier1: [0.8, 2],
  new_tier1: [1, 2.6],
  tier2: [1.5, 3.2],
  tier3: [2, 4.2],
  tier4: [3, 5.2],
};

export const USER_GROUPS = ['loyal', 'regular', 'price_sensitive', 'churner', 'one_time', 'window_shopper'] as const;
export type UserGroup = (typeof USER_GROUPS)[number];

export interface GroupBehaviour {
  share: number;
  /** Multiplies the user's sessions per day. */
  activity: number;
  /** Multiplies the chance that a session ends in a purchase, outside promotions. */
  conversion: number;
  /** Chance that a product is picked from the user's favourite brand in that category. */
  brandLoyalty: number;
}

export const GROUP_BEHAVIOUR: Readonly<Record<UserGroup, GroupBehaviour>> = {
  loyal: { share: 0.1, activity: 1.9, conversion: 2.3, brandLoyalty: 0.8 },
  regular: { share: 0.25, activity: 1, conversion: 1, brandLoyalty: 0.3 },
  price_sensitive: { share: 0.15, activity: 0.85, conversion: 0.3, brandLoyalty: 0.15 },
  churner: { share: 0.12, activity: 1.5, conversion: 0.9, brandLoyalty: 0.3 },
  one_time: { share: 0.13, activity: 0.7, conversion: 1.6, brandLoyalty: 0.2 },
  window_shopper: { share: 0.25, activity: 1.1, conversion: 0, brandLoyalty: 0.2 },
};

/** Sessions that start within this many days of sign-up belong to a "new" user, who converts less. */
export const NEW_USER_DAYS = 14;
export const NEW_USER_CONVERSION = 0.55;

export const WEEKEND_TRAFFIC = 1.3;
export const WEEKEND_CONVERSION = 0.8;
export const WEEKDAY_CONVERSION = 1.08;

export const ORDER_STATUSES = ['pending', 'paid', 'shipped', 'delivered', 'cancelled', 'returned'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const PAYMENT_METHODS = ['alipay', 'wechat_pay', 'credit_card', 'union_pay', 'cod'] as const;
export const CARRIERS = ['SF Express', 'JD Logistics', 'ZTO', 'YTO', 'STO'] as const;
