import type { JsonValue } from '../json-values.ts';
import type { Warehouse } from '../warehouse.ts';
import { behaviourReader } from '../engine/behaviour-reader.ts';
import { BRAND_ALIASES, BRAND_NAMES_ZH } from '../semantic/catalogue/brand-names.ts';
import { CITY_NAMES_ZH, COUNTRY_ALIASES, COUNTRY_NAMES_ZH, PROVINCE_NAMES_ZH } from '../semantic/catalogue/city-names.ts';
import { CATEGORY_ALIASES, CATEGORY_LABELS_EN } from '../semantic/catalogue/category-aliases.ts';
import type { Language } from '../../text/language.ts';
import { LexiconMatcher, type LexiconMatch } from '../../text/lexicon-matcher.ts';
import { categoryGroups, ENUMERATED_VALUES, type VocabularyValue } from './value-vocabulary.ts';

/** English name variants analysts type: "Women's Clothing" → womens clothing, women clothing; Phones → phone. */
function englishVariants(name: string): string[] {
  const lower = name.toLowerCase();
  const variants = new Set([lower, lower.replace(/'/g, ''), lower.replace(/'s\b/g, ''), lower.replace(/&/g, 'and')]);
  for (const variant of [...variants]) {
    if (variant.endsWith('es') && variant.length > 4) variants.add(variant.slice(0, -2));
    if (variant.endsWith('s') && variant.length > 3) variants.add(variant.slice(0, -1));
  }
  return [...variants];
}

/**
 * Every value a question may name: enumerations (tiers, devices, channels …) plus the warehouse's own
 * categories, brands, cities and countries, each with English and Chinese phrases and display names.
 */
const HAN = /\p{Script=Han}/u;
const WEEKDAYS_EN = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const WEEKDAYS_ZH = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/** ISO weekday 1–7 → its name; a month's first day → "2025-11" / "2025年11月"; hours → "21:00". */
function timeLabel(dimension: string, text: string, language: Language): string | undefined {
  if (dimension === 'weekday' && /^[1-7]$/.test(text)) return (language === 'zh' ? WEEKDAYS_ZH : WEEKDAYS_EN)[Number(text) - 1];
  if (dimension === 'month') {
    const match = /^(\d{4})-(\d{2})-01/.exec(text);
    if (match) return language === 'zh' ? `${match[1]}年${Number(match[2])}月` : `${match[1]}-${match[2]}`;
  }
  if (dimension === 'hour' && /^\d{1,2}$/.test(text)) return `${text.padStart(2, '0')}:00`;
  // A bare id reads as a number in a sentence ("6868 had the highest GMV").
  if (dimension === 'customer' || dimension === 'order_number') {
    const prefix = dimension === 'customer' ? (language === 'zh' ? '客户 ' : 'customer ') : language === 'zh' ? '订单 ' : 'order ';
    // Labels may be labelled again (table, then narrative): the prefix is added once.
    return text.startsWith(prefix) ? text : `${prefix}${text}`;
  }
  return undefined;
}

export class ValueIndex {
  readonly matcher: LexiconMatcher<VocabularyValue>;

  /**
   * Words of the warehouse's product titles ("airpods", "yonex", "保温杯"), lower-case: whether free text can name a
   * product ("buy together with AirPods") without indexing every title as a filter value.
   */
  readonly productWords: ReadonlySet<string>;
  /** The words with Chinese characters, for the substring test of a Chinese word (only they can contain one). */
  private readonly chineseProductWords: readonly string[];

  /** Product titles as stored (the product dimension's value) with their other-language title, if any. */
  readonly productTitles: readonly (readonly [title: string, otherTitle: string | null])[];

  constructor(readonly entries: VocabularyValue[], productTitles: readonly (string | readonly [string, string | null])[] = []) {
    this.matcher = new LexiconMatcher(entries.flatMap((entry) => entry.phrases.map((phrase) => ({ phrase, meaning: entry }))));
    this.productTitles = productTitles.map((title) => (typeof title === 'string' ? ([title, null] as const) : title));
    this.productWords = new Set(this.productTitles.flatMap(([title, other]) => [title, other ?? ''].flatMap((text) => text.toLowerCase().split(/[\s,.;:()/+\-]+/u))).filter((word) => word.length >= 2));
    this.chineseProductWords = [...this.productWords].filter((word) => HAN.test(word));
  }

  /**
   * The product titles that contain every word of the text ("white hanging heart t-light holders" → the one title),
   * a trailing plural "s" forgiven; empty when a word is in no title, or when more than `limit` titles match.
   */
  titlesContaining(text: string, limit = 20): string[] {
    const words = text.toLowerCase().split(/[\s,.;:()/+]+/u).filter((word) => word.length > 0);
    if (words.length === 0) return [];
    const forms = words.map((word) => (word.length > 3 && word.endsWith('s') ? [word, word.slice(0, -1)] : [word]));
    const found: string[] = [];
    for (const [title, other] of this.productTitles) {
      const names = [title.toLowerCase(), (other ?? '').toLowerCase()];
      if (names.some((name) => forms.every((options) => options.some((option) => name.includes(option))))) {
        found.push(title);
        if (found.length > limit) return [];
      }
    }
    return found;
  }

