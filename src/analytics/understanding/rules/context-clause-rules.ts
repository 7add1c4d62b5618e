import { ruleMatches, type PhraseRule, type RuleSet } from './phrase-rule.ts';

/**
 * A clause that says why or for whom the user asks ("I'm preparing the board pack —", "I need it for the investor
 * note.", "I'm told acquisition was strong around Double 11.", "准备周会用的"), not what to compute. Its words change no
 * number, so the coverage check passes over them; a period it names is set aside when the ask names its own. A clause
 * that limits the data ("only", "excluding", "不含") is never one of these.
 */
// A definition restated ("口径为成交额 ÷ 支付订单数", "新用户指首次活跃在11月的用户"): what the catalogue's measure already is.
const DEFINITIONS = ['^(?:口径|定义|分母|分子)', '^(?:即|也就是|就是)', '^[^,，。]{0,24}÷', '^(?:这里的)?[\\u4e00-\\u9fffa-z]{1,8}(?:是指|指的是|指)(?!定)'];

export const CONTEXT_CLAUSE_RULES: readonly PhraseRule<{ context: true }>[] = [
  {
    id: 'context-clause',
    meaning: { context: true },
    zh: [
      '^(?:我|我们|老板|领导|市场部|运营部|运营|财务|售后|客服|供应商|销售|同事|大家)(?:那边|这边|部门|团队)?(?:一直|老|总|都|最近)?(?:在|正在|要|得|想|需要|听说|觉得|准备|打算|说|反馈|认为|在群里问|问|跟我|让我|发现|怀疑|写|判断|评估|考虑|汇报|核对|研究|讨论|决定)',
      '^(?:供应商|老板|领导|市场部|运营|财务|售后|客服|同事|销售)[^,，。]{0,8}(?:说|来|要|问|谈|让|找)',
      '^(?:准备|为了|用于|用来|给|写|做)(?:下周的?|这周的?|月底的?)?(?:周会|月会|汇报|老板|领导|董事会|投资人|会议|报告|ppt|周报|月报|材料)',
      '^(?:大家|都说|听说|据说|最近)', '^(?:方便|以便|好让)我', '^(?:我想(?:在|自己)|我手上要|我不想|我有点|我先想)',
      ...DEFINITIONS,
    ],
    en: [
      "^(?:(?:and|but|so|also|ok|okay|oh)\\s+)?(?:i(?:'m| am|'ve| have|'d| would|'ll| will| was| keep| know| think| hear| heard| feel| suspect| guess| believe| assume)?|we(?:'re| are|'ve| have|'d| would)|my (?:boss|manager|team|ceo|cfo)|our (?:team|board|boss|ceo|cfo|investors?|marketing|sales|finance|ops)(?: team| people| folks)?|the (?:marketing|sales|finance|ops|board|exec) (?:team|people|folks)|marketing|everyone(?:'s)?|people keep|just so|for (?:the|my|our) (?:board|investors?|meeting|report|deck|pack|note|review|update|call|presentation|slides?)|before (?:i|we)|so (?:that )?(?:i|we)|that(?:'s| is) fine|no rush|thanks|cheers)\\b",
    ],
    examples: {
      match: ["I'm preparing the board pack", 'I need it for the investor note', "I'm told acquisition was strong around Double 11", 'so I can sanity-check that', 'Marketing claims acquisition picked up after the summer', '我在准备周会的材料', '准备周会用的', '市场部一直说直播渠道是主力', '财务那边要跟我对一下数', '写PPT要用两个数', '口径为成交额 ÷ 支付订单数', '新用户指首次活跃在11月的用户'],
      noMatch: ['what did total revenue come to in November', 'GMV by city last week', 'which channel brought the most buyers', '上周的成交额'],
    },
  },
];

export const CONTEXT_CLAUSE_RULE_SET: RuleSet<{ context: true }> = { name: 'clauses that give context, not the ask', rules: CONTEXT_CLAUSE_RULES, matches: ruleMatches };

/**
 * Among context clauses, what someone else says ("I'm told acquisition was strong", "市场部一直说直播是主力") and restated
 * definitions: set aside whatever measure or value they name, since the ask is elsewhere in the question.
 */
