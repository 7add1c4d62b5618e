import type { Warehouse } from '../../src/sql/warehouse.ts';
import type { OrderFixture, OrderKind, SupportTask } from './support-task-schema.ts';

/**
 * The demo data a task is played on: a shopper no earlier task used, with orders matching the task's fixtures, and
 * the values its templates and expectations name. Products come in families of three variants (consecutive product
 * ids, titles sharing their leading words: "Apple AirPods 4 Black / White / Blue"), which is how the demo generator
 * writes them; the family's name is the shared words and the variant's option is the rest.
 */

export interface ProductRow {
  productId: number;
  titleEn: string;
  titleZh: string;
  category: string;
  price: number;
  /** Units in stock when the catalogue has stock (products.stock), else undefined. */
  stock?: number;
}

export interface ItemRow {
  lineNo: number;
  productId: number;
  quantity: number;
  unitPrice: number;
  returnedQuantity: number;
}

export interface OrderRow {
  orderId: number;
  orderNo: string;
  userId: number;
  status: string;
  createdAt: string;
  paidAt: string | null;
  deliveredAt: string | null;
  itemsAmount: number;
  discountAmount: number;
  totalAmount: number;
  paymentMethod: string | null;
  shippingAddress: string | null;
  shippingCity: string | null;
  carrier: string | null;
  trackingNumber: string | null;
  exchangeCount: number;
  items: ItemRow[];
}

export interface PickedFixtures {
  customerId: number;
  orders: Record<string, OrderRow>;
  decoys: Record<string, { orderNo: string; orderId: number | null }>;
  products: Record<string, ProductRow[]>;
}

const DAY_MS = 86_400_000;

function daysBetween(date: string, asOf: string): number {
  return Math.round((Date.parse(`${asOf}T00:00:00Z`) - Date.parse(`${date.slice(0, 10)}T00:00:00Z`)) / DAY_MS);
}

export class DemoCatalogue {
  private constructor(
    readonly products: Map<number, ProductRow>,
    readonly orders: OrderRow[],
    readonly asOf: string,
  ) {}

  static async load(warehouse: Warehouse, asOf: string): Promise<DemoCatalogue> {
    const products = new Map<number, ProductRow>();
    const stockColumn = (await warehouse.query(`SELECT count(*) AS n FROM information_schema.columns WHERE table_name = 'products' AND column_name = 'stock'`)).rows[0]?.n;
    const stock = Number(stockColumn) > 0 ? 'stock' : 'NULL AS stock';
    for (const row of (await warehouse.query(`SELECT product_id, title_en, title_zh, category, price, ${stock} FROM products ORDER BY product_id`)).rows) {
      products.set(Number(row.product_id), {
        productId: Number(row.product_id), titleEn: String(row.title_en), titleZh: String(row.title_zh), category: String(row.category), price: Number(row.price),
        ...(row.stock === null ? {} : { stock: Number(row.stock) }),
      });
    }
    const items = new Map<number, ItemRow[]>();
    for (const row of (await warehouse.query('SELECT order_id, line_no, product_id, quantity, unit_price, returned_quantity FROM order_items ORDER BY order_id, line_no')).rows) {
      const list = items.get(Number(row.order_id)) ?? [];
      list.push({ lineNo: Number(row.line_no), productId: Number(row.product_id), quantity: Number(row.quantity), unitPrice: Number(row.unit_price), returnedQuantity: Number(row.returned_quantity) });
      items.set(Number(row.order_id), list);
    }
    const orders = (
      await warehouse.query(
        `SELECT order_id, order_no, user_id, status, created_at::VARCHAR AS created_at, paid_at::VARCHAR AS paid_at, delivered_at::VARCHAR AS delivered_at,
                items_amount, discount_amount, total_amount, payment_method, shipping_address, shipping_city, carrier, tracking_number, exchange_count
           FROM orders WHERE user_id IS NOT NULL ORDER BY user_id, created_at`,
      )
    ).rows.map(
      (row): OrderRow => ({
        orderId: Number(row.order_id),
        orderNo: String(row.order_no),
        userId: Number(row.user_id),
        status: String(row.status),
        createdAt: String(row.created_at),
        paidAt: row.paid_at === null ? null : String(row.paid_at),
        deliveredAt: row.delivered_at === null ? null : String(row.delivered_at),
        itemsAmount: Number(row.items_amount),
        discountAmount: Number(row.discount_amount),
        totalAmount: Number(row.total_amount),
        paymentMethod: row.payment_method === null ? null : String(row.payment_method),
        shippingAddress: row.shipping_address === null ? null : String(row.shipping_address),
        shippingCity: row.shipping_city === null ? null : String(row.shipping_city),
        carrier: row.carrier === null ? null : String(row.carrier),
        trackingNumber: row.tracking_number === null ? null : String(row.tracking_number),
        exchangeCount: Number(row.exchange_count),
        items: items.get(Number(row.order_id)) ?? [],
      }),
    );
    return new DemoCatalogue(products, orders, asOf);
  }

