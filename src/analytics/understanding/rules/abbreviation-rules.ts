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
  { id: 'quantity', meaning: { replacement: 'units sold' }, zh: [], en: ['(?:sales? )?qty( sold)?', '(?:sales? )?quantity( sold)?'], examples: { match: ['top products by qty', 'quantity sold by category', 'please give top 5 product by sale quantity'], noMatch: ['quality issues'] } },
  { id: 'orders', meaning: { replacement: 'orders' }, zh: [], en: ['txns?', 'transactions?'], examples: { match: ['txns last week', 'number of transactions'], noMatch: ['translations'] } },
  { id: 'customers', meaning: { replacement: 'customers' }, zh: [], en: ['custs?', 'clients'], examples: { match: ['how many custs bought'], noMatch: ['custom report'] } },
  { id: 'average', meaning: { replacement: 'average' }, zh: [], en: ['avg\\.?', 'avrg', 'mean'], examples: { match: ['avg order value', 'mean order value'], noMatch: ['average order value', 'meaning'] } },
  { id: 'new-users', meaning: { replacement: 'new users' }, zh: [], en: ['sign-?ups?', 'sign ups?', 'registrations?', 'new signups', 'new registrations', '(?:who )?signed up', '(?:who )?(?<!(?:vs|or|and|guests?) )registered(?! (?:customers?|users?|buyers?|accounts?|vs|or|and)\\b)'], examples: { match: ['signups last week', 'how many sign-ups', 'registrations by channel', 'users who signed up in october', 'how many people registered last week'], noMatch: ['sign in problems', 'signed in users', 'guest vs registered aov', 'orders from registered customers', 'registered vs guest orders'] } },
  // 注册 is a first visit here: the data has no account table, and a user's first activity is when they joined.
  { id: 'new-users-zh', meaning: { replacement: '新用户' }, zh: ['新?注册(?:的)?(?:用户|人数|会员|账号|人|量|数)(?!转化)', '新注册'], en: [], examples: { match: ['10月注册的用户有多少', '上周新注册多少人', '各渠道注册量'], noMatch: ['注册转化率', '新用户数'] } },
  { id: 'conversion-rate', meaning: { replacement: 'conversion rate' }, zh: [], en: ['conv\\.? rate', 'convertion rate', 'conversion %', 'cvr'], examples: { match: ['conv rate by device', 'convertion rate last week'], noMatch: ['conversation count'] } },
  // "what pct of gmv came from …" asks for a share; "cancel pct" names the rate.
  { id: 'percent-of', meaning: { replacement: 'percent of' }, zh: [], en: ['pct of'], examples: { match: ['what pct of gmv this month came from livestream users', 'what pct of rev is from guest checkouts'], noMatch: ['cancel pct', 'percent of'] } },
  { id: 'percent', meaning: { replacement: 'rate' }, zh: [], en: ['pct'], examples: { match: ['cancel pct'], noMatch: ['percent'] } },
  { id: 'number-sign', meaning: { replacement: 'number of' }, zh: [], en: ['(?<=^|\\s)#(?= ?[a-z])'], examples: { match: ['# customers who bought more than once', 'how many # orders'], noMatch: ['#1 product', 'order #536365'] } },
  { id: 'categories', meaning: { replacement: 'categories' }, zh: [], en: ['cats', 'categs'], examples: { match: ['top5 cats by gmv', 'gmv by cats'], noMatch: ['carts', 'categories', 'cat food'] } },
  // "$1" in a replacement is the rule's first group: "last 30d" → "last 30 days".
  { id: 'days', meaning: { replacement: 'last $1 days' }, zh: [], en: ['(?:last|past|previous) (\\d{1,3}) ?d', '(?:last|past|previous) (\\d{1,3}) ?dys'], examples: { match: ['units sold per day for headphones last 30d', 'gmv past 7 d'], noMatch: ['3d printer sales', 'last 30 days', 'd2c channel', 'top 3d models'] } },
  { id: 'change', meaning: { replacement: 'change' }, zh: [], en: ['chg', 'chng'], examples: { match: ['AOV nov vs oct, % chg?'], noMatch: ['change', 'charge'] } },
  { id: 'negative', meaning: { replacement: 'negative' }, zh: [], en: ['neg'], examples: { match: ['how many neg reviews did we get last month'], noMatch: ['negative reviews', 'negotiate'] } },
  { id: 'prior-days', meaning: { replacement: 'previous $1 days' }, zh: [], en: ['prior (\\d{1,3}) ?d'], examples: { match: ['buyers last 7d vs prior 7d'], noMatch: ['prior period', 'prior 7 days'] } },
  { id: 'weekend', meaning: { replacement: 'weekend' }, zh: [], en: ['weeknd', 'wkend', 'wknd'], examples: { match: ['Nov GMV weekday vs weeknd split'], noMatch: ['weekend', 'weekends'] } },
  { id: 'people', meaning: { replacement: 'people' }, zh: [], en: ['ppl', 'folks'], examples: { match: ['how many ppl bought'], noMatch: ['people'] } },
  // "rev by cat", "top cat": a category after a word that asks for a grouping or a ranking ("cat food" stays).
  { id: 'category', meaning: { replacement: 'category' }, zh: [], en: ['(?<=\\b(?:by|per|each|every|which|what|top|best|worst|bottom|fav(?:ou?rite)?|same) )cat(?! (?:food|litter|toys?|trees?|beds?))'], examples: { match: ['rev by cat this wk', 'avg rating by cat this month', 'which cat sold most'], noMatch: ['cat food sales', 'catalogue', 'by category'] } },
  { id: 'month-mo', meaning: { replacement: 'month' }, zh: [], en: ['(?<=\\b(?:this|last|per|next|prev|previous|a|each|every|the|that) )mo(?![\\w\\u0027])'], examples: { match: ['return rate this mo vs last mo', 'orders per mo'], noMatch: ['mom gmv', 'mo money', 'month'] } },
  { id: 'year', meaning: { replacement: 'year' }, zh: [], en: ['yr', 'yrs'], examples: { match: ['gmv this yr'], noMatch: ['year', 'yrly'] } },
  { id: 'excluding', meaning: { replacement: 'excluding' }, zh: [], en: ['excl\\.?', 'exc\\.(?= )', 'w/o'], examples: { match: ['top 5 countries by rev excl uk', 'gmv w/o phones'], noMatch: ['exclusive deals', 'excluding uk'] } },
  { id: 'with', meaning: { replacement: 'with' }, zh: [], en: ['w/(?= ?[a-z])', '(?<=\\bpaid )w(?= )'], examples: { match: ['orders w/ coupons', 'how many ppl paid w wechat pay'], noMatch: ['w/o phones', 'with'] } },
  { id: 'recommendations', meaning: { replacement: 'recommendations' }, zh: [], en: ['recs', 'recos?', 'recommends'], examples: { match: ['recs for user 1024', 'product recos for user 7'], noMatch: ['records', 'recent'] } },
  { id: 'double-festival', meaning: { replacement: 'double $1' }, zh: [], en: ['dbl ?(11|12)'], examples: { match: ['units sold on dbl 11', 'dbl11 gmv'], noMatch: ['double 11', 'dbl room'] } },
  { id: 'mens-womens', meaning: { replacement: "$1's" }, zh: [], en: ['(men|women)s(?= |$)'], examples: { match: ['same for mens', 'womens clothing gmv'], noMatch: ["men's clothing", 'mensa'] } },
  // A wholesaler's invoice is an order ("items per invoice", "at least one cancelled invoice"); invoice 536365 is one by number.
  { id: 'invoice', meaning: { replacement: 'order' }, zh: [], en: ['(?<=\\b(?:an?|the|each|every|per|one|that|this|same|single|cancelled|canceled|paid|sales|first|last|any|average|typical|unpaid|returned) )invoice(?! ?(?:number|no\\.?|#|\\d))'], examples: { match: ['On average how many items go on an invoice?', 'customers with at least one cancelled invoice'], noMatch: ['invoice 536365', 'invoices by country', 'invoice number C536379', 'What did we invoice in revenue last week?'] } },
  { id: 'bring-in', meaning: { replacement: 'revenue' }, zh: [], en: ['(?<=\\b(?:what|how much) (?:did|does|do|will|has|have|would) [a-z0-9\u0027 ]{1,40} )(?:bring|brings|brought|bringing) in(?! (?:the )?(?:most|more|fewer|fewest|least|less)\\b)(?! (?:new )?(?:buyers|users|customers|visitors|orders|traffic|people|shoppers|signups|sign ups|money))', '(?<=\\bwhat did [a-z0-9\u0027 ]{1,30} )take(?= (?:in|on|during|over|last|this|yesterday)\\b)'], examples: { match: ['What did Laptops bring in during November?', 'What did Headphones bring in last week?', 'What did Germany take in December?'], noMatch: ['which channel brought in the most buyers', 'brought in the most money', 'how long did delivery take in november', 'Which city tier brought in the fewest?', 'How many new users did we bring in during November?'] } },
  { id: 'items-as-products', meaning: { replacement: 'products' }, zh: [], en: ['(?<=\\b(?:top|bottom|best|worst|which|what|best selling|best-selling|worst selling|slowest selling|fastest selling|slowest|fastest) (?:\\d{1,3} )?)items?(?! (?:sold )?(?:per|in (?:each|an?|the) (?:order|basket)))'], examples: { match: ['top 5 items by qty this wk', 'which items sold the most', 'best selling item'], noMatch: ['how many items sold', 'top 5 items sold per order', 'items per order'] } },
  // "new to us versus returning", "new or repeat customers", "how many were new and how many had bought before".
  { id: 'new-vs-returning', meaning: { replacement: 'new vs returning' }, zh: [], en: ['new(?: to us)?(?: customers| buyers| users| shoppers)? (?:vs\\.?|versus|or|and|compared (?:to|with)) (?:returning|repeat|existing|old)(?= |$|[?,.])', 'new and how many (?:had bought|bought|ordered|had ordered|shopped) (?:with us )?before'], examples: { match: ['how many buyers were new to us versus returning', 'new or repeat customers', 'how many were new and how many had bought before'], noMatch: ['new customers last week', 'returning customers', 'new products vs old products', 'new vs returnable items'] } },
  { id: 'turns-up', meaning: { replacement: 'appears' }, zh: [], en: ['turns? up(?= (?:on|in)\\b)', 'turns? into(?= (?:intent|sales|orders|buyers|purchases|revenue|customers)\\b)', 'shows? up(?= (?:on|in) (?:the most|most|more|fewest))'], examples: { match: ['Which product turns up on the most invoices?'], noMatch: ['support turns', 'turn up the volume'] } },
  // "how many customer", "top 5 customer", "number of invoice", "how many new user": the plural is meant.
  { id: 'plural-after-count', meaning: { replacement: '$1s' }, zh: [], en: ['(?<=\\b(?:how many|number of|count of|no\\. of|top \\d+|bottom \\d+|first \\d+) (?:new |paying |active |distinct |unique |different |registered |repeat |returning )?)(customer|user|buyer|order|invoice|product|visitor|shopper|item|brand|review|session|unit|seller|sku|client)(?![a-z])(?! new\\b)(?! (?:service|support|care|satisfaction|segments?|ids?|base|journey|lifetime|acquisition|experience|value|count|numbers?)\\b)'], examples: { match: ['how many customer bought more than one time?', 'top 5 customer by revenue this month', 'now top 3 by number of invoice', 'How many new user came this week?', 'ok then just number of buyer last week'], noMatch: ['how many customers', 'top 5 customers', 'number of orders', 'How many brand-new customers placed a paid order in November?', 'How many customer service chats did we get last week?'] } },
  { id: 'plural-after-count-y', meaning: { replacement: '$1ies' }, zh: [], en: ['(?<=\\b(?:how many|number of|count of|top \\d+|bottom \\d+) )(cit|categor|countr)y(?![a-z])(?! (?:tiers?|levels?|codes?|managers?|names?|groups?)\\b)'], examples: { match: ['how many city had orders', 'top 3 category by gmv'], noMatch: ['how many cities', 'top 3 categories', 'top 10 city tiers by buyers'] } },
  // "and day before?" after yesterday: the day before, as "the day before" reads.
  { id: 'day-before', meaning: { replacement: 'the day before' }, zh: [], en: ['(?<=^(?:(?:and|what about|how about|then|ok|now) )?)(?:day|dy) before(?= ?[?.!]*$)'], examples: { match: ['and day before?', 'day before'], noMatch: ['the day before', 'day before yesterday'] } },
  // "One-time versus repeat customers by country": both groups, each its own measure.
  { id: 'one-time-vs-repeat', meaning: { replacement: 'one-time $1 and repeat $1' }, zh: [], en: ['one[\\s-]?(?:time|off) (?:vs\\.?|versus|and|or) repeat (customers|buyers)'], examples: { match: ['One-time versus repeat customers by country.'], noMatch: ['one-time buyers', 'repeat customers'] } },
  { id: 'more-than-once', meaning: { replacement: 'more than once' }, zh: [], en: ['more than (?:one|1) times?'], examples: { match: ['how many customer bought more than one time?'], noMatch: ['more than once', 'more than one product'] } },
  // "Do new visitors convert better than returning ones?": the new vs returning split, not the count of new users.
  { id: 'new-than-returning', meaning: { replacement: 'new vs returning $1 $2' }, zh: [], en: ['new (visitors|users|customers|buyers|shoppers) ((?:[a-z]+ ){0,3}?)(?:than|vs\\.?|versus|compared (?:to|with)) returning(?: ones| visitors| users| customers| buyers)?'], examples: { match: ['Do new visitors convert better than returning ones this month?', 'do new customers spend more than returning customers'], noMatch: ['new visitors last week', 'new vs returning buyers'] } },
  { id: 'turn-over', meaning: { replacement: 'revenue' }, zh: [], en: ['(?<=\\b(?:what|how much) (?:did|do|does|have|has|will) [a-z0-9\u0027 ]{1,30} )turn(?:ed)? ?over'], examples: { match: ['What did we turn over last week, in pounds?', 'how much did Germany turn over in December'], noMatch: ['turnover last week', 'staff turnover'] } },
  // "全品类加起来卖了多少钱": every category together, no split by category; "（周一到周日）" only says how weeks run.
  { id: 'all-categories-together', meaning: { replacement: '总共' }, zh: ['(?:全|所有|全部)品类(?:加起来|合计|一共|总共)', '全品类'], en: [], examples: { match: ['苹果这个品牌11月全品类加起来卖了多少钱？'], noMatch: ['各品类的成交额', '品类'] } },
  { id: 'week-runs-monday-to-sunday', meaning: { replacement: ' ' }, zh: ['[（(]\\s*周一到周日\\s*[）)]', '[（(]\\s*周一至周日\\s*[）)]'], en: ['\\(\\s*mon(?:day)?\\s*(?:to|-|–)\\s*sun(?:day)?\\s*\\)'], examples: { match: ['按周（周一到周日）统计每周的支付订单数', 'GMV by day of week in November (Mon to Sun)'], noMatch: ['周一到周日的订单', 'monday orders'] } },
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