export const REPORTED_CLAUSE_RULES: readonly PhraseRule<{ reported: true }>[] = [
  {
    id: 'reported-or-defined',
    meaning: { reported: true },
    zh: [
      '^(?:听说|据说|大家都说)', '^(?:老板|领导|市场部|运营|财务|售后|客服|同事|销售|供应商)(?:那边|部门)?(?:一直|老|总|都|最近)?(?:说|反馈|认为|觉得|在群里问|问)', '^运营周报里写',
      ...DEFINITIONS,
    ],
    en: [
      "^(?:(?:and|but|so|also)\\s+)?(?:i(?:'m| am|'ve been| have been| was) told|i (?:keep )?hear(?:ing|d)?|apparently|everyone(?:'s| is) (?:talking|saying)|people (?:keep )?(?:say|saying|tell)|(?:the )?(?:marketing|sales|finance|ops)(?: team)? (?:claims?|says?|keeps? (?:saying|telling)))\\w*",
    ],
    examples: {
      match: ["I'm told acquisition was strong around Double 11", 'The marketing team keeps telling me livestream is our engine', 'people keep telling me returns are up', '市场部一直说直播渠道是主力', '口径为成交额 ÷ 支付订单数', '新用户指首次活跃在11月的用户'],
      noMatch: ["I'm preparing the board pack", '我在准备周会的材料', 'what did total revenue come to in November'],
    },
  },
];

export const REPORTED_CLAUSE_RULE_SET: RuleSet<{ reported: true }> = { name: 'clauses that report or define', rules: REPORTED_CLAUSE_RULES, matches: ruleMatches };

export interface ContextClause {
  start: number;
  end: number;
  /** Hearsay or a definition: set aside whatever it names. */
  reported: boolean;
}

/** Words that limit the data: a clause with one says what to compute, whoever it starts with. */
const LIMITS = /\b(?:only|exclud\w*|except|without|not including|leave out|leaving out|ignor\w*|filter\w*|apart from|other than|but not|instead of|rather than|just (?:the (?!overall|total|whole|simple|number|figure|headline|winner|top)|for|in|on)|limit(?:ed)? to|restrict\w*|split|break (?:it )?down|by (?:city|country|channel|device|category|brand|month|week|day)|per|each|top|bottom)\b|只看|只要|仅|不含|不包括|除了|排除|剔除|去掉|按|每个|各/;

// Sentence ends, dashes, and "so I can …" / "I'd like to …" after a comma start a clause of their own.
// Chinese commas and colons (NFKC makes them ASCII) end a clause too; an English comma does not ("GMV by city, …").
const CLAUSE_END = /[.?!;。？！；，：]+|(?<=[\u4e00-\u9fff])\s*[,:]\s*|\s*[,:]\s*(?=[\u4e00-\u9fff])|\s[—–-]\s|\s*—+\s*|,?\s(?=so (?:that )?(?:i|we) (?:can|could|may|might)\b)/g;

/** Where each clause that gives context stands, as [start, end) on the normalized question. */
export function contextClauses(normalizedQuestion: string): ContextClause[] {
  const spans: ContextClause[] = [];
  let start = 0;
  const ends = [...normalizedQuestion.matchAll(CLAUSE_END)].map((match) => [match.index, match.index + match[0].length] as const);
  ends.push([normalizedQuestion.length, normalizedQuestion.length]);
  for (const [end, next] of ends) {
    const raw = normalizedQuestion.slice(start, end);
    const leading = raw.length - raw.trimStart().length;
    const clause = raw.trim();
    if (clause.length > 0 && CONTEXT_CLAUSE_RULES.some((rule) => ruleMatches(rule, clause)) && !LIMITS.test(clause)) {
      spans.push({ start: start + leading, end: start + leading + clause.length, reported: REPORTED_CLAUSE_RULES.some((rule) => ruleMatches(rule, clause)) });
    }
    start = next;
  }
  // A question that is all context asks nothing: it keeps its words (and is asked about, or refused).
  const outside = spans.reduce((text, { start: from, end: to }) => text.slice(0, from) + ' '.repeat(to - from) + text.slice(to), normalizedQuestion);
  return /[\p{L}\p{N}]/u.test(outside) ? spans : [];
}
