import {
  CHANNELS,
  DEVICE_CONVERSION,
  DEVICE_DWELL,
  DEVICE_WEIGHTS,
  EVENT,
  NEW_USER_CONVERSION,
  NEW_USER_DAYS,
  PAGE,
} from './behaviour-factors.ts';
import { SECONDS_PER_DAY, type SeedWindow } from './calendar.ts';
import { CATEGORIES } from './catalogue.ts';
import type { OrderBuilder } from './order-builder.ts';
import type { ProductChooser } from './product-chooser.ts';
import type { SeededRandom } from '../random/seeded-random.ts';
import type { DayProfile } from './rhythms.ts';
import type { SearchQueryIndex } from './search-queries.ts';
import type { StagingTable } from './staging-table.ts';
import type { UserProfile } from './users.ts';

/** Chance that a session of an average user on an average day ends in a checkout (before all factors). */
const BASE_SESSION_CONVERSION = 0.075;
const LIVESTREAM = CHANNELS.indexOf('livestream');
const SEARCH_ADS = CHANNELS.indexOf('search_ads');
const SOCIAL = CHANNELS.indexOf('social');
const LINE_COUNTS = [1, 2, 3, 4];
const LINE_COUNT_WEIGHTS = [62, 24, 10, 4];

/**
 * Simulates one browsing session: an optional search, a burst of product views seconds to minutes apart
 * with carts, favourites, likes and shares sprinkled in, and, for buying sessions, a checkout whose
 * purchase events share the order's created_at. Events are buffered per session so that a session running
 * past the window end can be cut cleanly (and its checkout dropped).
 */
export class SessionSimulator {
  private nextEventId = 1;
  private nextSessionId = 1;
  private readonly types: number[] = [];
  private readonly productIds: (number | null)[] = [];
  private readonly queryIds: (number | null)[] = [];
  private readonly seconds: number[] = [];
  private readonly dwells: (number | null)[] = [];
  private readonly pages: number[] = [];
  private readonly windowEnd: number;

  constructor(
    private readonly random: SeededRandom,
    window: SeedWindow,
    private readonly chooser: ProductChooser,
    private readonly queries: SearchQueryIndex,
    private readonly events: StagingTable,
    private readonly orders: OrderBuilder,
  ) {
    this.windowEnd = window.days * SECONDS_PER_DAY - 1;
  }

  get eventsWritten(): number {
    return this.nextEventId - 1;
  }

  get sessionsWritten(): number {
    return this.nextSessionId - 1;
  }

