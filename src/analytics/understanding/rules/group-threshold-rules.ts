import { parseChineseNumber, parseEnglishNumber } from '../../../text/number-words.ts';
import { ruleExpression, ruleMatches, type PhraseRule, type RuleSet } from './phrase-rule.ts';

/**
 * A bound on each group's own total: "customers who spent more than £5,000", "customers with 10+ orders",
 * "products that sold over 100 units", "消费超过5000元的客户", "下单超过3次的用户", "销量超过100件的商品". The bound
 * is on the customer's (product's, city's) metric over the period, not on an order's amount or a product's price: it
 * keeps the groups whose total passes (semantic `thresholds`). Without such a phrase a number is never read this way.
 */
export interface GroupThresholdMeaning {
  metric: 'gmv' | 'orders' | 'units' | 'pv';
  /** Nothing sold: the bound is "at most 0" and no number is written. */
  unsold?: true;
}

// "three or more orders", "over five grand": counts and amounts are written in words as often as in digits.
const NUMBER_WORDS = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|fifty|a hundred';
// Who or what is counted, in the words people use; the match's own noun decides the grouping (UNIT_DIMENSIONS).
const UNIT = "(?:customers?|users?|buyers?|shoppers?|clients?|accounts?|people|members?|products?|items?|skus?|stock codes?|countries|cities|categories|brands|provinces|channels|ones|those)";
const RELATIVE = '(?:\\s+(?:who|that|which|whose|where))?(?:\\s+(?:have|has|had|did|each|all|ever|actually|individually))?(?:\\s+(?:each|ever))?';
const MORE = '(?:more than|over|above|greater than|exceeding|in excess of|at least|upwards of|north of|no less than|no fewer than|a minimum of)';
const LESS = '(?:less than|fewer than|under|below|at most|no more than|not more than|a maximum of)';
const BOUND = `(?:${MORE}|${LESS}|between)`;
const AMOUNT = `[£$€¥]?(?:\\d+(?:\\.\\d+)?|${NUMBER_WORDS})(?:\\s*(?:k|thousand|grand|m|million))?(?:\\s*(?:pounds?|quid|dollars?|bucks|euros?|yuan|rmb|gbp|usd|eur))?`;
const AMOUNT_RANGE = `${AMOUNT}(?:\\s+(?:and|to|-)\\s+${AMOUNT})?`;
const OR_MORE = '(?:\\s*\\+|\\s+or (?:more|above|over|less|fewer|under))';
const ORDER_NOUN = '(?:orders|invoices|purchases|transactions|baskets)';
const UNIT_NOUN = '(?:units|items|pieces|pcs|qty|copies)';
const COUNT = `(?:\\d+|${NUMBER_WORDS})`;
const ZH_NUMBER = '[0-9一二两三四五六七八九十百千万.]+';
const ZH_MORE = '(?:超过|超出|高于|大于|多于|不低于|不少于|至少|满|达到)';
const ZH_LESS = '(?:低于|小于|少于|不到|不超过|不足)';
const ZH_AFTER = '(?:以上|及以上|或以上|以下|及以下|或以下|以内)';
const ZH_UNIT = '(?:用户|客户|顾客|买家|会员|人|商品|产品|单品|sku|城市|国家|品类|类目|品牌|省份)';

/** A Chinese bound: a bound word before the number, or 以上/以下 after it (a bare "买过3次的用户" is exactly three). */
function chineseBound(verb: string, measure: string): string {
  return `${verb}\\s*在?\\s*(?:(?:${ZH_MORE}|${ZH_LESS})\\s*${ZH_NUMBER}\\s*${measure}\\s*${ZH_AFTER}?|${ZH_NUMBER}\\s*${measure}\\s*${ZH_AFTER})的\\s*${ZH_UNIT}`;
}

