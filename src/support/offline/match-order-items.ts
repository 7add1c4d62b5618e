import { normalizeQuestion } from '../../text/normalize-question.ts';
import type { Recognition } from '../dialogue/recognize-message.ts';
import { productQueryTerms } from '../products/product-search.ts';
import type { FoundOrderStatus } from '../render/tool-results.ts';

type Item = FoundOrderStatus['items'][number];

/** What a message names: items it names unambiguously, and groups of items one of its phrases fits equally. */
export interface NamedItems {
  items: Item[];
  ambiguous: Item[][];
}

export type ItemPick = { lines: { lineNo: number; quantity: number }[] } | { ambiguous: Item[] } | undefined;

/** "the AirPods and the backpack", "耳机和登山包": each phrase names its own item. */
const PHRASE_SEPARATORS = /\s*(?:[,;&、，；]|\band\b|\bplus\b|\bas well as\b|和|跟|以及|还有|与)\s*/u;
/** "everything except the X", "除了X其他都退": the phrase after the marker names what to leave out. */
const EXCLUSIONS: readonly RegExp[] = [
  /\b(?:except(?: for)?|but not|other than|apart from|besides|excluding|without)\b\s*(.+?)(?:[.!?]|$)/u,
  /除了\s*(.+?)\s*(?:以外|之外)?\s*(?:其他|其余|别的|剩下|都)/u,
  /(?:不包括|不含|除去)\s*(.+?)(?:[,，。!?]|$)/u,
];
/** Positions and counts are not names: "第2个", "2 units" would otherwise match "AirPods Pro 2". */
const POSITIONS_AND_COUNTS = /第\s*[一二三四五六七八九十两\d]{1,3}\s*(个|单|件|笔|项|行|条|款)?|\b\d{1,2}\s+(units?|pieces?|items?|pairs?|of them)\b|[一二两三四五六七八九十\d]{1,2}\s*(件|个|双|台|副|盒|包|条|瓶|支|只)/gu;

function latinWords(text: string): Set<string> {
  return new Set(normalizeQuestion(text).split(/[^a-z0-9]+/).filter(Boolean));
}

/** A Latin term matches a whole word of the item (a plural "s" aside); a Chinese term matches inside the Chinese title. */
function termMatches(term: string, words: Set<string>, chinese: string): boolean {
  if (/\p{Script=Han}/u.test(term)) return chinese.includes(term);
  const bare = term.replace(/[^a-z0-9]/g, '');
  return words.has(bare) || words.has(`${bare}s`) || (bare.endsWith('s') && words.has(bare.slice(0, -1)));
}

function phraseScores(phrase: string, items: readonly Item[]): { item: Item; score: number }[] {
  const terms = productQueryTerms(phrase.replace(POSITIONS_AND_COUNTS, ' '));
  return items.map((item) => {
    const words = latinWords([item.title_en, item.brand, item.category_en].filter(Boolean).join(' '));
    const chinese = normalizeQuestion([item.title_zh, item.category_zh].filter(Boolean).join(' '));
    return { item, score: terms.filter((term) => termMatches(term, words, chinese)).length };
  });
}

/**
 * Items a message names by title, brand, category or option value, matched by whole words: each phrase picks the
 * item it fits best; a phrase that fits several equally ("the black one" with two black items) is ambiguous.
 */
export function namedItems(text: string, items: readonly Item[]): NamedItems {
  const named = new Map<number, Item>();
  const ambiguous: Item[][] = [];
  for (const phrase of text.split(PHRASE_SEPARATORS)) {
    const scores = phraseScores(phrase, items);
    const best = Math.max(0, ...scores.map((entry) => entry.score));
    if (best === 0) continue;
    const top = scores.filter((entry) => entry.score === best).map((entry) => entry.item);
    if (top.length === 1) named.set((top[0] as Item).line_no, top[0] as Item);
    else ambiguous.push(top);
  }
  // A phrase that was ambiguous but whose candidates another phrase settled is no longer a question.
  const open = ambiguous.filter((group) => !group.some((item) => named.has(item.line_no)));
  return { items: [...named.values()].sort((a, b) => a.line_no - b.line_no), ambiguous: open };
}

/** Items named unambiguously (used where only a plain list is wanted). */
export function itemsNamedIn(text: string, items: readonly Item[]): Item[] {
  return namedItems(text, items).items;
}

function exclusionOf(text: string): string | undefined {
  const normalized = normalizeQuestion(text);
  for (const pattern of EXCLUSIONS) {
    const match = pattern.exec(normalized);
    if (match?.[1]) return match[1];
  }
  return undefined;
}

/**
 * Which items (and how many units) a message picks for a return: "all" (minus any "except …"), a position when
 * the bot asked for items ("第1件", "item 2"), the products it names, or the only item left. `ambiguous` when a
 * name fits several items; undefined when the message does not say.
 */
export function pickReturnItems(recognition: Recognition, items: readonly Item[], askedForItems: boolean): ItemPick {
  const returnable = items.filter((item) => item.returnable_quantity > 0);
  const whole = (chosen: readonly Item[]) => ({ lines: chosen.map((item) => ({ lineNo: item.line_no, quantity: item.returnable_quantity })) });
  const excluded = exclusionOf(recognition.text);
  if (excluded !== undefined) {
    const left = namedItems(excluded, returnable);
    if (left.ambiguous[0]) return { ambiguous: left.ambiguous[0] };
    if (left.items.length > 0) {
      const rest = returnable.filter((item) => !left.items.includes(item));
      return rest.length > 0 ? whole(rest) : undefined;
    }
  }
  if (recognition.all) return whole(returnable);
  if (askedForItems && recognition.ordinal !== undefined) {
    const chosen = items.find((item) => item.line_no === recognition.ordinal);
    if (chosen) return { lines: [{ lineNo: chosen.line_no, quantity: recognition.quantity ?? chosen.returnable_quantity }] };
  }
  const named = namedItems(recognition.text, returnable);
  if (named.ambiguous[0]) return { ambiguous: named.ambiguous[0] };
  if (named.items.length === 1) {
    const chosen = named.items[0] as Item;
    return { lines: [{ lineNo: chosen.line_no, quantity: recognition.quantity ?? chosen.returnable_quantity }] };
  }
  if (named.items.length > 1) return whole(named.items);
  const only = returnable[0];
  if (only && returnable.length === 1 && (askedForItems || recognition.quantity !== undefined)) return { lines: [{ lineNo: only.line_no, quantity: recognition.quantity ?? only.returnable_quantity }] };
  return undefined;
}

/** The one item a message picks for an exchange, the only exchangeable item, or the items a name fits equally. */
export function pickExchangeLine(recognition: Recognition, items: readonly Item[], askedForLine: boolean): number | { ambiguous: Item[] } | undefined {
  const candidates = items.filter((item) => item.returnable_quantity > 0);
  if (candidates.length === 1) return candidates[0]?.line_no;
  if (askedForLine && recognition.ordinal !== undefined && items.some((item) => item.line_no === recognition.ordinal)) return recognition.ordinal;
  const named = namedItems(recognition.text, candidates);
  if (named.items.length === 1) return named.items[0]?.line_no;
  if (named.ambiguous[0]) return { ambiguous: named.ambiguous[0] };
  return undefined;
}
