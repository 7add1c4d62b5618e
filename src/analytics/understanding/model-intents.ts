import { parseNumber } from '../../text/number-words.ts';
import type { DataWindow } from './build-request.ts';
import type { Recognition } from './recognize-question.ts';

/** A question that a behaviour model answers better than a metric query ("预测下周GMV", "常一起买的商品"). */
export interface ModelIntent {
  toolName: string;
  arguments: Record<string, unknown>;
}

interface IntentRule {
  toolName: string;
  /** Whether the question asks for this model; rules are tried in order and the first that applies wins. */
  applies: (recognition: Recognition) => boolean;
  build: (recognition: Recognition, window: DataWindow) => Record<string, unknown>;
}

const FORECASTABLE = ['gmv', 'orders', 'uv', 'units'];

const ENGLISH_NUMBERS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, fifty: 50, hundred: 100,
};
// Digits, small Chinese numerals or English number words, as they appear in "未来两周", "next two weeks".
const NUMBER = '(\\d+|[零一二三四五六七八九十两]+|\\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|fifty|hundred)\\b)';

function numberOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  return ENGLISH_NUMBERS[text] ?? parseNumber(text);
}

function clamp(value: number, lowest: number, highest: number): number {
  return Math.min(highest, Math.max(lowest, value));
}

/** The single value a question filters a dimension on ("耳机" → category Headphones), if it names exactly one. */
function singleFilterValue(recognition: Recognition, dimension: string): string | undefined {
  const filter = recognition.filters.find((candidate) => candidate.dimension === dimension && candidate.operator === 'in');
  return filter?.values.length === 1 ? String(filter.values[0]) : undefined;
}

function dateRange(recognition: Recognition): { start: string; end: string } | undefined {
  return recognition.time ? { start: recognition.time.start, end: recognition.time.end } : undefined;
}

/** Leaves out undefined values, so the call only carries what the question said. */
function defined(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}

// "下周", "next month", "未来30天", "the coming 10 days": a period after the data's last day.
const FUTURE_PERIOD = /下周|下一周|下个?星期|下个?月|明天|后天|未来|接下来|今后|往后|\bnext (?:week|month|\d+|few|couple|[a-z]+ (?:days|weeks|months))|\bcoming (?:week|month|days|weeks|\d+)|\bupcoming\b|\btomorrow\b|\bthe following (?:week|month|\d+)/;
const UNIT_DAYS: [RegExp, number][] = [[/^(?:天|日|days?)$/, 1], [/^(?:周|个?星期|个?礼拜|weeks?)$/, 7], [/^(?:个?月|months?)$/, 30]];

function daysOf(count: string | undefined, unit: string | undefined): number | undefined {
  const number = numberOf(count);
  const days = UNIT_DAYS.find(([pattern]) => pattern.test(unit ?? ''))?.[1];
  return number === undefined || days === undefined ? undefined : number * days;
}

/** Days ahead a question looks: "下周/next week" → 7, "未来30天" → 30, "接下来两周/next two weeks" → 14, "下个月" → 30. */
export function horizonDays(text: string, fallback: number): number {
  const counted = text.match(new RegExp(`(?:未来|接下来|今后|往后|next|coming|following|upcoming)\\s*(?:the\\s*)?${NUMBER}\\s*(天|日|周|个?星期|个?礼拜|个?月|days?|weeks?|months?)`));
  // "a 2-week forecast", "10-day outlook".
  const adjective = text.match(new RegExp(`${NUMBER}-(day|week|month)\\b`));
  const days = daysOf(counted?.[1], counted?.[2]) ?? daysOf(adjective?.[1], adjective?.[2]);
  if (days !== undefined) return days;
  if (/下周|下一周|下个?星期|next week|coming week|following week/.test(text)) return 7;
  if (/下个?月|next month|coming month|following month/.test(text)) return 30;
  if (/明天|tomorrow/.test(text)) return 1;
  return fallback;
}

/**
 * "the 50 users", "前10位用户", "推荐5个商品": how many rows the question wants, when it says (within the tool's
 * bounds); otherwise undefined, so the tool's own default applies.
 */
function countOf(recognition: Recognition, nouns: string, highest: number): number | undefined {
  const named = recognition.normalized.match(new RegExp(`(?:^|[^\\d.])${NUMBER}\\s*(?:个|位|名|款|件|样|种)?\\s*(?:${nouns})`));
  const count = numberOf(named?.[1]) ?? recognition.limit;
  return count === undefined ? undefined : clamp(count, 1, highest);
}

