import { normalizeQuestion } from '../../text/normalize-question.ts';
import { ORDINAL_WORDS } from '../dialogue/support-lexicon.ts';
import { parseNumber } from '../../text/number-words.ts';
import type { FoundOrderStatus } from '../render/tool-results.ts';
import { namedItems } from './match-order-items.ts';

type Item = FoundOrderStatus['items'][number];
type Option = Item['options'][number];

/** One item and the option the shopper wants it to become (the option's own name, so the write tool finds exactly it). */
export interface VariantChange {
  lineNo: number;
  wanted: string;
}

/** Clauses of a request: "the X to Blue, the Y to Red", "X改成蓝色,Y改成红色", "the first to A and the second to B". */
const CLAUSE_SEPARATORS = /\s*(?:[,;:、，；：]|\band\b|\bplus\b|\bas well as\b|和|以及|还有|另外)\s*/u;

function words(text: string): Set<string> {
  return new Set(normalizeQuestion(text).split(/[^a-z0-9+]+/).flatMap((word) => [word, ...word.split('+')]).filter(Boolean));
}

/** How well a clause names an option: every Latin word of it as a whole word, or the whole Chinese name. */
function optionScore(clause: string, option: Option): number {
  const normalized = normalizeQuestion(clause);
  const said = words(clause);
  const latin = [...words(option.option_en ?? '')];
  const latinScore = latin.length > 0 && latin.every((word) => said.has(word)) ? latin.length : 0;
  const chinese = option.option_zh && normalized.includes(normalizeQuestion(option.option_zh)) ? 2 : 0;
  return latinScore + chinese;
}

/** The best option of an item a clause names; undefined when none or several tie. */
function optionNamed(clause: string, item: Item): Option | undefined {
  const scored = item.options.map((option) => ({ option, score: optionScore(clause, option) }));
  const best = Math.max(0, ...scored.map((entry) => entry.score));
  if (best === 0) return undefined;
  const top = scored.filter((entry) => entry.score === best);
  return top.length === 1 ? top[0]?.option : undefined;
}

function ordinalOf(clause: string): number | undefined {
  const normalized = normalizeQuestion(clause);
  const english = /\b(first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th)\b/.exec(normalized)?.[1];
  if (english) return ORDINAL_WORDS[english];
  const chinese = /第\s*([一二三四五六七八九十两\d]{1,3})\s*(个|件|款|样)?/u.exec(normalized)?.[1];
  return chinese ? parseNumber(chinese) : undefined;
}

/**
 * The option each item should become, read clause by clause: a clause that names an item and one of its product's
 * other options pairs them; "the first / the second" refer to the items in the order the message named them; a
 * clause naming only an option goes to the one item whose product has it. An item named without any option is left
 * out (the caller asks). Options of different items are never mixed, so "A to Blue, B to Red" cannot swap them.
 */
export function pickVariantChanges(text: string, items: readonly Item[]): { changes: VariantChange[]; named: Item[] } {
  const clauses = text.split(CLAUSE_SEPARATORS).filter((part) => part.trim());
  const mentioned = [...new Set([...namedItems(text, items).items, ...clauses.flatMap((clause) => itemsNamedIn(clause, items))])];
  // Items in the order the message names them, for "the first … the second …".
  const firstClause = (item: Item) => {
    const index = clauses.findIndex((clause) => itemsNamedIn(clause, items).includes(item));
    return index < 0 ? Number.MAX_SAFE_INTEGER : index;
  };
  const order = [...mentioned].sort((left, right) => firstClause(left) - firstClause(right));
  const changes = new Map<number, VariantChange>();
  for (const clause of clauses) {
    const ordinal = ordinalOf(clause);
    const byOrdinal = ordinal !== undefined ? (order[ordinal - 1] ?? items[ordinal - 1]) : undefined;
    const inClause = itemsNamedIn(clause, items);
    const hitsAmong = (candidates: readonly Item[]) => candidates.flatMap((item) => {
      const option = optionNamed(clause, item);
      return option ? [{ item, option }] : [];
    });
    // The items the clause names first; when none of them has the option it names ("the X for Black" where Black is
    // another item's current colour made that item look named), any item whose product has that option.
    const named = byOrdinal ? [byOrdinal] : inClause;
    const hits = named.length > 0 && hitsAmong(named).length > 0 ? hitsAmong(named) : byOrdinal ? [] : hitsAmong(items);
    // Several items could take the clause's option: the one whose name the clause writes most exactly settles it
    // ("乐事 薯片" is the chips, not "乐事 大波浪薯片"); a tie stays unsettled.
    const hit = hits.length === 1 ? hits[0] : closestNamed(clause, hits);
    if (!hit || changes.has(hit.item.line_no)) continue;
    changes.set(hit.item.line_no, { lineNo: hit.item.line_no, wanted: (normalizeQuestion(clause).includes(normalizeQuestion(hit.option.option_zh ?? '\u0000')) ? hit.option.option_zh : hit.option.option_en) ?? hit.option.option_en ?? '' });
  }
  return { changes: [...changes.values()].sort((left, right) => left.lineNo - right.lineNo), named: mentioned };
}

/**
 * The items a clause names: by the words of a title no other item's title has ("WH-1000XM5 Headphones" against
 * "WF-1000XM5 Earbuds", whatever their shared brand and category), else by the whole-word matcher of returns.
 */
function itemsNamedIn(clause: string, items: readonly Item[]): Item[] {
  const said = words(clause);
  const titleWords = items.map((item) => words(item.title_en ?? ''));
  const scores = items.map((item, index) => {
    const others = new Set(titleWords.flatMap((set, other) => (other === index ? [] : [...set])));
    return [...(titleWords[index] ?? [])].filter((word) => !others.has(word) && said.has(word)).length;
  });
  const best = Math.max(0, ...scores);
  const top = items.filter((_, index) => scores[index] === best);
  if (best > 0 && top.length === 1) return top;
  return namedItems(clause, items).items;
}

/** Length of the longest run of characters the clause shares with a title. */
function sharedRun(clause: string, title: string): number {
  let best = 0;
  for (let start = 0; start < title.length; start++) {
    for (let end = title.length; end > start + best; end--) {
      if (clause.includes(title.slice(start, end))) {
        best = end - start;
        break;
      }
    }
  }
  return best;
}

function closestNamed<Hit extends { item: Item }>(clause: string, hits: readonly Hit[]): Hit | undefined {
  const normalized = normalizeQuestion(clause);
  const scored = hits.map((hit) => ({ hit, run: Math.max(...[hit.item.title_en, hit.item.title_zh].map((title) => (title ? sharedRun(normalized, normalizeQuestion(title)) : 0))) }));
  const best = Math.max(...scored.map((entry) => entry.run));
  const top = scored.filter((entry) => entry.run === best);
  // A shared run must be more than a word's worth to say anything ("the", "黑色" alone would not).
  return top.length === 1 && best >= 4 ? top[0]?.hit : undefined;
}
