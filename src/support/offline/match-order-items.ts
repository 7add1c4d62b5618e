import { normalizeQuestion } from '../../text/normalize-question.ts';
import type { Recognition } from '../dialogue/recognize-message.ts';
import { productQueryTerms } from '../products/product-search.ts';
import type { FoundOrderStatus } from '../render/tool-results.ts';

type Item = FoundOrderStatus['items'][number];

/** Items of the order whose title, brand or category the message names ("耳机", "the shoes"). */
export function itemsNamedIn(text: string, items: readonly Item[]): Item[] {
  // Positions and counts ("第2个", "2 units") are not names: a bare number would match "AirPods Pro 2".
  const withoutNumbers = text.replace(/第\s*[一二三四五六七八九十两\d]{1,3}\s*(个|单|件|笔|项|行|条|款)?/gu, ' ');
  const terms = productQueryTerms(withoutNumbers).filter((term) => !/^\d+$/.test(term));
  if (terms.length === 0) return [];
  return items.filter((item) => {
    const haystack = normalizeQuestion([item.title_en, item.title_zh, item.brand, item.category_en, item.category_zh].filter(Boolean).join(' '));
    return terms.some((term) => haystack.includes(term));
  });
}

/**
 * Which items (and how many units) a message picks for a return: "全部"/"all", a position when the bot asked
 * for items ("第1件", "item 2"), a product named by title or category, or the only item left. undefined when
 * the message does not say.
 */
export function pickReturnItems(recognition: Recognition, items: readonly Item[], askedForItems: boolean): { lineNo: number; quantity: number }[] | undefined {
  const returnable = items.filter((item) => item.returnable_quantity > 0);
  if (recognition.all) return returnable.map((item) => ({ lineNo: item.line_no, quantity: item.returnable_quantity }));
  let chosen: Item | undefined;
  if (askedForItems && recognition.ordinal !== undefined) chosen = items.find((item) => item.line_no === recognition.ordinal);
  if (!chosen) {
    const named = itemsNamedIn(recognition.text, returnable);
    if (named.length === 1) chosen = named[0];
    else if (named.length > 1 && named.length === returnable.length && recognition.quantity === undefined) {
      return named.map((item) => ({ lineNo: item.line_no, quantity: item.returnable_quantity }));
    }
  }
  if (!chosen && returnable.length === 1 && (askedForItems || recognition.quantity !== undefined)) chosen = returnable[0];
  if (!chosen) return undefined;
  return [{ lineNo: chosen.line_no, quantity: recognition.quantity ?? chosen.returnable_quantity }];
}

/** The one item a message picks for an exchange, or the only exchangeable item. */
export function pickExchangeLine(recognition: Recognition, items: readonly Item[], askedForLine: boolean): number | undefined {
  const candidates = items.filter((item) => item.returnable_quantity > 0);
  if (candidates.length === 1) return candidates[0]?.line_no;
  if (askedForLine && recognition.ordinal !== undefined && items.some((item) => item.line_no === recognition.ordinal)) return recognition.ordinal;
  const named = itemsNamedIn(recognition.text, candidates);
  return named.length === 1 ? named[0]?.line_no : undefined;
}
