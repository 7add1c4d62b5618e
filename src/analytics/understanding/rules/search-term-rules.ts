import { type PhraseRule, type RuleSet } from './phrase-rule.ts';

/**
 * Words searched for: "how many people searched for 耳机", "searches mentioning 'iphone 16'", "搜索“羽绒服”的人数",
 * "搜索词里包含手机的次数". The term is a filter on the search text (contains, any case), never a category or product
 * that happens to share the word. Each pattern captures the term in group 1 (quoted terms keep their spaces).
 */
export const SEARCH_TERM_RULES: readonly PhraseRule<{ searchTerm: true }>[] = [
  {
    id: 'searched-for',
    meaning: { searchTerm: true },
    zh: [
      '(?:搜索|搜)(?:了|过)?\\s*["“「『\']([^"”」』\']{1,30})["”」』\']',
      '搜索(?:词|关键词|内容)?\\s*(?:里|中)?\\s*(?:包含|含有|带有?|提到)\\s*["“「『\']?([^"”」』\'\\s的，,。？?]{1,20})',
      '(?:搜索|搜)了?\\s*(?!词|关键词|内容)([^\\s"“「『\'的，,。？?]{1,20}?)\\s*(?=的(?:人|用户|次数|访客|买家|顾客)|多少次|几次)',
    ],
    en: [
      '(?:searched|searching|search(?:es)?|looked)\\s+(?:for|up)\\s+["“‘\']([^"”’\']{1,40})["”’\']',
      '(?:searched|searching|search(?:es)?|looked)\\s+(?:for|up)\\s+([^\\s,.?!"“‘\']+(?:\\s+\\d+[a-z]*)?)',
      'search(?:es|ed)?\\s+(?:that\\s+)?(?:mention(?:ing|s|ed)?|contain(?:ing|s|ed)?|with|including)\\s+["“‘\']?([^\\s,.?!"”’\']+(?:\\s+\\d+[a-z]*)?)',
      'search (?:terms?|quer(?:y|ies)|keywords?)\\s+(?:like\\s+|containing\\s+)?["“‘\']([^"”’\']{1,40})["”’\']',
      // "How many times did people search \"坚果\"": a quoted term right after the verb.
      'search(?:ed)?\\s+["“‘\']([^"”’\']{1,40})["”’\']',
    ],
    examples: {
      match: ['How many times did people search "坚果" last month?', '近30天有多少人搜过“坚果”？', 'how many people searched for 耳机 last week', "searches mentioning 'iphone 16'", 'how many searches mentioned iphone', '搜索“羽绒服”的人数', '搜索耳机的人有多少', '搜索词里包含手机的次数', 'search terms like "snack box"'],
      noMatch: ['top search terms last week', '搜索人数', 'search conversion rate', '搜索转化率', 'how many searches last week', '搜索次数最多的用户', '搜索转化率最高的人群', 'users who searched for more', 'top 5 things people searched for on singles day', '昨天一共搜索了多少次'],
    },
  },
];

export const SEARCH_TERM_RULE_SET: RuleSet<{ searchTerm: true }> = {
  name: 'words searched for',
  rules: SEARCH_TERM_RULES,
  matches: (rule, text) => searchTermsIn(text, [rule]).length > 0,
};

export interface SearchTerm {
  term: string;
  /** Where the term itself stands. */
  start: number;
  end: number;
  /** Where the whole phrase ("搜索“羽绒服”") stands. */
  phraseStart: number;
  phraseEnd: number;
}

/** What a search phrase counts when it names no metric: people ("…的人数", "how many people") or searches. */
export function searchCountOf(normalizedQuestion: string): 'searchers' | 'searches' {
  return /人|用户|访客|买家|顾客|\b(?:people|users|visitors|shoppers|customers|who)\b/.test(normalizedQuestion) ? 'searchers' : 'searches';
}

// A preposition or period word after "searched for" begins the rest of the sentence ("things people searched for on Singles Day").
const NOT_A_TERM = /次数|人数|转化|率|最|多少|量|用户|记录|结果|^了|^(?:一共|总共|总计)|^(?:the|a|an|more|most|less|it|them|this|that|anything|something|on|in|at|during|last|this|yesterday|today|by|over|from|to|with|between|since|before|after|each|every|per)$/;

const EXPRESSIONS = new WeakMap<PhraseRule<{ searchTerm: true }>, RegExp[]>();

/** Every term searched for, with where it stands in the question (so it is not read again as a value). */
export function searchTermsIn(normalizedQuestion: string, rules: readonly PhraseRule<{ searchTerm: true }>[] = SEARCH_TERM_RULES): SearchTerm[] {
  const found: SearchTerm[] = [];
  for (const rule of rules) {
    let expressions = EXPRESSIONS.get(rule);
    if (!expressions) {
      // Lower-case sources on the normalized question: no i flag (it only made each first compile dearer).
      expressions = [...rule.zh.map((source) => new RegExp(source, 'gu')), ...rule.en.map((source) => new RegExp(`(?<![a-z0-9])${source}`, 'gu'))];
      EXPRESSIONS.set(rule, expressions);
    }
    for (const expression of expressions) {
      for (const match of normalizedQuestion.matchAll(expression)) {
        const term = match[1]?.trim();
        if (!term) continue;
        // An unquoted "term" made of measure words is the metric's own phrase ("搜索次数最多的用户"), not a term.
        const quoted = /["“「『'‘]/.test(match[0]);
        if (!quoted && NOT_A_TERM.test(term)) continue;
        const start = match.index + match[0].lastIndexOf(match[1] as string);
        if (found.some((other) => start < other.end && start + term.length > other.start)) continue;
        found.push({ term, start, end: start + (match[1] as string).length, phraseStart: match.index, phraseEnd: match.index + match[0].length });
      }
    }
  }
  return found;
}