  /** The three variants of a product's family. */
  family(productId: number): ProductRow[] {
    const first = Math.floor((productId - 1) / 3) * 3 + 1;
    return [first, first + 1, first + 2].map((id) => this.products.get(id)).filter((row): row is ProductRow => row !== undefined);
  }

  familyKey(productId: number): number {
    return Math.floor((productId - 1) / 3);
  }

  /** The family's shared leading words and this variant's remaining words, in one language. */
  nameAndOption(productId: number, language: 'en' | 'zh'): { name: string; option: string } {
    const titles = this.family(productId).map((row) => (language === 'en' ? row.titleEn : row.titleZh).split(/\s+/));
    const own = (language === 'en' ? this.products.get(productId)?.titleEn : this.products.get(productId)?.titleZh)?.split(/\s+/) ?? [];
    let shared = 0;
    while (shared < own.length - 1 && titles.every((words) => words[shared] === own[shared])) shared++;
    return { name: own.slice(0, shared).join(' '), option: own.slice(shared).join(' ') };
  }

  matchesKind(order: OrderRow, kind: OrderKind): boolean {
    const nothingReturned = order.items.every((item) => item.returnedQuantity === 0);
    const age = order.deliveredAt ? daysBetween(order.deliveredAt, this.asOf) : Number.NaN;
    switch (kind) {
      case 'pending':
        return order.status === 'pending' || order.status === 'paid';
      case 'shipped':
        return order.status === 'shipped' && order.trackingNumber !== null;
      case 'delivered_recent':
        return order.status === 'delivered' && age >= 0 && age <= 6 && order.exchangeCount === 0 && nothingReturned;
      case 'delivered_mid':
        return order.status === 'delivered' && age >= 9 && age <= 14 && order.exchangeCount === 0 && nothingReturned;
      case 'delivered_old':
        return order.status === 'delivered' && age >= 17 && order.exchangeCount === 0 && nothingReturned;
      case 'delivered_any':
        return order.status === 'delivered';
      case 'returned':
        return order.status === 'returned';
      case 'cancelled':
        return order.status === 'cancelled';
    }
  }

  matches(order: OrderRow, fixture: OrderFixture, language: 'en' | 'zh'): boolean {
    if (!this.matchesKind(order, fixture.kind)) return false;
    if (fixture.items !== undefined && order.items.length !== fixture.items) return false;
    if (fixture.min_items !== undefined && order.items.length < fixture.min_items) return false;
    if (fixture.payment_not !== undefined && order.paymentMethod === fixture.payment_not) return false;
    // Items of different families, so naming a product names one item (the ambiguity traps ask for it explicitly).
    const families = order.items.map((item) => this.familyKey(item.productId));
    if (new Set(families).size !== families.length) return false;
    if (fixture.shared_option) {
      const [first, second] = order.items;
      if (!first || !second) return false;
      const optionOf = (item: ItemRow) => this.nameAndOption(item.productId, language).option;
      if (optionOf(first) !== optionOf(second)) return false;
      const other = order.items.slice(2).filter((item) => optionOf(item) === optionOf(first));
      if (other.length > 0) return false;
    }
    return true;
  }
}