export const GROUP_THRESHOLD_RULES: readonly PhraseRule<GroupThresholdMeaning>[] = [
  {
    id: 'group-spend-bound',
    meaning: { metric: 'gmv' },
    zh: [
      chineseBound('(?:累计|总共|一共|合计|总)?(?:消费|花了|花费|消费金额|消费额|购买金额|购物金额|成交额|销售额|营业额|gmv)(?:了|金额)?', '(?:元|块|英镑|镑|美元|欧元)?'),
    ],
    en: [
      `${UNIT}${RELATIVE}\\s+(?:spent|spend|spending|spends)(?:\\s+(?:a total of|in total|altogether|overall|total|with us))?\\s+${BOUND}\\s+${AMOUNT_RANGE}`,
      `${UNIT}${RELATIVE}\\s+(?:spent|spend|spending|spends)(?:\\s+(?:a total of|in total|altogether|overall|total))?\\s+${AMOUNT}${OR_MORE}`,
      `${UNIT}\\s+(?:with|having|whose|(?:(?:that|which|who)\\s+)?(?:had|have|has|made|did|generated|brought in))\\s+(?:a\\s+)?(?:total\\s+|lifetime\\s+|overall\\s+|combined\\s+)?(?:spend|spending|revenue|sales|gmv|turnover|takings)\\s+(?:of\\s+|is\\s+|was\\s+|were\\s+|totall?ing\\s+)?${BOUND}\\s+${AMOUNT_RANGE}`,
      `${UNIT}${RELATIVE}\\s+(?:generated|made|brought in|produced|took|earned|did)\\s+${BOUND}\\s+${AMOUNT_RANGE}(?:\\s+(?:in|of)\\s+(?:revenue|sales|gmv|turnover|takings))?`,
    ],
    examples: {
      match: [
        'How many customers spent more than £5,000 in total?', 'customers who spent over 5k', 'list the customers who have spent at least $1000', 'users spending between 100 and 500',
        'customers with total spend over £2,000', 'countries with revenue above 10000', 'which countries had revenue over £10k', 'cities that did sales of more than 5000', 'products that made more than £500 in sales', 'customers who spent £500 or more',
        '消费超过5000元的客户有多少', '累计消费满1000元的用户', '成交额超过1万的城市有哪些', '消费金额在500元以上的顾客',
      ],
      noMatch: ['orders over £100', 'customers over 40', 'products priced above 100', 'how much did customers spend last month', 'GMV above 1000 last week', '单笔超过1000元的订单', '100元以上的商品', 'top 5 customers by spend'],
    },
  },
  {
    id: 'group-order-count-bound',
    meaning: { metric: 'orders' },
    zh: [
      chineseBound('(?:下单|下了|下过|购买|买了|买过|消费|复购|购物|订单数?|订单量)', '(?:次|单|笔|个订单)?'),
    ],
    en: [
      `${UNIT}${RELATIVE}\\s+(?:placed|made|put through|submitted|with|having|have|has|had)\\s+${BOUND}\\s+${COUNT}\\s+(?:separate\\s+|different\\s+|paid\\s+)?${ORDER_NOUN}`,
      `${UNIT}${RELATIVE}\\s+(?:placed|made|put through|with|having|have|has|had)\\s+${COUNT}${OR_MORE}\\s+(?:separate\\s+|different\\s+|paid\\s+)?${ORDER_NOUN}`,
      `${UNIT}${RELATIVE}\\s+(?:ordered|bought|purchased|shopped|ordered from us|bought from us)\\s+(?:${BOUND}\\s+${COUNT}|${COUNT}${OR_MORE})\\s+times`,
      `${UNIT}${RELATIVE}\\s+(?:ordered|bought|purchased|shopped)\\s+${COUNT}\\s+times\\s+or\\s+(?:more|less|fewer)`,
    ],
    examples: {
      match: [
        'How many customers placed more than 10 orders?', 'customers with 5+ orders', 'customers with 3 or more invoices', 'users who ordered more than 3 times', 'buyers that have made at least 2 purchases',
        'customers who bought 4 times or more', 'How many customers placed three or more paid orders last month?', '下单超过3次的用户有多少', '购买了5次以上的客户', '订单数超过10的国家',
      ],
      noMatch: ['orders over 10', 'more than 10 orders were cancelled', 'top 10 customers by orders', 'customers who ordered last week', '下单3次的转化率', '10个订单'],
    },
  },
  {
    id: 'group-units-bound',
    meaning: { metric: 'units' },
    zh: [chineseBound('(?:销量|卖了|卖出|售出|销售|买了)', '(?:件|个|台|份|套)?')],
    en: [
      `${UNIT}${RELATIVE}\\s+(?:sold|selling|shifted|moved|bought|purchased|with|having)\\s+(?:${BOUND}\\s+${COUNT}|${COUNT}${OR_MORE})\\s+${UNIT_NOUN}(?:\\s+sold)?`,
    ],
    examples: {
      match: ['products that sold more than 100 units', 'items selling over 50 units last week', 'customers who bought at least 20 items', 'skus with 100+ units sold', '销量超过100件的商品', '卖出50件以上的商品有几个'],
      noMatch: ['top 100 products by units', 'units sold over the last 30 days', '卖了多少件', 'orders with more than 3 items'],
    },
  },
  {
    // "Of the products with at least 4,000 views this month, which 5 convert worst?", "浏览超过3000次的商品里".
    id: 'group-views-bound',
    meaning: { metric: 'pv' },
    zh: [chineseBound('(?:浏览|浏览量|被浏览|访问量|pv)', '(?:次)?')],
    en: [`${UNIT}\\s+(?:with|having|that had|that got|which had|which got|getting)\\s+(?:${BOUND}\\s+${AMOUNT_RANGE}|${AMOUNT}${OR_MORE})\\s+(?:page\\s+)?views`],
    examples: {
      match: ['Of the products with at least 4,000 views this month, which 5 have the lowest view-to-purchase rate?', '这个月浏览超过3000次的商品里，浏览购买转化率最低的是哪个？', 'products that got more than 500 page views'],
      noMatch: ['top products by views', 'page views last week', '浏览量最高的商品'],
    },
  },
  {
    // "products that didn't sell last month", "一台都没卖出去的", "零销量的商品": each one's units sold is 0.
    id: 'group-unsold',
    meaning: { metric: 'units', unsold: true },
    zh: ['(?:一(?:台|件|个|单|款|份|双)都|完全|压根|根本)?没(?:有)?(?:卖|售)(?:出去|出|掉|过)', '零销量', '0销量', '销量为(?:0|零)', '没有(?:任何)?销量', '滞销'],
    en: [
      '(?:products?|items?|skus?|stock codes?|categories|brands|ones|(?<=\\bwhich )[a-z]+s)(?:\\s+[a-z0-9\u0027-]+){0,3}?\\s+(?:that |which |who )?(?:didn\u0027t|did not|never|haven\u0027t|have not|hasn\u0027t|has not|failed to)\\s+(?:sell|sold)',
      'unsold (?:products?|items?|skus?|stock|lines)', '(?:products?|items?|skus?|categories|brands)\\s+(?:with|that had|having|with no)\\s+(?:no|zero|0)\\s+(?:sales|units sold|orders)',
      '(?:sold|selling)\\s+(?:nothing|zero units|no units|0 units)',
    ],
    examples: {
      match: ['笔记本电脑里这个月一台都没卖出去的是哪款？', 'products that didn\u0027t sell last month', 'which laptops did not sell in november', 'unsold products', '零销量的商品有哪些', 'items with zero sales'],
      noMatch: ['products that sold the most', '卖得最好的商品', 'how many products sold', 'did not buy'],
    },
  },
];