/** "用户456", "user #123", "customer 2048": the user id a question is about. */
function userIdOf(text: string): number | undefined {
  const found = text.match(/(?:用户|顾客|客户|会员|买家|\buser|\bcustomer|\bshopper|\bmember|\bbuyer)\s*(?:id)?\s*[#:：]?\s*(\d+)/);
  return found?.[1] ? Number(found[1]) : undefined;
}

/** "商品55", "product #12", "item 7": the product id a question is about. */
function productIdOf(text: string): number | undefined {
  const found = text.match(/(?:商品|产品|\bproduct|\bitem|\bsku)\s*(?:id)?\s*[#:：]?\s*(\d+)/);
  return found?.[1] ? Number(found[1]) : undefined;
}

// ---- customer segments -------------------------------------------------------------------------------------
const PEOPLE_ZH = '(?:用户|客户|顾客|会员|买家|人群|消费者)';
const PEOPLE_EN = '(?:customers?|users?|shoppers?|buyers?|members?|clients?|people)';
const SEGMENTS = new RegExp([
  '分群', '分成几类', '分几类', '分成.{0,4}(?:类|群|组|层)', '分个?层', '分层', '划分.{0,4}(?:层|群|类)', '人群划分', '画像',
  '高价值客户', '流失风险', '沉睡客户', '忠诚客户', '重要价值客户',
  `${PEOPLE_ZH}.{0,10}聚类`, `聚类.{0,6}${PEOPLE_ZH}`,
  '\\brfm\\b', `\\bsegment(?:s|ation|ed|ing)?\\b`, `\\bcluster(?:s|ing)? (?:the |our |all )?${PEOPLE_EN}`,
  `\\bgroup (?:the |our |all )?${PEOPLE_EN}`, `\\b(?:kinds|types|groups) of ${PEOPLE_EN}`, `\\b${PEOPLE_EN} (?:groups|personas|types)\\b`,
  '\\bpersonas?\\b', '\\bchampions\\b', '\\bat risk of churn', '\\bchurn risk', '\\bbreak (?:them|customers|users|shoppers) into groups',
].join('|'));
// "把顾客按消费习惯分组": grouping people with no dimension named (a named one, "用户按城市分组", is a breakdown).
const SEGMENT_GROUPING = new RegExp(`${PEOPLE_ZH}.{0,10}(?:分组|分类|归类|分群)|\\b(?:group|split|divide|bucket) (?:the |our |all )?${PEOPLE_EN}|\\b(?:user|customer) base into`);

// "各分群的GMV", "GMV by customer segment": a metric split by the stored segments is a breakdown for query_metrics.
// Counting people ("customers" reads as buyers) per segment is what segment_customers reports anyway.
const PEOPLE_METRICS = ['buyers', 'uv', 'dau', 'new_users'];
function isSegmentBreakdown(recognition: Recognition): boolean {
  return recognition.dimensions.includes('segment') && recognition.metrics.some((metric) => !PEOPLE_METRICS.includes(metric));
}

function segmentMethod(text: string): string {
  if (/\brfm\b|recency|champions|at risk|churn|流失|高价值|沉睡|忠诚|重要价值/.test(text)) return 'rfm';
  if (/k-?means|聚类|\bcluster|behaviou?r|行为|how they (?:browse|shop|buy)/.test(text)) return 'kmeans';
  return 'both';
}

// ---- purchase propensity -----------------------------------------------------------------------------------
const PROPENSITY = new RegExp([
  '\\blikely to (?:buy|purchase|order|convert|place (?:an |a )?orders?|make (?:a )?purchases?|check ?out|spend|come back and buy)',
  '\\b(?:purchase|buying|order) (?:propensity|intent|intention|probability|likelihood)', '\\bpropensity\\b',
  '\\bwho (?:will|would|is going to|are going to|might) (?:buy|purchase|order|convert)', '\\bpredict(?:ed)? (?:buyers|purchases|who)',
  '\\bready to buy\\b', '\\blikely buyers\\b', '\\b(?:chance|probability|likelihood|odds) of (?:buying|purchasing|ordering|converting|placing|making a purchase)',
  '可能.{0,4}(?:购买|买|下单|付款|掏钱|转化|复购|成交)', '购买(?:意向|意愿|倾向|概率|可能性)', '下单(?:概率|可能性|意向)', '会下单',
  '潜在(?:买家|客户|购买者)', '谁会(?:买|下单|购买)', '高意向',
].join('|'));

// ---- forecasts ---------------------------------------------------------------------------------------------
const FORECAST_VERB = /预测|预估|预计|预期|估计|forecast|predict|projection|\bproject(?:ed)?\b|outlook|\bexpect(?:ed)?\b/;

// ---- baskets -----------------------------------------------------------------------------------------------
const BASKETS = new RegExp([
  '一起(?:买|购买|被买|被购买|下单|卖)', '经常一起', '常一起', '搭配(?:购买|着卖|着买|销售|促销)', '连带(?:购买|销售|率)', '关联(?:规则|购买|商品)',
  '购物篮', '同一(?:个)?(?:订单|购物车)', '顺便(?:买|购买)', '还(?:会|常|经常|通常|都)?(?:再)?(?:买|购买)', '组合促销', '捆绑', '凑单',
  '\\bbought together', '\\bfrequently bought', '\\bbuy together', '\\bpurchased together', '\\bmarket basket', '\\bbasket analysis',
  '\\bsame (?:basket|order|cart)\\b', '\\b(?:bought|purchased|ordered|sold) (?:along |together )?with\\b', '\\b(?:sells?|sold|goes|go) (?:well )?together\\b', '\\bassociation rules', '\\bcross-?sell', '\\balso (?:buy|bought|purchase|purchased|get)\\b', '\\bbundl(?:e|es|ing)\\b',
].join('|'));

// ---- reviews -----------------------------------------------------------------------------------------------
const REVIEW_NOUN = '(?:评价|评论|差评|好评|留言|reviews?)';
// Looking for particular reviews ("找出提到物流太慢的评价", "find reviews that mention …"), not a summary of them.
const REVIEW_SEARCH = new RegExp([
  `(?:找|搜|查|看看|给我看|列出|有没有|有哪些|哪些|\\bshow\\b|\\bfind\\b|\\bsearch\\b|\\blist\\b|\\bany\\b|\\bare there\\b|\\bpull up\\b|\\bget\\b).{0,14}${REVIEW_NOUN}`,
  `${REVIEW_NOUN}.{0,4}(?:提到|说到|说|讲|关于|mention|mentioning|mentions|saying|that say|where)`,
  `(?:提到|说到|mention|mentioning).{0,12}的?${REVIEW_NOUN}`,
].join('|'));
// "最常提到的问题", "the main issues": a summary over many reviews, which review_insights gives, not a search.
const REVIEW_SUMMARY = /最常|主要|集中|哪些方面|最多|问题是什么|most common|most often|\bmain\b|\btop (?:issues|complaints|themes)|\bthemes\b|summar/;
// What reviews say overall: complaints, praise, reputation.
const REVIEW_INSIGHTS = new RegExp([
  '抱怨', '吐槽', '差评', '投诉', '不满', '负面(?:评价|反馈|评论|意见)', '正面(?:评价|反馈|评论)', '好评', '口碑', '槽点', '痛点', '优点', '缺点',
  '评价.{0,6}(?:说|提到|反映|集中)', '反馈.{0,8}(?:问题|什么|哪些)', '喜欢.{0,12}(?:哪些地方|什么地方|哪点|哪里|哪方面)', '满意(?:的)?(?:地方|点)',
  '\\bcomplain', '\\bpain points?\\b', '\\b(?:negative|bad|poor|positive|good) (?:reviews|feedback)', '\\bfeedback (?:on|about)\\b',
  `\\bwhat (?:do|did|does) (?:our )?${PEOPLE_EN} (?:say|think|like|love|dislike|hate|praise)`, `\\bwhat (?:are|were) (?:our )?${PEOPLE_EN} saying`,
  `\\b${PEOPLE_EN} (?:dislike|hate|love)`, `\\bwhat (?:our )?${PEOPLE_EN} (?:say|said|think|thought) about`, '夸', '\\breview (?:insights|themes|summary)', '\\bsummari[sz]e .{0,30}(?:feedback|reviews)', '\\breputation\\b',
].join('|'));
const NEGATIVE_WORDS = /差评|抱怨|吐槽|投诉|不满|负面|缺点|槽点|痛点|问题|complain|dislike|hate|negative|pain|\bbad\b|poor|problem|issue/;
const POSITIVE_WORDS = /好评|喜欢|满意|优点|正面|称赞|夸|\blike|\blove|praise|positive|strength|\bgood\b/;

// "好评率", "average rating", "how many reviews": a number about reviews is a metric query, not a model question.
const REVIEW_METRICS = ['reviews', 'avg_rating', 'positive_review_share'];
const NUMBER_CUES = /率|比例|占比|比重|多少|有几条|有几个|一共几|总共几|平均|评分|分数|\bshare\b|\brate\b|\bratio\b|percent|average|\bmean\b|how many|number of|\bcount\b|\bscore/;
function asksReviewNumbers(recognition: Recognition): boolean {
  return recognition.metrics.some((metric) => REVIEW_METRICS.includes(metric)) && NUMBER_CUES.test(recognition.normalized);
}

function reviewPolarity(text: string): 'negative' | 'positive' | 'all' {
  if (NEGATIVE_WORDS.test(text)) return 'negative';
  if (POSITIVE_WORDS.test(text)) return 'positive';
  // "口碑怎么样", "what are customers saying": neither side asked for.
  if (/口碑|怎么样|如何|saying|\bsay\b|think|reputation/.test(text)) return 'all';
  return 'negative';
}

/** What the reviews should be about: a quoted phrase, or what follows "提到/说/关于/mentioning/about". */
function reviewQuery(text: string): string {
  const quoted = text.match(/["“'「『](.+?)["”'」』]/)?.[1];
  if (quoted) return quoted.trim();
  const about = text.match(/(?:提到了?|说到|说|讲到?|关于|反映|mentioning|mentions?|saying|say|regarding|complaining about|about)\s*(.+?)\s*(?:的?(?:评价|评论|差评|好评|留言)|\breviews?\b|[?？。!！]|$)/)?.[1];
  const cleaned = (about ?? text).replace(/^(?:the|a|an|that|people)\s+/, '').replace(/的$/, '').trim();
  return cleaned || text;
}

// ---- search themes -----------------------------------------------------------------------------------------
const SEARCH_WORDS = /搜|关键词|search/;
const GROUPING_WORDS = /主题|聚类|聚成|聚.{0,2}类|分组|归类|归成|归为|归纳|分成.{0,3}类|分几类|几大类|哪几类|分为几类|\bthemes?\b|\btopics?\b|\bclusters?\b|\bcluster\b|\bgroup(?:s|ed)?\b|\bcategori[sz]e\b|\bbuckets?\b/;

function clusterCount(text: string): number | undefined {
  const found = text.match(new RegExp(`(?:聚成|分成|归成|归为|分为|into)\\s*${NUMBER}\\s*(?:个)?\\s*(?:类|组|主题|groups|clusters|themes|topics|buckets)`));
  const count = numberOf(found?.[1]);
  return count === undefined ? undefined : clamp(count, 2, 30);
}

// ---- anomalies ---------------------------------------------------------------------------------------------
const ANOMALIES = /异常|刷单|刷量|机器人|爬虫|可疑|作弊|羊毛|黄牛|虚假(?:订单|流量|账号)|不正常|\bbots?\b|anomal|fraud|suspicious|outliers?|\bunusual\b|\babnormal\b|\bspam|\bfake (?:orders|accounts|traffic)|click farm|scrap(?:er|ing)|crawler/;
const ORDER_WORDS = /订单|下单|刷单|购买|\borders?\b|fraud|purchases?|payments?/;
const BROWSING_WORDS = /浏览|访问|流量|爬虫|机器人|点击|\bbots?\b|brows|crawl|scrap|traffic|sessions?|clicks?|visits?/;

// ---- recommendations ---------------------------------------------------------------------------------------
const RECOMMEND = /推荐|猜你喜欢|可能(?:会)?喜欢|会喜欢|感兴趣|相似|类似|差不多|相近|同款|替代|recommend|\bsuggest|similar|(?:might|would|may) (?:like|enjoy|want)|\bnext best\b/;

const RULES: IntentRule[] = [
  {
    // Needs a user or product id: "推荐" alone is the referral channel ("推荐渠道的订单").
    toolName: 'recommend_products',
    applies: (recognition) => RECOMMEND.test(recognition.normalized) && (userIdOf(recognition.normalized) !== undefined || productIdOf(recognition.normalized) !== undefined),
    build: (recognition) => {
      const text = recognition.normalized;
      const userId = userIdOf(text);
      return defined({
        user_id: userId,
        product_id: userId === undefined ? productIdOf(text) : undefined,
        category: singleFilterValue(recognition, 'category'),
        top_k: countOf(recognition, '商品|产品|items|products|recommendations', 50),
      });
    },
  },
  {
    toolName: 'cluster_queries',
    applies: (recognition) => SEARCH_WORDS.test(recognition.normalized) && GROUPING_WORDS.test(recognition.normalized),
    build: (recognition) => defined({ date_range: dateRange(recognition), clusters: clusterCount(recognition.normalized) }),
  },
  {
    toolName: 'segment_customers',
    applies: (recognition) =>
      !isSegmentBreakdown(recognition) &&
      (SEGMENTS.test(recognition.normalized) || (SEGMENT_GROUPING.test(recognition.normalized) && recognition.dimensions.length === 0)),
    build: (recognition) => ({ method: segmentMethod(recognition.normalized) }),
  },
  {
    toolName: 'predict_purchase',
    applies: (recognition) => PROPENSITY.test(recognition.normalized),
    build: (recognition) => {
      return defined({
        horizon_days: clamp(horizonDays(recognition.normalized, 7), 1, 30),
        top_k: countOf(recognition, `${PEOPLE_EN}|用户|客户|顾客|买家|会员|人`, 200),
        city_tier: singleFilterValue(recognition, 'city_tier'),
        category: singleFilterValue(recognition, 'category'),
        device: singleFilterValue(recognition, 'device'),
      });
    },
  },
  {
    // A forecasting verb, or a period after the data ends ("下个月的销售额会有多少"), with a metric it can forecast.
    toolName: 'forecast_metric',
    applies: (recognition) =>
      (FORECAST_VERB.test(recognition.normalized) || FUTURE_PERIOD.test(recognition.normalized)) &&
      recognition.metrics.some((metric) => FORECASTABLE.includes(metric)),
    build: (recognition) => {
      const metric = recognition.metrics.find((candidate) => FORECASTABLE.includes(candidate)) ?? 'gmv';
      return defined({ metric, horizon: clamp(horizonDays(recognition.normalized, 14), 1, 60), category: singleFilterValue(recognition, 'category') });
    },
  },
  {
    toolName: 'frequently_bought_together',
    applies: (recognition) => BASKETS.test(recognition.normalized),
    build: (recognition) => {
      const category = singleFilterValue(recognition, 'category');
      // "哪些品类经常一起买" pairs categories. A named category ("买手机的人还买什么") anchors category-level rules
      // (Phones → Men's Clothing): product-level rules inside one category are often too sparse to pass the
      // support threshold, which would leave the answer empty.
      const level = category !== undefined || /品类|类目|categor/.test(recognition.normalized) ? 'category' : 'product';
      return defined({ level, category, top_k: countOf(recognition, '商品|产品|品类|组合|pairs?|rules?|items|products|categories|combinations', 50) });
    },
  },
  {
    toolName: 'search_reviews',
    applies: (recognition) => REVIEW_SEARCH.test(recognition.normalized) && !REVIEW_SUMMARY.test(recognition.normalized) && !asksReviewNumbers(recognition),
    build: (recognition) => defined({
      query: reviewQuery(recognition.normalized),
      category: singleFilterValue(recognition, 'category'),
      date_range: dateRange(recognition),
    }),
  },
  {
    toolName: 'review_insights',
    applies: (recognition) => REVIEW_INSIGHTS.test(recognition.normalized) && !asksReviewNumbers(recognition),
    build: (recognition) => defined({
      polarity: reviewPolarity(recognition.normalized),
      category: singleFilterValue(recognition, 'category'),
      brand: singleFilterValue(recognition, 'brand'),
      date_range: dateRange(recognition),
    }),
  },
  {
    toolName: 'find_anomalies',
    applies: (recognition) => ANOMALIES.test(recognition.normalized),
    build: (recognition) => {
      const text = recognition.normalized;
      const orders = ORDER_WORDS.test(text);
      const browsing = BROWSING_WORDS.test(text);
      const kind = orders && !browsing ? 'orders' : browsing && !orders ? 'browsing' : 'both';
      return defined({ kind, top_k: countOf(recognition, '用户|账号|订单|users|accounts|orders|sessions', 100), date_range: dateRange(recognition) });
    },
  },
];

/** The behaviour-model tool a question asks for, if any, with arguments read from the question. */
export function recognizeModelIntent(recognition: Recognition, window: DataWindow): ModelIntent | undefined {
  const rule = RULES.find((candidate) => candidate.applies(recognition));
  return rule ? { toolName: rule.toolName, arguments: rule.build(recognition, window) } : undefined;
}
