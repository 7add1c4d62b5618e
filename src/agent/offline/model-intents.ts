import type { DataWindow } from './build-request.ts';
import type { Recognition } from './recognize-question.ts';

/** A question that a behaviour model answers better than a metric query ("预测下周GMV", "常一起买的商品"). */
export interface ModelIntent {
  toolName: string;
  arguments: Record<string, unknown>;
}

interface IntentRule {
  toolName: string;
  pattern: RegExp;
  /** Extra condition on the recognition, e.g. forecasting needs a metric it can forecast. */
  applies?: (recognition: Recognition) => boolean;
  build: (recognition: Recognition, window: DataWindow) => Record<string, unknown>;
}

const FORECASTABLE = ['gmv', 'orders', 'uv', 'units'];

function categoryFilter(recognition: Recognition): string | undefined {
  const filter = recognition.filters.find((candidate) => candidate.dimension === 'category' && candidate.operator === 'in');
  const value = filter?.values[0];
  return value === undefined ? undefined : String(value);
}

/** "下周/next week" → 7, "未来30天/next 30 days" → 30, "下个月/next month" → 30. */
function horizonDays(text: string, fallback: number): number {
  const explicit = text.match(/(?:未来|接下来|next|coming)\s*(\d+)\s*(?:天|日|days?)/);
  if (explicit?.[1]) return Math.min(60, Math.max(1, Number(explicit[1])));
  if (/下周|下一周|next week|coming week/.test(text)) return 7;
  if (/下个月|下月|next month|coming month/.test(text)) return 30;
  if (/明天|tomorrow/.test(text)) return 1;
  return fallback;
}

function dateRange(recognition: Recognition): { start: string; end: string } | undefined {
  return recognition.time ? { start: recognition.time.start, end: recognition.time.end } : undefined;
}

const RULES: IntentRule[] = [
  {
    toolName: 'predict_purchase',
    pattern: /likely to (buy|purchase|order)|purchase propensity|propensity|who (will|would) (buy|purchase|order)|predict(ed)? buyers|可能(会)?(购买|买|下单)|最可能买|购买意向|购买倾向|购买概率|会下单|潜在买家|谁会买/,
    build: (recognition) => ({ horizon_days: horizonDays(recognition.normalized, 7), top_k: recognition.limit ?? 20 }),
  },
  {
    toolName: 'forecast_metric',
    pattern: /预测|预估|forecast|predict|projection|project(ed)? /,
    applies: (recognition) => recognition.metrics.some((metric) => FORECASTABLE.includes(metric)),
    build: (recognition) => {
      const metric = recognition.metrics.find((candidate) => FORECASTABLE.includes(candidate)) ?? 'gmv';
      const category = categoryFilter(recognition);
      return { metric, horizon: horizonDays(recognition.normalized, 14), ...(category ? { category } : {}) };
    },
  },
  {
    toolName: 'segment_customers',
    pattern: /分群|分成几类|分几类|分成.{0,4}(类|群|组)|用户分层|客户分层|人群划分|\brfm\b|segment (our |the )?(customers|users|shoppers)|customer segments?|user segments?|segmentation|cluster (the |our )?(customers|users|shoppers)|group (our |the )?(customers|users)/,
    build: (recognition) => ({ method: /\brfm\b/.test(recognition.normalized) ? 'rfm' : /k-?means|聚类|cluster/.test(recognition.normalized) ? 'kmeans' : 'both' }),
  },
  {
    toolName: 'frequently_bought_together',
    pattern: /一起买|一起购买|经常一起|常一起|搭配购买|连带购买|关联规则|购物篮|bought together|frequently bought|buy together|market basket|basket analysis|association rules|cross-sell/,
    build: (recognition) => {
      const category = categoryFilter(recognition);
      const level = /品类|类目|categor/.test(recognition.normalized) && !category ? 'category' : 'product';
      return { level, ...(category ? { category } : {}), top_k: recognition.limit ?? 10 };
    },
  },
  {
    toolName: 'review_insights',
    pattern: /抱怨|吐槽|差评|投诉|不满|负面评价|好评.{0,4}(原因|点)|口碑|评价.{0,6}(说|提到|反映)|complain|complaints|negative reviews|what do (customers|shoppers|people) (say|think|like|dislike)|customers dislike|review (insights|themes)/,
    build: (recognition) => {
      const category = categoryFilter(recognition);
      const positive = /好评|喜欢|like|praise|positive/.test(recognition.normalized) && !/差评|抱怨|complain|dislike|negative/.test(recognition.normalized);
      return { polarity: positive ? 'positive' : 'negative', ...(category ? { category } : {}), ...(dateRange(recognition) ? { date_range: dateRange(recognition) } : {}) };
    },
  },
  {
    toolName: 'cluster_queries',
    pattern: /(搜索词|搜索关键词|搜索内容|search (queries|terms)|what (do|are) (people|shoppers|customers) search).{0,12}(主题|聚类|分组|分类|归类|themes?|clusters?|groups?|about)|(主题|聚类).{0,6}搜索词/,
    build: (recognition) => ({ ...(dateRange(recognition) ? { date_range: dateRange(recognition) } : {}) }),
  },
  {
    toolName: 'find_anomalies',
    pattern: /异常|刷单|机器人|爬虫|可疑|作弊|\bbots?\b|anomal|fraud|suspicious|outliers?/,
    build: (recognition) => ({ kind: /订单|下单|order/.test(recognition.normalized) ? 'orders' : /浏览|访问|browsing|bot|机器人|爬虫/.test(recognition.normalized) ? 'browsing' : 'both', top_k: recognition.limit ?? 20 }),
  },
  {
    toolName: 'search_reviews',
    pattern: /(评价|评论|reviews?).{0,6}(提到|说到|关于|mention|mentioning|about|saying)|(提到|mention).{0,10}(的)?(评价|评论|reviews?)/,
    build: (recognition) => {
      const quoted = recognition.normalized.match(/["“'「](.+?)["”'」]/)?.[1];
      const about = recognition.normalized.match(/(?:提到|说到|关于|mentioning|mention|about|saying)\s*(.+?)(?:的评价|的评论|\?|$)/)?.[1];
      const category = categoryFilter(recognition);
      return { query: (quoted ?? about ?? recognition.normalized).trim(), ...(category ? { category } : {}) };
    },
  },
  {
    toolName: 'recommend_products',
    pattern: /推荐(什么|哪些|几款|商品|产品)?|猜你喜欢|recommend|recommendations?/,
    applies: (recognition) => /\d/.test(recognition.normalized.replace(/\d{4}-\d{2}-\d{2}/g, '')),
    build: (recognition) => {
      const user = recognition.normalized.match(/(?:用户|user|customer|顾客|客户)\s*#?\s*(\d+)/)?.[1];
      const product = recognition.normalized.match(/(?:商品|product|item|产品)\s*#?\s*(\d+)/)?.[1];
      return { ...(user ? { user_id: Number(user) } : {}), ...(product ? { product_id: Number(product) } : {}), top_k: recognition.limit ?? 10 };
    },
  },
];

/** The behaviour-model tool a question asks for, if any, with arguments read from the question. */
export function recognizeModelIntent(recognition: Recognition, window: DataWindow): ModelIntent | undefined {
  for (const rule of RULES) {
    if (!rule.pattern.test(recognition.normalized)) continue;
    if (rule.applies && !rule.applies(recognition)) continue;
    return { toolName: rule.toolName, arguments: rule.build(recognition, window) };
  }
  return undefined;
}