  /** True when a word of the text is a word of a product title (a Chinese word may sit inside one). */
  namesProduct(text: string): boolean {
    const words = text.toLowerCase().split(/\s+/u).filter(Boolean);
    return words.some((word) => this.productWords.has(word) || (word.length > 3 && word.endsWith('s') && this.productWords.has(word.slice(0, -1))) || (HAN.test(word) && this.chineseProductWords.some((titleWord) => titleWord.includes(word))));
  }

  find(text: string, taken?: boolean[]): LexiconMatch<VocabularyValue>[] {
    return this.matcher.findAll(text, taken);
  }

  /** Display name of a stored value in the answer's language; the value itself when unknown. */
  label(dimension: string, value: JsonValue, language: Language): string {
    if (value === null) return language === 'zh' ? '(空)' : '(none)';
    const text = String(value);
    const time = timeLabel(dimension, text, language);
    if (time) return time;
    const entry = this.entries.find((candidate) => candidate.dimension === dimension && candidate.values.length === 1 && candidate.values[0] === text);
    if (!entry) return text;
    return language === 'zh' ? entry.label_zh : entry.label_en;
  }

  /** Values whose phrases contain the search text (case-insensitive), best matches first. */
  search(text: string, options: { dimension?: string; limit?: number } = {}): VocabularyValue[] {
    const needle = text.normalize('NFKC').toLowerCase().trim();
    const scored = this.entries
      .filter((entry) => !options.dimension || entry.dimension === options.dimension)
      .map((entry) => {
        const phrases = [...entry.phrases, entry.label_en.toLowerCase(), entry.label_zh, ...entry.values.map((value) => value.toLowerCase())];
        const score = phrases.some((phrase) => phrase === needle) ? 3 : phrases.some((phrase) => phrase.startsWith(needle)) ? 2 : phrases.some((phrase) => phrase.includes(needle) || (needle.length > 2 && needle.includes(phrase))) ? 1 : 0;
        return { entry, score };
      })
      .filter((candidate) => candidate.score > 0)
      .sort((left, right) => right.score - left.score);
    return scored.slice(0, options.limit ?? 20).map((candidate) => candidate.entry);
  }
}

async function distinctPairs(warehouse: Warehouse, sql: string): Promise<[string, string | null][]> {
  const result = await behaviourReader(warehouse).query(sql);
  return result.rows
    .filter((row) => row.value !== null && row.value !== '')
    .map((row) => [String(row.value), row.label_zh === null || row.label_zh === undefined ? null : String(row.label_zh)]);
}

export async function loadValueIndex(warehouse: Warehouse): Promise<ValueIndex> {
  const entries: VocabularyValue[] = [...ENUMERATED_VALUES];
  const categories = await distinctPairs(warehouse, 'SELECT DISTINCT category AS value, any_value(category_zh) AS label_zh FROM products GROUP BY category');
  for (const [value, labelZh] of categories) {
    entries.push({ dimension: 'category', values: [value], label_en: CATEGORY_LABELS_EN[value] ?? value, label_zh: labelZh ?? value, phrases: [...englishVariants(value), ...(labelZh ? [labelZh] : []), ...(CATEGORY_ALIASES[value] ?? [])] });
  }
  entries.push(...categoryGroups(categories));
  for (const [value] of await distinctPairs(warehouse, 'SELECT DISTINCT brand AS value, NULL AS label_zh FROM products')) {
    const labelZh = BRAND_NAMES_ZH[value];
    entries.push({ dimension: 'brand', values: [value], label_en: value, label_zh: labelZh ?? value, phrases: [value.toLowerCase(), ...(labelZh ? [labelZh] : []), ...(BRAND_ALIASES[value] ?? [])] });
  }
  for (const [value] of await distinctPairs(warehouse, 'SELECT DISTINCT city AS value, NULL AS label_zh FROM users')) {
    const labelZh = CITY_NAMES_ZH[value];
    const zhPhrases = labelZh ? [labelZh, `${labelZh}市`] : [];
    entries.push({ dimension: 'city', values: [value], label_en: value, label_zh: labelZh ?? value, phrases: [value.toLowerCase(), ...zhPhrases] });
  }
  // Countries and provinces are named by users in both languages; the stored value is English.
  for (const [dimension, names] of [['country', COUNTRY_NAMES_ZH], ['province', PROVINCE_NAMES_ZH]] as const) {
    for (const [value] of await distinctPairs(warehouse, `SELECT DISTINCT ${dimension} AS value, NULL AS label_zh FROM users`)) {
      const labelZh = names[value];
      const zhPhrases = labelZh ? [labelZh, ...(dimension === 'province' ? [`${labelZh}省`] : [])] : [];
      const aliases = dimension === 'country' ? (COUNTRY_ALIASES[value] ?? []) : [];
      entries.push({ dimension, values: [value], label_en: value, label_zh: labelZh ?? value, phrases: [value.toLowerCase(), ...aliases, ...zhPhrases] });
    }
  }
  const titles = await distinctPairs(warehouse, 'SELECT DISTINCT coalesce(title_en, title_zh) AS value, title_zh AS label_zh FROM products');
  return new ValueIndex(entries, titles.map(([title, titleZh]) => [title, titleZh !== title ? titleZh : null] as const));
}

const indexes = new WeakMap<Warehouse, Promise<ValueIndex>>();

/** One value index per open warehouse, built on first use. */
export function valueIndexFor(warehouse: Warehouse): Promise<ValueIndex> {
  let index = indexes.get(warehouse);
  if (!index) {
    index = loadValueIndex(warehouse);
    indexes.set(warehouse, index);
  }
  return index;
}