  /** Simulates one session starting at `startSecond`; returns the second of its last event. */
  simulate(user: UserProfile, profile: DayProfile, startSecond: number): number {
    const random = this.random;
    this.clear();
    const deviceIndex = random.chance(0.85) ? user.deviceIndex : random.weightedIndex(DEVICE_WEIGHTS);
    const categoryIndex = random.cumulativeIndex(user.categoryAffinity);
    const willBuy = random.chance(this.buyProbability(user, profile, deviceIndex, categoryIndex));
    const budget = random.chance(user.priceSensitivity);
    const live = user.channelIndex === LIVESTREAM && random.chance(0.5);
    const epochDay = profile.epochDay;
    let brand = random.chance(user.brandLoyalty) ? user.favouriteBrands[categoryIndex] : undefined;
    let second = startSecond;

    const searchFirst = random.chance(user.channelIndex === SEARCH_ADS ? 0.7 : live ? 0.12 : 0.33);
    if (searchFirst) {
      const query = this.queries.pick(random, categoryIndex, user.language);
      const queryBrand = this.queries.queries[query]!.brand;
      if (queryBrand && random.chance(0.7)) brand = queryBrand;
      this.push(EVENT.search, null, query, second, null, PAGE.search);
      second += Math.round(random.logNormal(6, 0.5));
    }

    const purchases = willBuy ? this.choosePurchases(user, categoryIndex, epochDay, brand, budget) : [];
    const viewCount = Math.max(purchases.length, random.geometricCount(0.8, 30) + (willBuy ? random.integer(1, 4) : 0));
    // Each purchased product is viewed (at a random position) before the checkout.
    const purchasePositions = new Map<number, number>();
    for (const productIndex of purchases) {
      let position = random.integer(0, viewCount - 1);
      while (purchasePositions.has(position)) position = (position + 1) % viewCount;
      purchasePositions.set(position, productIndex);
    }
    const cartChance = 0.045 * profile.cartAndFavourite * (user.group === 'price_sensitive' && profile.phase === 'warm_up' ? 1.5 : 1);
    const favouriteChance = 0.027 * profile.cartAndFavourite * (user.group === 'window_shopper' ? 1.5 : 1);
    const shareChance = user.channelIndex === SOCIAL ? 0.02 : 0.008;
    const dwellMedian = 22 * (DEVICE_DWELL[deviceIndex] ?? 1);

    for (let view = 0; view < viewCount; view++) {
      if (view > 0 && random.chance(0.05)) {
        this.push(EVENT.search, null, this.queries.pick(random, categoryIndex, user.language), second, null, PAGE.search);
        second += Math.round(random.logNormal(6, 0.5));
      }
      const purchased = purchasePositions.get(view);
      const productIndex = purchased ?? this.browseProduct(user, categoryIndex, epochDay, brand, budget);
      const page = live && random.chance(0.6)
        ? PAGE.live
        : view === 0 && !searchFirst ? (random.chance(0.6) ? PAGE.home : PAGE.category) : PAGE.product;
      // Shoppers linger on what they end up buying.
      const dwell = Math.min(1800, Math.max(1, random.logNormal(dwellMedian, 0.8) * (purchased === undefined ? 1 : 2.6)));
      const productId = this.chooser.products[productIndex]!.productId;
      this.push(EVENT.view, productId, null, second, Math.round(dwell * 10) / 10, page);
      second += Math.round(dwell + random.logNormal(4, 0.6));
      if (purchased !== undefined ? random.chance(0.85) : random.chance(cartChance)) {
        this.push(EVENT.cart, productId, null, second, null, page === PAGE.live ? PAGE.live : PAGE.product);
        second += Math.round(random.logNormal(5, 0.6));
      }
      if (random.chance(favouriteChance)) {
        this.push(EVENT.fav, productId, null, second, null, PAGE.product);
        second += Math.round(random.logNormal(4, 0.6));
      }
      if (random.chance(page === PAGE.live ? 0.05 : 0.012)) {
        this.push(EVENT.like, productId, null, second, null, page);
        second += Math.round(random.logNormal(3, 0.6));
      }
      if (random.chance(shareChance)) {
        this.push(EVENT.share, productId, null, second, null, page);
        second += Math.round(random.logNormal(8, 0.6));
      }
    }

    let checkoutSecond = -1;
    if (purchases.length > 0) {
      const firstPurchase = this.chooser.products[purchases[0]!]!.productId;
      if (random.chance(0.7)) {
        const dwell = Math.round(random.logNormal(12, 0.6) * 10) / 10;
        this.push(EVENT.view, firstPurchase, null, second, dwell, PAGE.cart);
        second += Math.round(dwell);
      }
      second += Math.round(random.logNormal(40, 0.5));
      checkoutSecond = second;
      for (const productIndex of purchases) {
        this.push(EVENT.purchase, this.chooser.products[productIndex]!.productId, null, second, null, PAGE.checkout);
      }
      if (random.chance(0.04)) this.push(EVENT.share, firstPurchase, null, second + 20, null, PAGE.checkout);
    }
    const lastSecond = this.flush(user.userId, deviceIndex);
    if (checkoutSecond >= 0 && checkoutSecond <= this.windowEnd) {
      this.orders.checkout(user, purchases, checkoutSecond, deviceIndex, profile);
      for (const productIndex of purchases) user.purchasedProducts.push(productIndex);
    }
    return lastSecond;
  }

