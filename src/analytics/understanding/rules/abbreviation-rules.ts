import { ruleExpression, ruleMatches, type PhraseRule, type RuleSet } from './phrase-rule.ts';

/**
 * Shorthand and common slips business users type, rewritten to the catalogue's words before anything else
 * reads the question. Each record is a whole-word rewrite; typos of catalogue words in general are handled
 * by the coverage check's fuzzy matching, not listed here.
 */
export const ABBREVIATION_RULES: readonly PhraseRule<{ replacement: string }>[] = [
  { id: 'revenue', meaning: { replacement: 'revenue' }, zh: [], en: ['revs?\\.?', 'rvn'], examples: { match: ['rev by city', 'how was rev last wk'], noMatch: ['revenue by city', 'review count', 'reverse order'] } },
  { id: 'week', meaning: { replacement: 'week' }, zh: [], en: ['wk', 'wks'], examples: { match: ['last wk', 'gmv this wk'], noMatch: ['weekly gmv', 'walk-in'] } },
  { id: 'month', meaning: { replacement: 'month' }, zh: [], en: ['mth', 'mnth'], examples: { match: ['last mth'], noMatch: ['month over month'] } },
  { id: 'yesterday', meaning: { replacement: 'yesterday' }, zh: [], en: ['yday', 'yest', 'ytd(?= orders)'], examples: { match: ['orders yday', 'gmv yest'], noMatch: ['yesterday gmv'] } },
  { id: 'quantity', meaning: { replacement: 'units sold' }, zh: [], en: ['qty( sold)?', 'quantity( sold)?'], examples: { match: ['top products by qty', 'quantity sold by category'], noMatch: ['quality issues'] } },
  { id: 'orders', meaning: { replacement: 'orders' }, zh: [], en: ['txns?', 'transactions?'], examples: { match: ['txns last week', 'number of transactions'], noMatch: ['translations'] } },
  { id: 'customers', meaning: { replacement: 'customers' }, zh: [], en: ['custs?', 'clients'], examples: { match: ['how many custs bought'], noMatch: ['custom report'] } },
  { id: 'average', meaning: { replacement: 'average' }, zh: [], en: ['avg\\.?', 'avrg', 'mean'], examples: { match: ['avg order value', 'mean order value'], noMatch: ['average order value', 'meaning'] } },
  { id: 'new-users', meaning: { replacement: 'new users' }, zh: [], en: ['sign-?ups?', 'sign ups?', 'registrations?', 'new signups', 'new registrations', '(?:who )?signed up', '(?:who )?(?<!(?:vs|or|and|guests?) )registered(?! (?:customers?|users?|buyers?|accounts?|vs|or|and)\\b)'], examples: { match: ['signups last week', 'how many sign-ups', 'registrations by channel', 'users who signed up in october', 'how many people registered last week'], noMatch: ['sign in problems', 'signed in users', 'guest vs registered aov', 'orders from registered customers', 'registered vs guest orders'] } },
  // 注册 is a first visit here: the data has no account table, and a user's first activity is when they joined.
  { id: 'new-users-zh', meaning: { replacement: '新用户' }, zh: ['新?注册(?:的)?(?:用户|人数|会员|账号|人|量|数)(?!转化)', '新注册'], en: [], examples: { match: ['10月注册的用户有多少', '上周新注册多少人', '各渠道注册量'], noMatch: ['注册转化率', '新用户数'] } },
  { id: 'conversion-rate', meaning: { replacement: 'conversion rate' }, zh: [], en: ['conv\\.? rate', 'convertion rate', 'conversion %', 'cvr'], examples: { match: ['conv rate by device', 'convertion rate last week'], noMatch: ['conversation count'] } },
  { id: 'percent', meaning: { replacement: 'rate' }, zh: [], en: ['pct'], examples: { match: ['cancel pct'], noMatch: ['percent'] } },
  { id: 'categories', meaning: { replacement: 'categories' }, zh: [], en: ['cats', 'categs'], examples: { match: ['top5 cats by gmv', 'gmv by cats'], noMatch: ['carts', 'categories', 'cat food'] } },
  // "$1" in a replacement is the rule's first group: "last 30d" → "last 30 days".
  { id: 'days', meaning: { replacement: 'last $1 days' }, zh: [], en: ['(?:last|past|previous) (\\d{1,3}) ?d', '(?:last|past|previous) (\\d{1,3}) ?dys'], examples: { match: ['units sold per day for headphones last 30d', 'gmv past 7 d'], noMatch: ['3d printer sales', 'last 30 days', 'd2c channel', 'top 3d models'] } },
  { id: 'change', meaning: { replacement: 'change' }, zh: [], en: ['chg', 'chng'], examples: { match: ['AOV nov vs oct, % chg?'], noMatch: ['change', 'charge'] } },
  { id: 'negative', meaning: { replacement: 'negative' }, zh: [], en: ['neg'], examples: { match: ['how many neg reviews did we get last month'], noMatch: ['negative reviews', 'negotiate'] } },
  { id: 'prior-days', meaning: { replacement: 'previous $1 days' }, zh: [], en: ['prior (\\d{1,3}) ?d'], examples: { match: ['buyers last 7d vs prior 7d'], noMatch: ['prior period', 'prior 7 days'] } },
  { id: 'weekend', meaning: { replacement: 'weekend' }, zh: [], en: ['weeknd', 'wkend', 'wknd'], examples: { match: ['Nov GMV weekday vs weeknd split'], noMatch: ['weekend', 'weekends'] } },
  { id: 'people', meaning: { replacement: 'people' }, zh: [], en: ['ppl', 'folks'], examples: { match: ['how many ppl bought'], noMatch: ['people'] } },
  { id: 'conversion-rate-zh', meaning: { replacement: '转化率' }, zh: ['转换率', '转化比率', '转化比例'], en: [], examples: { match: ['上周的转换率', '各渠道转化比例'], noMatch: ['转化率', '转换成'] } },
  { id: 'units-zh', meaning: { replacement: '销量' }, zh: ['卖(出去|出|了)(几|多少)(件|个|台|单品)', '卖出去多少'], en: [], examples: { match: ['上周卖出去几件', '卖了多少件'], noMatch: ['卖得最好', '销量'] } },
];

export const ABBREVIATION_RULE_SET: RuleSet<{ replacement: string }> = { name: 'abbreviations', rules: ABBREVIATION_RULES, matches: ruleMatches };

const globalExpressions = new Map<string, RegExp>();

/** The question with every shorthand rewritten; also the rewrites made, for the answer's assumptions. */
export function expandAbbreviations(normalizedQuestion: string): { text: string; rewrites: { from: string; to: string }[] } {
  let text = normalizedQuestion;
  const rewrites: { from: string; to: string }[] = [];
  for (const rule of ABBREVIATION_RULES) {
    let expression = globalExpressions.get(rule.id);
    if (!expression) {
      expression = new RegExp(ruleExpression(rule).source, 'g');
      globalExpressions.set(rule.id, expression);
    }
    text = text.replace(expression, (found: string, ...groups: unknown[]) => {
      const replacement = rule.meaning.replacement.replace(/\$(\d)/g, (_, index: string) => String(groups.find((group, position) => position >= Number(index) - 1 && typeof group === 'string') ?? ''));
      if (found.toLowerCase() !== replacement) rewrites.push({ from: found, to: replacement });
      return replacement;
    });
  }
  return { text, rewrites };
}