/** Hands each task a shopper no earlier task used, so tasks never see each other's writes. */
export class FixturePicker {
  private readonly used = new Set<number>();
  private readonly byUser = new Map<number, OrderRow[]>();

  constructor(private readonly catalogue: DemoCatalogue) {
    for (const order of catalogue.orders) {
      const list = this.byUser.get(order.userId) ?? [];
      list.push(order);
      this.byUser.set(order.userId, list);
    }
  }

  pick(task: SupportTask): PickedFixtures {
    const wanted = Object.entries(task.shopper.orders);
    for (const [userId, orders] of this.byUser) {
      if (this.used.has(userId)) continue;
      const assignment = this.assign(wanted, orders, task.language);
      if (!assignment) continue;
      this.used.add(userId);
      return { customerId: userId, orders: assignment, decoys: this.decoys(task), products: this.products(task) };
    }
    throw new Error(`${task.id}: no unused demo shopper has orders matching ${JSON.stringify(task.shopper.orders)}; seed more users.`);
  }

  /** Each fixture gets a distinct order of this shopper; when the task names no order, the shopper may have none open. */
  private assign(wanted: [string, OrderFixture][], orders: OrderRow[], language: 'en' | 'zh'): Record<string, OrderRow> | undefined {
    const result: Record<string, OrderRow> = {};
    const taken = new Set<number>();
    for (const [name, fixture] of wanted) {
      const order = orders.find((candidate) => !taken.has(candidate.orderId) && this.catalogue.matches(candidate, fixture, language));
      if (!order) return undefined;
      taken.add(order.orderId);
      result[name] = order;
    }
    // A shopper whose only order is open makes "my order" unambiguous for the tasks that do not quote a number.
    const openOnes = orders.filter((order) => this.catalogue.matchesKind(order, 'pending')).length;
    const openWanted = wanted.filter(([, fixture]) => fixture.kind === 'pending').length;
    if (openOnes !== openWanted) return undefined;
    const shippedOnes = orders.filter((order) => order.status === 'shipped').length;
    const shippedWanted = wanted.filter(([, fixture]) => fixture.kind === 'shipped').length;
    if (shippedOnes !== shippedWanted) return undefined;
    return result;
  }

  private decoys(task: SupportTask): PickedFixtures['decoys'] {
    const decoys: PickedFixtures['decoys'] = {};
    for (const [name, kind] of Object.entries(task.decoys)) {
      if (kind === 'foreign_format') {
        decoys[name] = { orderNo: `#W${4776164 + task.id.length}`, orderId: null };
        continue;
      }
      if (kind === 'unknown') {
        const known = new Set(this.catalogue.orders.map((order) => order.orderNo));
        let candidate = 'SL2025112900009137';
        for (let step = 1; known.has(candidate); step++) candidate = `SL20251129${String(9137 + step * 7).padStart(8, '0')}`;
        decoys[name] = { orderNo: candidate, orderId: null };
        continue;
      }
      for (const [userId, orders] of this.byUser) {
        if (this.used.has(userId)) continue;
        const order = orders.find((candidate) => this.catalogue.matchesKind(candidate, 'pending'));
        if (!order) continue;
        this.used.add(userId);
        decoys[name] = { orderNo: order.orderNo, orderId: order.orderId };
        break;
      }
      if (!decoys[name]) throw new Error(`${task.id}: no unused shopper with an open order for decoy ${name}`);
    }
    return decoys;
  }

  private products(task: SupportTask): PickedFixtures['products'] {
    const result: PickedFixtures['products'] = {};
    for (const [name, fixture] of Object.entries(task.shopper.products)) {
      const families = [...this.catalogue.products.values()].filter((row) => row.category === fixture.category && (row.productId - 1) % 3 === 0);
      const first = families[fixture.index];
      if (!first) throw new Error(`${task.id}: category ${fixture.category} has no product family #${fixture.index}`);
      result[name] = this.catalogue.family(first.productId);
    }
    return result;
  }
}
