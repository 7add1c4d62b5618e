import { BRAND_NAMES_ZH, CATEGORY_NAMES_ZH } from '../src/seed/catalogue.ts';
import { CITY_NAMES_ZH, CITY_TIER_NAMES_ZH, PROVINCE_NAMES_ZH } from '../src/seed/geography.ts';
import { DIMENSIONS } from '../src/sql/semantic/index.ts';
import { ENUMERATED_VALUES } from '../src/sql/values/value-vocabulary.ts';
import type { Warehouse } from '../src/sql/warehouse.ts';

const CUSTOMER_LABEL = /^(?:customer|客户)\s*(\d+)$/;
// Orders likewise ('order 536592', '订单 SL2025…'; ValueIndex.label): the order number is stored.
const ORDER_LABEL = /^(?:order|订单)\s*([a-z0-9-]*\d[a-z0-9-]*)$/;

/** [display name, stored value]: 手机 → Phones, 一线城市 → tier1, Monday → 1. */
export type DisplayPair = readonly [display: string, stored: string];

/** Case, width and spacing never distinguish two values. */
export function foldText(text: string): string {
  return text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

const WEEKDAY_NAMES: readonly (readonly string[])[] = [
  ['周一', '星期一', '礼拜一', 'Monday', 'Mon'],
  ['周二', '星期二', '礼拜二', 'Tuesday', 'Tue'],
  ['周三', '星期三', '礼拜三', 'Wednesday', 'Wed'],
  ['周四', '星期四', '礼拜四', 'Thursday', 'Thu'],
  ['周五', '星期五', '礼拜五', 'Friday', 'Fri'],
  ['周六', '星期六', '礼拜六', 'Saturday', 'Sat'],
  ['周日', '星期日', '星期天', '周天', '礼拜天', 'Sunday', 'Sun'],
];

// Funnel steps are shown by name (浏览, add to cart) as well as by event type.
const EVENT_TYPE_NAMES: Readonly<Record<string, readonly string[]>> = {
  view: ['浏览', 'views', 'page view'],
  search: ['搜索'],
  cart: ['加购', '加入购物车', 'add to cart', 'add-to-cart', 'carts'],
  fav: ['收藏', 'favourite', 'favorite', 'favourites', 'favorites'],
  purchase: ['购买', '下单', 'purchases', 'buy'],
  like: ['点赞'],
  share: ['分享'],
};

/** Display names known without the warehouse: seed maps, the semantic layer's labels, the answer vocabulary. */
export function staticDisplayPairs(): DisplayPair[] {
  const pairs: DisplayPair[] = [];
  const addRecord = (record: Readonly<Record<string, string>>) => {
    for (const [stored, display] of Object.entries(record)) pairs.push([display, stored]);
  };
  addRecord(CITY_NAMES_ZH);
  addRecord(PROVINCE_NAMES_ZH);
  addRecord(CITY_TIER_NAMES_ZH);
  addRecord(BRAND_NAMES_ZH);
  addRecord(CATEGORY_NAMES_ZH);
  for (const dimension of DIMENSIONS) addRecord(dimension.value_labels_zh);
  for (const entry of ENUMERATED_VALUES) {
    // Group entries ("mobile" = four devices) name no single stored value.
    const [stored] = entry.values;
    if (entry.values.length !== 1 || stored === undefined) continue;
    pairs.push([entry.label_en, stored], [entry.label_zh, stored]);
  }
  WEEKDAY_NAMES.forEach((names, index) => {
    for (const name of names) pairs.push([name, String(index + 1)]);
  });
  for (const [stored, names] of Object.entries(EVENT_TYPE_NAMES)) for (const name of names) pairs.push([name, stored]);
  return pairs;
}

/** Chinese names stored beside the English ones in the catalogue (category_zh, title_zh). */
export async function warehouseDisplayPairs(warehouse: Warehouse): Promise<DisplayPair[]> {
  const result = await warehouse.query('SELECT category, category_zh, title_en, title_zh FROM products');
  const pairs: DisplayPair[] = [];
  for (const row of result.rows) {
    if (typeof row.category === 'string' && typeof row.category_zh === 'string') pairs.push([row.category_zh, row.category]);
    if (typeof row.title_en === 'string' && typeof row.title_zh === 'string') pairs.push([row.title_zh, row.title_en]);
  }
  return pairs;
}

/**
 * Maps a display name to the stored value it stands for, so that an answer showing 手机 or 一线城市 matches gold
 * rows holding Phones or tier1. Aliases are merged transitively (微信支付 joins wechat and wechat_pay), and a
 * class is always represented by a stored value.
 */
export class DisplayNames {
  private readonly parent = new Map<string, string>();

  constructor(pairs: Iterable<DisplayPair>) {
    for (const [display, stored] of pairs) this.union(foldText(display), foldText(stored));
  }

  static async load(warehouse: Warehouse): Promise<DisplayNames> {
    return new DisplayNames([...staticDisplayPairs(), ...(await warehouseDisplayPairs(warehouse))]);
  }

  /** The folded stored value a text stands for (the folded text itself when it is no known display name). */
  canonical(text: string): string {
    const folded = foldText(text);
    // A customer is shown by id with a word before it ("customer 5", "客户 5"; ValueIndex.label): the id is stored.
    const customer = CUSTOMER_LABEL.exec(folded) ?? ORDER_LABEL.exec(folded);
    return customer?.[1] ?? this.find(folded);
  }

  private find(key: string): string {
    let root = key;
    for (let next = this.parent.get(root); next !== undefined && next !== root; next = this.parent.get(root)) root = next;
    return root;
  }

  private union(display: string, stored: string): void {
    if (!this.parent.has(stored)) this.parent.set(stored, stored);
    if (!this.parent.has(display)) this.parent.set(display, display);
    const storedRoot = this.find(stored);
    const displayRoot = this.find(display);
    // The stored side's root wins, so canonical forms stay stored values.
    if (storedRoot !== displayRoot) this.parent.set(displayRoot, storedRoot);
  }
}