export const GROUP_THRESHOLD_RULE_SET: RuleSet<GroupThresholdMeaning> = { name: 'bounds on each group total', rules: GROUP_THRESHOLD_RULES, matches: ruleMatches };

export interface GroupThreshold {
  metric: GroupThresholdMeaning['metric'];
  operator: 'gt' | 'gte' | 'lt' | 'lte' | 'between';
  values: number[];
  /** The grouping the counted noun names (customer, product, country …). */
  dimension: string;
  start: number;
  end: number;
}

/** The grouping each counted noun stands for; a person is a customer. */
const UNIT_DIMENSIONS: readonly [RegExp, string][] = [
  [/products?|items?|skus?|stock codes?|商品|产品|单品|sku/, 'product'],
  [/countries|国家/, 'country'],
  [/cities|城市/, 'city'],
  [/categories|品类|类目/, 'category'],
  [/brands|品牌/, 'brand'],
  [/provinces|省份/, 'province'],
  [/channels/, 'channel'],
];

const BELOW = /less than|fewer than|under|below|at most|no more than|not more than|a maximum of|or less|or fewer|or under|低于|小于|少于|不到|不超过|不足|以下|以内/;
const INCLUSIVE = /at least|at most|no less than|no fewer than|no more than|not more than|a minimum of|a maximum of|or more|or less|or fewer|or above|or over|or under|\+|以上|以下|以内|不低于|不少于|不超过|至少|满|达到/;
const MAGNITUDES: Readonly<Record<string, number>> = { k: 1e3, thousand: 1e3, grand: 1e3, m: 1e6, million: 1e6, 千: 1e3, 万: 1e4 };
const AMOUNTS = new RegExp(`(\\d+(?:\\.\\d+)?)(?:\\s*(k|thousand|grand|million|m)(?![a-z]))?|([一二两三四五六七八九十百]+)(?=[次单笔件个台份套元块千万])|(?<=\\d)\\s*([千万])|\\b(${NUMBER_WORDS})\\b`, 'g');

function amountsIn(text: string): number[] {
  const numbers: number[] = [];
  for (const match of text.matchAll(AMOUNTS)) {
    if (match[4]) {
      // "1万": the magnitude after a number already read.
      if (numbers.length > 0) numbers[numbers.length - 1] = (numbers[numbers.length - 1] as number) * (MAGNITUDES[match[4]] as number);
      continue;
    }
    const value = match[1] !== undefined ? Number(match[1]) : match[5] !== undefined ? (match[5] === 'a hundred' ? 100 : parseEnglishNumber(match[5])) : parseChineseNumber(match[3] ?? '');
    if (value === undefined || !Number.isFinite(value)) continue;
    numbers.push(value * (match[2] ? (MAGNITUDES[match[2]] as number) : 1));
  }
  return numbers;
}