  private buyProbability(user: UserProfile, profile: DayProfile, deviceIndex: number, categoryIndex: number): number {
    if (user.group === 'window_shopper') return 0;
    if (user.group === 'one_time' && user.orderCount > 0) return 0;
    let probability =
      BASE_SESSION_CONVERSION * user.conversion * (DEVICE_CONVERSION[deviceIndex] ?? 1) * profile.conversion *
      CATEGORIES[categoryIndex]!.conversionFactor;
    if (profile.epochDay - user.signupEpochDay < NEW_USER_DAYS) probability *= NEW_USER_CONVERSION;
    // Price-sensitive shoppers wait for the festival: they hold back in the warm-up and pounce on the day.
    if (user.group === 'price_sensitive') {
      probability *= profile.phase === 'peak' ? 7 : profile.phase === 'post' ? 1.8 : profile.phase === 'warm_up' ? 0.7 : 1;
    }
    return Math.min(0.9, probability);
  }

  private choosePurchases(user: UserProfile, categoryIndex: number, epochDay: number, brand: string | undefined, budget: boolean): number[] {
    const random = this.random;
    const count = random.weightedPick(LINE_COUNTS, LINE_COUNT_WEIGHTS);
    const chosen: number[] = [];
    for (let attempt = 0; chosen.length < count && attempt < count * 3; attempt++) {
      const lineCategory = chosen.length === 0 || random.chance(0.5) ? categoryIndex : random.cumulativeIndex(user.categoryAffinity);
      const history = user.purchasedProducts;
      const repurchaseChance = user.group === 'loyal' ? (CATEGORIES[lineCategory]!.replenishable ? 0.5 : 0.2) : 0.05;
      const productIndex = history.length > 0 && random.chance(repurchaseChance)
        ? random.pick(history)
        : this.chooser.choose(random, lineCategory, epochDay, lineCategory === categoryIndex ? brand : this.loyalBrand(user, lineCategory), budget);
      if (!chosen.includes(productIndex)) chosen.push(productIndex);
    }
    return chosen;
  }

  private loyalBrand(user: UserProfile, categoryIndex: number): string | undefined {
    return this.random.chance(user.brandLoyalty) ? user.favouriteBrands[categoryIndex] : undefined;
  }

  private browseProduct(user: UserProfile, categoryIndex: number, epochDay: number, brand: string | undefined, budget: boolean): number {
    const random = this.random;
    // Sessions wander: some views leave the session's category, and some leave the focused brand.
    if (random.chance(0.15)) {
      return this.chooser.choose(random, random.cumulativeIndex(user.categoryAffinity), epochDay, undefined, budget);
    }
    return this.chooser.choose(random, categoryIndex, epochDay, brand && random.chance(0.7) ? brand : undefined, budget);
  }

  private push(type: number, productId: number | null, queryId: number | null, second: number, dwell: number | null, page: number): void {
    this.types.push(type);
    this.productIds.push(productId);
    this.queryIds.push(queryId);
    this.seconds.push(second);
    this.dwells.push(dwell);
    this.pages.push(page);
  }

  private clear(): void {
    this.types.length = 0;
    this.productIds.length = 0;
    this.queryIds.length = 0;
    this.seconds.length = 0;
    this.dwells.length = 0;
    this.pages.length = 0;
  }

  /** Writes the buffered events up to the window end; returns the last written second. */
  private flush(userId: number, deviceIndex: number): number {
    const sessionId = this.nextSessionId++;
    let last = -1;
    for (let index = 0; index < this.types.length; index++) {
      const second = this.seconds[index]!;
      if (second > this.windowEnd) break;
      this.events.append([
        this.nextEventId++, userId, sessionId, this.productIds[index]!, this.types[index]!, this.queryIds[index]!,
        second, this.dwells[index]!, deviceIndex, this.pages[index]!,
      ]);
      last = second;
    }
    return last;
  }
}
