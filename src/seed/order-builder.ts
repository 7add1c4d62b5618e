import { DEVICES, NEW_USER_DAYS, ORDER_STATUSES } from './behaviour-factors.ts';
import { formatEpochDay, SECONDS_PER_DAY, type SeedWindow } from './calendar.ts';
import { CATEGORIES } from './catalogue.ts';
import { CITIES } from './geography.ts';
import { chooseCarrier, choosePaymentMethod, trackingNumber } from './logistics.ts';
import { chineseName } from './names.ts';
import { orderAmounts } from './order-pricing.ts';
import { orderTimeline } from './order-timeline.ts';
import type { ProductRecord } from './products.ts';
import { SeededRandom } from '../random/seeded-random.ts';
import { draftReview } from './reviews.ts';
import type { DayProfile } from './rhythms.ts';
import type { StagingTable } from './staging-table.ts';
import type { UserProfile } from './users.ts';

export interface OrderTables {
  orders: StagingTable;
  orderItems: StagingTable;
  reviews: StagingTable;
}

const STATUS_CODE = Object.fromEntries(ORDER_STATUSES.map((status, index) => [status, index])) as Record<
  (typeof ORDER_STATUSES)[number],
  number
>;
const CLOTHING = new Set(['womens_clothing', 'mens_clothing', 'shoes']);

/**
 * Turns one checkout into an order, its lines, and (for delivered lines) maybe a review. Everything about
 * the order's future up to the window end is decided at checkout, from its own random streams, so orders
 * never shift the event stream.
 */
export class OrderBuilder {
  private readonly random: SeededRandom;
  private readonly reviewRandom: SeededRandom;
  private readonly ordersPerDay = new Map<number, number>();
  private nextOrderId = 1;
  private nextReviewId = 1;

  constructor(
    seed: number,
    private readonly window: SeedWindow,
    private readonly products: readonly ProductRecord[],
    private readonly tables: OrderTables,
  ) {
    this.random = new SeededRandom(seed, 'orders');
    this.reviewRandom = new SeededRandom(seed, 'reviews');
  }

  checkout(user: UserProfile, productIndexes: readonly number[], createdAt: number, deviceIndex: number, profile: DayProfile): void {
    const random = this.random;
    const windowEnd = this.window.days * SECONDS_PER_DAY - 1;
    const city = CITIES[user.cityIndex]!;
    const orderId = this.nextOrderId++;
    const epochDay = this.window.startEpochDay + Math.floor(createdAt / SECONDS_PER_DAY);
    const dailyNumber = (this.ordersPerDay.get(epochDay) ?? 0) + 1;
    this.ordersPerDay.set(epochDay, dailyNumber);
    const orderNo = `SL${formatEpochDay(epochDay, '')}${String(dailyNumber).padStart(6, '0')}${random.digits(2)}`;

    const lines = productIndexes.map((productIndex) => {
      const product = this.products[productIndex]!;
      const maxQuantity = CATEGORIES[product.categoryIndex]!.maxQuantity;
      const quantity = maxQuantity > 1 && random.chance(0.2) ? random.integer(2, maxQuantity) : 1;
      return { product, quantity, amountCents: quantity * product.priceCents, returned: false };
    });
    const itemsCents = lines.reduce((sum, line) => sum + line.amountCents, 0);
    const newUser = epochDay - user.signupEpochDay < NEW_USER_DAYS;
    const amounts = orderAmounts(random, itemsCents, profile, newUser && user.orderCount === 0, city.tier === 'tier4');
    const timeline = orderTimeline(random, createdAt, windowEnd, city.tier, profile.phase);

    let returnedAt: number | null = null;
    let exchangeCount = 0;
    if (timeline.deliveredAt !== null) {
      const deliveredAt = timeline.deliveredAt;
      for (const line of lines) {
        const category = CATEGORIES[line.product.categoryIndex]!;
        const chance = category.returnRate * (1.5 - line.product.quality) * (line.product.defect ? 1.8 : 1);
        line.returned = random.chance(chance);
      }
      const candidateReturn = deliveredAt + Math.round(random.uniform(1, 7) * SECONDS_PER_DAY);
      if (lines.some((line) => line.returned) && candidateReturn <= windowEnd) {
        returnedAt = candidateReturn;
      } else {
        for (const line of lines) line.returned = false;
        if (lines.some((line) => CLOTHING.has(CATEGORIES[line.product.categoryIndex]!.key)) && random.chance(0.04)) {
          exchangeCount = 1;
        }
      }
    }
    const status = returnedAt !== null ? 'returned' : timeline.status;
    const shipped = timeline.shippedAt !== null;
    const carrier = shipped ? chooseCarrier(random, itemsCents) : null;
    const paymentMethod = choosePaymentMethod(random, DEVICES[deviceIndex]!, city.tier);
    const shippingName = random.chance(0.9) ? user.name : chineseName(random);

    this.tables.orders.append([
      orderId, orderNo, user.userId, STATUS_CODE[status], createdAt, timeline.paidAt, timeline.shippedAt,
      timeline.deliveredAt, timeline.cancelledAt, returnedAt, amounts.itemsCents, amounts.discountCents,
      amounts.shippingCents, amounts.totalCents, paymentMethod, shippingName, user.phone, user.address,
      user.cityIndex, carrier, carrier === null ? null : trackingNumber(random, carrier), deviceIndex, exchangeCount,
    ]);
    lines.forEach((line, index) => {
      this.tables.orderItems.append([
        orderId, index + 1, line.product.productId, line.quantity, line.product.priceCents, line.amountCents,
        line.returned ? line.quantity : 0,
      ]);
      if (timeline.deliveredAt === null || timeline.shippedAt === null) return;
      const review = draftReview(
        this.reviewRandom,
        user,
        { product: line.product, returned: line.returned, shippedAt: timeline.shippedAt, deliveredAt: timeline.deliveredAt },
        windowEnd,
      );
      if (!review) return;
      this.tables.reviews.append([
        this.nextReviewId++, user.userId, line.product.productId, orderId, review.rating, review.text,
        review.language === 'zh' ? 0 : 1, review.createdAt, review.likes,
      ]);
    });
    user.orderCount++;
  }
}