const GLOBAL_EXPRESSIONS = GROUP_THRESHOLD_RULES.map((rule) => [rule, new RegExp(ruleExpression(rule).source, 'g')] as const);

/** Every bound on a group's total the question states, with where it stands so its numbers are not read again. */
export function groupThresholds(normalizedQuestion: string): GroupThreshold[] {
  const found: GroupThreshold[] = [];
  for (const [rule, expression] of GLOBAL_EXPRESSIONS) {
    for (const match of normalizedQuestion.matchAll(expression)) {
      const start = match.index;
      const end = start + match[0].length;
      if (found.some((other) => start < other.end && end > other.start)) continue;
      const text = match[0];
      if (rule.meaning.unsold) {
        const dimension = UNIT_DIMENSIONS.find(([noun]) => noun.test(text))?.[1] ?? 'product';
        found.push({ metric: rule.meaning.metric, operator: 'lte', values: [0], dimension, start, end });
        continue;
      }
      const numbers = amountsIn(text);
      if (numbers.length === 0) continue;
      const between = /\bbetween\b/.test(text) && numbers.length >= 2;
      const below = BELOW.test(text);
      const inclusive = INCLUSIVE.test(text);
      const operator = between ? 'between' : below ? (inclusive ? 'lte' : 'lt') : inclusive ? 'gte' : 'gt';
      const values = between ? [Math.min(numbers[0] as number, numbers[1] as number), Math.max(numbers[0] as number, numbers[1] as number)] : [numbers[0] as number];
      const dimension = UNIT_DIMENSIONS.find(([noun]) => noun.test(text))?.[1] ?? 'customer';
      found.push({ metric: rule.meaning.metric, operator, values, dimension, start, end });
    }
  }
  return found;
}

/**
 * A turn that is only a new bound ("What about over £2,000?", "那超过2000的呢") after an answer kept by a bound on each
 * group's total: the same question with that bound.
 */
export const BARE_BOUND_RULES: readonly PhraseRule<{ bareBound: true }>[] = [
  {
    id: 'bare-bound',
    meaning: { bareBound: true },
    zh: [`^(?:那|那么|如果)?\\s*(?:(?:${ZH_MORE}|${ZH_LESS})\\s*${ZH_NUMBER}\\s*(?:元|块|镑|英镑|次|单|笔|件)?\\s*${ZH_AFTER}?|${ZH_NUMBER}\\s*(?:元|块|镑|英镑|次|单|笔|件)?\\s*${ZH_AFTER})\\s*(?:的)?\\s*(?:呢|的呢|怎么样|有多少|有几个)?\\s*[?？]?$`],
    en: [`^(?:(?:and|ok|okay|so|now|then|what about|how about|and what about|same for|same but)\\s+)*(?:(?:for|with|at)\\s+)?(?:${BOUND}\\s+${AMOUNT_RANGE}|${AMOUNT}${OR_MORE})(?:\\s+(?:instead|then|now))?\\s*\\??$`],
    examples: {
      match: ['What about over £2,000?', 'and above 5k', 'how about at least 3?', '那超过2000的呢', '5000元以上的呢？', 'And five or more?'],
      noMatch: ['What about over the last month?', 'orders over £100', 'top 5', '那北京呢'],
    },
  },
];

export const BARE_BOUND_RULE_SET: RuleSet<{ bareBound: true }> = { name: 'a turn that is only a new bound', rules: BARE_BOUND_RULES, matches: ruleMatches };

/** The new bound of a turn that is only one, in the operator/values form of a threshold. */
export function bareBound(normalizedQuestion: string): { operator: GroupThreshold['operator']; values: number[] } | undefined {
  const text = normalizedQuestion.trim();
  if (!BARE_BOUND_RULES.some((rule) => ruleMatches(rule, text))) return undefined;
  const numbers = amountsIn(text);
  if (numbers.length === 0) return undefined;
  const between = /\bbetween\b/.test(text) && numbers.length >= 2;
  const below = BELOW.test(text);
  const inclusive = INCLUSIVE.test(text);
  if (between) return { operator: 'between', values: [Math.min(numbers[0] as number, numbers[1] as number), Math.max(numbers[0] as number, numbers[1] as number)] };
  return { operator: below ? (inclusive ? 'lte' : 'lt') : inclusive ? 'gte' : 'gt', values: [numbers[0] as number] };
}
