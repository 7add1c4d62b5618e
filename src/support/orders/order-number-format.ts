import { SupportError } from '../support-error.ts';

/** The demo's order numbers: "SL" and the date and sequence digits. */
export const DEMO_ORDER_NUMBER_PATTERN = 'SL\\d{8,24}';

/**
 * Tokens a shopper uses to name an order even when they are not in the shop's format: "#W4776164", "order 4776164",
 * "订单号 W4776164". They are looked up like any order number (and reported as not found), so a number the bot does
 * not recognise is never silently replaced by another order. Three or more digits keep "#2" an ordinal.
 */
const ORDER_REFERENCES: readonly RegExp[] = [
  /#\s?([a-z]{0,4}-?\d{3,}[a-z0-9-]*)/iu,
  /\border\s*(?:no\.?|number|id)?\s*[:#]?\s*([a-z]{0,4}-?\d{4,}[a-z0-9-]*)\b/iu,
  /订单\s*(?:号|编号)?\s*(?:是|为)?\s*[::#]?\s*([a-z]{0,4}-?\d{4,}[a-z0-9-]*)/iu,
];

/**
 * The shop's order-number format (configurable: imported shops keep their own ids, with or without "#").
 * `find` returns the order number a message names, in the shop's format if it has one, else any order reference.
 */
export class OrderNumberFormat {
  private readonly shopPattern: RegExp;

  constructor(readonly source: string = DEMO_ORDER_NUMBER_PATTERN) {
    let pattern: RegExp;
    try {
      pattern = new RegExp(`(?<![a-z0-9])#?(${source})(?![a-z0-9])`, 'iu');
    } catch (error) {
      throw new SupportError(`orderNumberPattern "${source}" is not a valid regular expression: ${(error as Error).message}`, { kind: 'invalid_session', cause: error });
    }
    if (pattern.test('') || pattern.test('#')) throw new SupportError(`orderNumberPattern "${source}" matches an empty order number; give the shop's format, e.g. "W\\\\d{7}".`, { kind: 'invalid_session' });
    this.shopPattern = pattern;
  }

  /** Every order number in the shop's format a message names, in order, each once ("SL… and SL…"). */
  findAll(text: string): string[] {
    const all = new RegExp(this.shopPattern.source, 'giu');
    return [...new Set([...text.matchAll(all)].map((match) => (match[1] ?? '').toUpperCase()).filter((orderNo) => orderNo.length > 0))];
  }

  /** The order number named in a message (without a leading "#"), and the exact text that named it. */
  find(text: string): { orderNo: string; matched: string; inShopFormat: boolean } | undefined {
    const own = this.shopPattern.exec(text);
    if (own?.[1]) return { orderNo: own[1].toUpperCase(), matched: own[0], inShopFormat: true };
    for (const pattern of ORDER_REFERENCES) {
      const reference = pattern.exec(text);
      if (reference?.[1]) return { orderNo: reference[1].toUpperCase(), matched: reference[1], inShopFormat: false };
    }
    return undefined;
  }
}

export const DEMO_ORDER_NUMBER_FORMAT = new OrderNumberFormat();
