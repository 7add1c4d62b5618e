import { ruleExpression, ruleMatches, type PhraseRule, type RuleSet } from './phrase-rule.ts';

/**
 * Rankings whose subject is implied rather than named: "top 10 customers by spend" ranks individual customers,
 * "what sells best" and "销量排行榜" rank products. Without these the ranking has no dimension and the question
 * would be answered as a single total: an answer to a different question.
 */
export interface RankingSubject {
  dimension: string;
  /** Applies only when the question names no other grouping ("which brand sells best" ranks brands). */
  onlyWhenUngrouped: boolean;
  /** Ranks by this when the question names no metric, or only a generic noun ("top customers", "最爱买什么"). */
  defaultMetric: string;
  /** Metrics that mean nothing per row of this subject (buyers of one customer is always 1): replaced by the default. */
  meaninglessMetrics: string[];
}

export const RANKING_SUBJECT_RULES: readonly PhraseRule<RankingSubject>[] = [
  {
    id: 'individual-customers',
    meaning: { dimension: 'customer', onlyWhenUngrouped: false, defaultMetric: 'gmv', meaninglessMetrics: ['buyers', 'uv', 'dau', 'new_users', 'arpu'] },
    zh: [
      '(消费|花钱|花费|买得|贡献|下单)最多的(前\\s*\\d+\\s*(个|位|名)?)?(客户|用户|顾客|买家|会员)',
      '哪(些|个|几个|位|几位)(客户|用户|顾客|买家|会员)的?(消费|花钱|花费|买得|贡献|成交额|下单|订单)(最多|最高)',
      '(客户|用户|顾客|买家|会员)(消费|成交额|贡献)?(排名|排行)',
      '(大客户|高消费客户|土豪|top\\s*\\d*\\s*(客户|用户))(是谁|有哪些|排名)?',
      '前\\s*\\d+\\s*(个|位|名)?(大)?(客户|用户|顾客|买家|会员)',
      '(消费|花费|成交)(金额|额)?(最高|最多)的(前?\\s*[0-9一二三四五六七八九十两]+\\s*(个|位|名)?)?(客户|用户|顾客|买家|会员)',
      '谁(花钱|消费|花费|花的钱|买得|买的)最多',
      '前\\s*[一二三四五六七八九十两]+\\s*(个|位|名)?(大)?(客户|用户|顾客|买家|会员)',
      // Words between the customer and the spending ("哪个客户在我这花钱最多", "买的件数最多的5个客户").
      '哪(个|位|些|几个|几位)(客户|用户|顾客|买家|会员).{0,8}?(最多|最高)',
      '(买|消费|花|下单).{0,4}?最多的(前\\s*)?[0-9一二三四五六七八九十两]*\\s*(个|位|名)?(客户|用户|顾客|买家|会员)',
      // A place in the ranking before the noun ("累计消费前三的用户", "订单数排名前5的客户").
      '(消费|花钱|花费|买得|贡献|成交额|下单|订单数?|金额)(排名|排行)?前\\s*[0-9一二三四五六七八九十两]+\\s*(个|位|名)?的(大)?(客户|用户|顾客|买家|会员)',
    ],
    en: [
      '(which|what) (customers|users|buyers|shoppers|clients) (spent|spend|bought|buy|ordered|order|generated|brought in|contributed|paid) (the )?most',
      '(which|what) (customer|user|buyer|shopper|client) (spent|bought|ordered|placed|made|generated|contributed|paid) (the )?most',
      '(which|what) \\d+ (customers|users|buyers|shoppers|clients) (spent|bought|ordered|placed|made|generated|contributed|paid) (the )?most',
      '(top|biggest|largest|heaviest|big)( \\d+| ten| five| three| twenty)? spenders?',
      '(top|best|biggest|largest|most valuable)( [a-z]+)? (customer|buyer|spender|client)(?!s)',
      'customers? who (spent|bought|ordered) the most',
      'who (spent|bought|ordered) the most',
      '(which|what) (customer|user|buyer|shopper|client)s? (\\w+ ){1,3}(spent|spends|spend|bought|buys|ordered|orders|placed|paid) (the )?most',
      '(which|what) (customer|user|buyer|client) accounts? (\\w+ ){0,2}(contributed|brought in|generated|spent|made) (the )?most',
      '(which|what) (customer|user|buyer|shopper|client)s? (has|have|had) (had |placed |made )?(the )?most',
      '(which|what) (customer|user|buyer|shopper|client)s? (put|puts|put through|placed|raised) (through )?(the )?((second|third|2nd|3rd) )?most',
    ],
    examples: {
      match: ['Which customer put through the second most orders?', "who's the biggest German customer by turnover?", 'Which customer has had the most orders with returns?', '累计消费前三的用户', 'top 5 spenders in tier-1 cities', 'which customers spent the most', 'which customer placed the most orders last week', '消费金额最高的前十个用户', 'which 3 customers bought the most items', '消费最多的客户是谁', '消费最多的前10个用户', '哪些用户买得最多', 'who spent the most last month', '客户消费排名', '前20名客户'],
      noMatch: ['how many customers bought', '各城市的购买人数', 'top cities by buyers', 'customer segments by GMV', 'which customers are likely to buy next week', '哪些用户可能会购买', '新客户有多少'],
    },
  },
  {
    // "top 10 customers", "best buyers": ranked customers, unless another grouping is what is ranked ("which channel
    // brings the best buyers" asks which channel).
    id: 'customer-leaderboard',
    meaning: { dimension: 'customer', onlyWhenUngrouped: true, defaultMetric: 'gmv', meaninglessMetrics: ['buyers', 'uv', 'dau', 'new_users', 'arpu'] },
    zh: [],
    // Words between the number and the noun name whose customers they are ("top 3 Laptops customers").
    en: ["(top|best|biggest|largest|most valuable)( \\d+| ten| five| three| twenty)?( [a-z0-9'’-]+){0,2}? (customers|users|buyers|spenders|shoppers|clients)"],
    examples: {
      match: ['top 10 customers by spend', 'our best buyers last month', 'most valuable customers', 'Who were our top 3 Laptops customers by spend this month?'],
      noMatch: ['customers by city', 'how many customers bought'],
    },
  },
  {
    // "the biggest single invoice", "金额最大的一笔订单": orders ranked one by one, by their amount.
    id: 'single-orders',
    meaning: { dimension: 'order_number', onlyWhenUngrouped: true, defaultMetric: 'gmv', meaninglessMetrics: ['orders', 'buyers', 'uv', 'aov'] },
    zh: ['(金额|单笔)?最(大|高|贵)的(一|那)?(笔|张|单)(订单|发票|单子)?', '最大(的)?一(笔|单|张)', '(单笔|单张)(订单|发票)?(金额)?最(大|高)', '(金额|单笔)?最(大|高)的(订单|发票)'],
    en: ['(biggest|largest|highest|top|most expensive|priciest|smallest)( \\d+)?( single| individual)? (orders?|invoices?|sales?|transactions?|baskets?)(?! (count|volume|rate|per|by))', '(orders?|invoices?) with the (highest|biggest|largest) (value|amount|total)'],
    examples: {
      match: ["What was the biggest single invoice we've had, and how much was it for?", 'top 5 largest orders last month', '上个月金额最大的一笔订单', '最大的一单是多少钱'],
      noMatch: ['biggest orders count by city', 'top customers by orders', '订单最多的城市', 'which day had the most orders', 'top orders by volume'],
    },
  },
  {
    id: 'product-leaderboard',
    meaning: { dimension: 'product', onlyWhenUngrouped: true, defaultMetric: 'gmv', meaninglessMetrics: [] },
    // 款 counts products ("卖得最好的前三款", "哪款最火"); 款式 is a style, not a product.
    zh: ['(前\\s*[0-9一二三四五六七八九十两]+|哪一?|几)\\s*款(?!式)', '排行榜', '榜单', '爆款', '(最爱|最喜欢|最常|最多人|经常|都爱|都在)买(的是)?什么', '买(得|的)?最多的是什么', '什么(东西|商品)?(卖得|卖的)最(好|多|火)', '什么最(畅销|好卖|热销)'],
    en: ['best ?sellers?', 'top sellers?', 'best[- ]selling (?:items?|products?|skus?)\\b', 'leaderboard', 'what (sells|sold|sell) (the )?(best|most)', 'what (do|did) (\\w+ ){0,2}(buy|order|purchase) (the )?most', "what(?:'s| is| are| was| were) (our |the )?(best|top)[- ]?sell(ing|ers?)"],
    examples: {
      match: ['卖得最好的前三款', '哪款耳机最火', 'top sellers this week', 'what sells best among women', 'what do women buy the most', 'our bestsellers last month', '销量排行榜', '女性用户最爱买什么', '什么卖得最好', '本月爆款'],
      noMatch: ['哪种款式卖得好', 'best-selling categories', 'which brand sells best', 'GMV by category', '哪个品类卖得最好', 'what is our GMV'],
    },
  },
];

export const RANKING_SUBJECT_RULE_SET: RuleSet<RankingSubject> = { name: 'ranking subjects', rules: RANKING_SUBJECT_RULES, matches: ruleMatches };

/** Each rule's pattern with the g flag, made once (lower case, like the normalized question: no i flag). */
const GLOBAL_EXPRESSIONS = new Map(RANKING_SUBJECT_RULES.map((rule) => [rule, new RegExp(ruleExpression(rule).source, 'g')]));

/** The implied subject of a ranking question, with the spans that name it (they need no other explanation). */
export function rankingSubjectOf(normalizedQuestion: string): { subject: RankingSubject; spans: [number, number][] } | undefined {
  const rule = RANKING_SUBJECT_RULES.find((candidate) => ruleMatches(candidate, normalizedQuestion));
  if (!rule) return undefined;
  const spans = [...normalizedQuestion.matchAll(GLOBAL_EXPRESSIONS.get(rule) as RegExp)].map((match): [number, number] => [match.index, match.index + match[0].length]);
  return { subject: rule.meaning, spans };
}
