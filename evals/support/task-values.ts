import type { DemoCatalogue, ItemRow, OrderRow, PickedFixtures, ProductRow } from './task-fixtures.ts';

/**
 * The values a task's templates name ("{main.item1.other.option}"), in the task's language. A value may have
 * aliases (a carrier's Chinese name, a date written several ways): utterances use the first, facts accept any.
 */
export type TemplateValue = string | string[];

const PAYMENT_LABELS: Record<string, { en: string[]; zh: string[] }> = {
  alipay: { en: ['Alipay'], zh: ['支付宝'] },
  wechat_pay: { en: ['WeChat Pay'], zh: ['微信支付', '微信'] },
  credit_card: { en: ['credit card'], zh: ['信用卡'] },
  union_pay: { en: ['UnionPay'], zh: ['银联'] },
  cod: { en: ['cash on delivery'], zh: ['货到付款'] },
  gift_card: { en: ['gift card'], zh: ['礼品卡'] },
  paypal: { en: ['PayPal'], zh: ['PayPal'] },
};
const CARRIER_ALIASES: Record<string, string[]> = {
  'SF Express': ['顺丰'],
  ZTO: ['中通'],
  STO: ['申通'],
  YTO: ['圆通'],
  Yunda: ['韵达'],
  'JD Logistics': ['京东物流', '京东'],
  EMS: ['邮政'],
};
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function paymentLabels(method: string | null, language: 'en' | 'zh'): string[] {
  if (!method) return [];
  return PAYMENT_LABELS[method]?.[language] ?? [method];
}

function dateAliases(date: string | null): string[] {
  if (!date) return [];
  const [year, month, day] = date.slice(0, 10).split('-').map(Number) as [number, number, number];
  const monthName = MONTHS[month - 1] as string;
  return [date.slice(0, 10), `${month}月${day}日`, `${monthName} ${day}`, `${day} ${monthName}`, `${monthName.slice(0, 3)} ${day}`, `${day} ${monthName.slice(0, 3)}`, `${year}/${month}/${day}`];
}

/** The street part of a stored Chinese address: what follows the last 区/县 (or 市). */
export function streetOf(address: string | null): string {
  if (!address) return '';
  const match = /(?:区|县)([^区县]+)$/.exec(address) ?? /市([^市]+)$/.exec(address);
  return match?.[1] ?? address;
}

export class TaskValues {
  private readonly values = new Map<string, TemplateValue>();

  constructor(
    readonly fixtures: PickedFixtures,
    readonly catalogue: DemoCatalogue,
    readonly language: 'en' | 'zh',
  ) {
    for (const [name, order] of Object.entries(fixtures.orders)) this.addOrder(name, order);
    // "#W4776164" and "W4776164" name the same order (imported shops keep ids with or without "#").
    for (const [name, decoy] of Object.entries(fixtures.decoys)) this.values.set(`${name}.order_no`, decoy.orderNo.startsWith('#') ? [decoy.orderNo, decoy.orderNo.slice(1)] : decoy.orderNo);
    for (const [name, family] of Object.entries(fixtures.products)) {
      const first = family[0] as ProductRow;
      this.values.set(`${name}.name`, this.catalogue.nameAndOption(first.productId, language).name);
      family.forEach((product, index) => this.addProduct(`${name}.v${index + 1}`, product));
    }
  }

  private addProduct(prefix: string, product: ProductRow): void {
    const { name, option } = this.catalogue.nameAndOption(product.productId, this.language);
    this.values.set(`${prefix}.name`, name);
    this.values.set(`${prefix}.option`, option);
    this.values.set(`${prefix}.title`, this.language === 'en' ? product.titleEn : product.titleZh);
    this.values.set(`${prefix}.price`, String(product.price));
    this.values.set(`${prefix}.product_id`, String(product.productId));
  }

  private addOrder(name: string, order: OrderRow): void {
    this.values.set(`${name}.order_no`, order.orderNo);
    this.values.set(`${name}.tracking`, order.trackingNumber ?? '');
    this.values.set(`${name}.carrier`, order.carrier ? [order.carrier, ...(CARRIER_ALIASES[order.carrier] ?? [])] : '');
    this.values.set(`${name}.total`, String(order.totalAmount));
    this.values.set(`${name}.city`, order.shippingCity ?? '');
    this.values.set(`${name}.street`, streetOf(order.shippingAddress));
    this.values.set(`${name}.payment`, paymentLabels(order.paymentMethod, this.language));
    this.values.set(`${name}.delivered_date`, dateAliases(order.deliveredAt));
    order.items.forEach((item, index) => {
      const prefix = `${name}.item${index + 1}`;
      this.addProduct(prefix, this.productOf(item));
      this.values.set(`${prefix}.qty`, String(item.quantity));
      const siblings = this.siblings(item);
      siblings.forEach((sibling, siblingIndex) => this.addProduct(`${prefix}.other${siblingIndex === 0 ? '' : siblingIndex + 1}`, sibling));
      this.addProduct(`${prefix}.foreign`, this.foreignProduct(item));
    });
  }

  productOf(item: ItemRow): ProductRow {
    const product = this.catalogue.products.get(item.productId);
    if (!product) throw new Error(`product ${item.productId} is not in the catalogue`);
    return product;
  }

  /** A product of another category: an exchange or change to it crosses products. */
  private foreignProduct(item: ItemRow): ProductRow {
    const own = this.productOf(item);
    const candidates = [...this.catalogue.products.values()].filter((row) => row.category !== own.category);
    return candidates[item.productId % candidates.length] as ProductRow;
  }

  get(key: string): TemplateValue {
    const value = this.values.get(key);
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) throw new MissingTemplateValue(key);
    return value;
  }

  has(key: string): boolean {
    try {
      this.get(key);
      return true;
    } catch {
      return false;
    }
  }

  /** A template with every {key} replaced by the value's first form. */
  fill(template: string): string {
    return template.replace(/\{([a-z][\w.]*)\}/g, (_whole, key: string) => {
      const value = this.get(key);
      return Array.isArray(value) ? (value[0] as string) : value;
    });
  }

  /** Every form of a template: a single {key} template with aliases gives each alias. */
  forms(template: string): string[] {
    const whole = /^\{([a-z][\w.]*)\}$/.exec(template);
    if (whole) {
      const value = this.get(whole[1] as string);
      return Array.isArray(value) ? value : [value];
    }
    return [this.fill(template)];
  }

  order(name: string): OrderRow {
    const order = this.fixtures.orders[name];
    if (!order) throw new MissingTemplateValue(name);
    return order;
  }

  /** "main.item2" → the order and its second line. */
  item(reference: string): { order: OrderRow; item: ItemRow; index: number } | undefined {
    const match = /^([a-z]\w*)\.item(\d+)$/.exec(reference);
    if (!match) throw new MissingTemplateValue(reference);
    const order = this.order(match[1] as string);
    const index = Number(match[2]) - 1;
    const item = order.items[index];
    return item ? { order, item, index } : undefined;
  }

  /** The other variants of an item's product, those in stock first: a task's "other" option is one a shop can deliver. */
  siblings(item: ItemRow): ProductRow[] {
    const others = this.catalogue.family(item.productId).filter((row) => row.productId !== item.productId);
    return [...others.filter((row) => row.stock === undefined || row.stock > 0), ...others.filter((row) => row.stock !== undefined && row.stock <= 0)];
  }
}

export class MissingTemplateValue extends Error {
  override readonly name = 'MissingTemplateValue';
  constructor(readonly key: string) {
    super(`the task names {${key}}, which its fixtures do not provide`);
  }
}
