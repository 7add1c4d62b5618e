import { findMetric, listMetrics } from '../../src/sql/semantic/index.ts';
import { CATEGORIES } from '../../src/seed/catalogue.ts';

/**
 * A generated paraphrase suite: questions built from templates over the catalogue's own synonyms, dimensions,
 * stored values and time expressions in both languages, each with the gold semantic query known from the
 * generator. It checks that the understanding generalises across the catalogue, not that it fits the golden
 * questions; the generator is deterministic, so a run is reproducible.
 */
export interface Paraphrase {
  id: string;
  language: 'zh' | 'en';
  template: string;
  question: string;
  gold: {
    metric: string;
    dimensions: string[];
    filters: { dimension: string; values: string[] }[];
    timeRange: { start: string; end: string } | null;
    limit?: number;
    direction?: 'asc' | 'desc';
  };
}

/** The as-of date of the default demo, against which relative periods resolve. */
export const PARAPHRASE_AS_OF = '2025-11-30';
export const PARAPHRASE_DATA_START = '2025-09-02';

interface TimePhrase {
  en: string;
  zh: string;
  range: { start: string; end: string } | null;
}

const TIMES: TimePhrase[] = [
  { en: 'last week', zh: '上周', range: { start: '2025-11-17', end: '2025-11-23' } },
  { en: 'last month', zh: '上个月', range: { start: '2025-10-01', end: '2025-10-31' } },
  { en: 'in the last 7 days', zh: '近7天', range: { start: '2025-11-24', end: '2025-11-30' } },
  { en: 'yesterday', zh: '昨天', range: { start: '2025-11-29', end: '2025-11-29' } },
  { en: 'in October', zh: '10月', range: { start: '2025-10-01', end: '2025-10-31' } },
  { en: 'in 2025-10', zh: '2025年10月', range: { start: '2025-10-01', end: '2025-10-31' } },
  { en: 'on Double 11', zh: '双十一', range: { start: '2025-11-11', end: '2025-11-11' } },
  { en: 'this month', zh: '本月', range: { start: '2025-11-01', end: '2025-11-30' } },
  { en: '', zh: '', range: null },
];

/** Metrics with synonyms a business user types; generic nouns ("users") are left to the golden set. */
const METRIC_PHRASES: Record<string, { en: string[]; zh: string[] }> = {
  gmv: { en: ['GMV', 'revenue', 'sales', 'turnover'], zh: ['成交额', '销售额', 'GMV', '营收'] },
  orders: { en: ['orders', 'paid orders', 'order count'], zh: ['订单数', '订单量', '支付订单数'] },
  buyers: { en: ['buyers', 'paying customers', 'purchasers'], zh: ['购买人数', '买家数', '支付人数'] },
  aov: { en: ['AOV', 'average order value'], zh: ['客单价', '平均订单金额'] },
  uv: { en: ['UV', 'unique visitors', 'visitors'], zh: ['访客数', 'UV', '独立访客'] },
  pv: { en: ['PV', 'page views'], zh: ['浏览量', 'PV'] },
  conversion_rate: { en: ['conversion rate', 'CVR'], zh: ['转化率', '支付转化率'] },
  units: { en: ['units sold', 'quantity sold'], zh: ['销量', '件数'] },
  cart_rate: { en: ['add-to-cart rate', 'cart rate'], zh: ['加购率'] },
  new_users: { en: ['new users', 'new visitors'], zh: ['新用户数', '新增用户'] },
  cancellation_rate: { en: ['cancellation rate'], zh: ['取消率', '订单取消率'] },
  return_rate: { en: ['return rate'], zh: ['退货率'] },
  sessions: { en: ['sessions', 'visits'], zh: ['会话数', '访问次数'] },
  bounce_rate: { en: ['bounce rate'], zh: ['跳出率'] },
  repurchase_rate: { en: ['repurchase rate', 'repeat purchase rate'], zh: ['复购率'] },
  arpu: { en: ['ARPU', 'revenue per visitor'], zh: ['ARPU', '人均成交额'] },
};

interface DimensionPhrase {
  id: string;
  en: string;
  enPlural: string;
  zh: string;
  /** Metrics the dimension can split (order-only dimensions cannot split behaviour metrics). */
  metrics?: string[];
}

const ORDER_METRICS = ['gmv', 'orders', 'buyers', 'aov', 'units', 'cancellation_rate', 'return_rate', 'repurchase_rate'];

const DIMENSIONS: DimensionPhrase[] = [
  { id: 'category', en: 'category', enPlural: 'categories', zh: '品类' },
  { id: 'brand', en: 'brand', enPlural: 'brands', zh: '品牌' },
  { id: 'city', en: 'city', enPlural: 'cities', zh: '城市' },
  { id: 'city_tier', en: 'city tier', enPlural: 'city tiers', zh: '城市等级' },
  { id: 'channel', en: 'channel', enPlural: 'channels', zh: '渠道' },
  { id: 'device', en: 'device', enPlural: 'devices', zh: '设备' },
  { id: 'gender', en: 'gender', enPlural: 'genders', zh: '性别' },
  { id: 'age_band', en: 'age band', enPlural: 'age bands', zh: '年龄段' },
  { id: 'payment_method', en: 'payment method', enPlural: 'payment methods', zh: '支付方式', metrics: ORDER_METRICS },
];

interface ValuePhrase {
  dimension: string;
  value: string;
  en: string;
  zh: string;
}

const VALUES: ValuePhrase[] = [
  ...CATEGORIES.slice(0, 8).map((category) => ({ dimension: 'category', value: category.name, en: category.name.toLowerCase(), zh: category.nameZh })),
  { dimension: 'city', value: 'Beijing', en: 'Beijing', zh: '北京' },
  { dimension: 'city', value: 'Shanghai', en: 'Shanghai', zh: '上海' },
  { dimension: 'city', value: 'Chengdu', en: 'Chengdu', zh: '成都' },
  { dimension: 'city_tier', value: 'tier1', en: 'tier-1 cities', zh: '一线城市' },
  { dimension: 'city_tier', value: 'new_tier1', en: 'new tier-1 cities', zh: '新一线城市' },
  { dimension: 'device', value: 'ios', en: 'iOS', zh: 'iOS端' },
  { dimension: 'device', value: 'android', en: 'Android', zh: '安卓' },
  { dimension: 'channel', value: 'livestream', en: 'livestream', zh: '直播' },
  { dimension: 'channel', value: 'search_ads', en: 'search ads', zh: '搜索广告' },
  { dimension: 'gender', value: 'female', en: 'women', zh: '女性' },
  { dimension: 'brand', value: 'Huawei', en: 'Huawei', zh: '华为' },
  { dimension: 'brand', value: 'Xiaomi', en: 'Xiaomi', zh: '小米' },
];

/** Deterministic pseudo-random choice, so the suite is the same on every run. */
class Picker {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (Math.imul(this.state, 1664525) + 1013904223) >>> 0;
    return this.state / 2 ** 32;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
}

type Builder = (parts: { metric: string; metricPhrase: string; dimension: DimensionPhrase; value: ValuePhrase; time: TimePhrase; limit: number }) => {
  question: string;
  gold: Omit<Paraphrase['gold'], 'metric' | 'timeRange'>;
} | undefined;

const sentence = (...parts: string[]) => parts.filter(Boolean).join(' ');

const TEMPLATES: Record<'en' | 'zh', Record<string, Builder>> = {
  en: {
    lookup: ({ metricPhrase, time }) => ({ question: sentence('what was our', metricPhrase, time.en), gold: { dimensions: [], filters: [] } }),
    lookupShort: ({ metricPhrase, time }) => ({ question: sentence(metricPhrase, time.en), gold: { dimensions: [], filters: [] } }),
    breakdown: ({ metricPhrase, dimension, time }) => ({ question: sentence(metricPhrase, 'by', dimension.en, time.en), gold: { dimensions: [dimension.id], filters: [] } }),
    filter: ({ metricPhrase, value, time }) => ({ question: sentence(metricPhrase, 'for', value.en, time.en), gold: { dimensions: [], filters: [{ dimension: value.dimension, values: [value.value] }] } }),
    filteredBreakdown: ({ metricPhrase, dimension, value, time }) =>
      dimension.id === value.dimension ? undefined : { question: sentence(metricPhrase, 'by', dimension.en, 'for', value.en, time.en), gold: { dimensions: [dimension.id], filters: [{ dimension: value.dimension, values: [value.value] }] } },
    top: ({ metricPhrase, dimension, time, limit }) => ({ question: sentence('top', String(limit), dimension.enPlural, 'by', metricPhrase, time.en), gold: { dimensions: [dimension.id], filters: [], limit, direction: 'desc' } }),
    which: ({ metricPhrase, dimension, time }) => ({ question: sentence('which', dimension.en, 'had the highest', metricPhrase, time.en), gold: { dimensions: [dimension.id], filters: [], limit: 1, direction: 'desc' } }),
    lowest: ({ metricPhrase, dimension, time }) => ({ question: sentence('which', dimension.en, 'had the lowest', metricPhrase, time.en), gold: { dimensions: [dimension.id], filters: [], limit: 1, direction: 'asc' } }),
  },
  zh: {
    lookup: ({ metricPhrase, time }) => ({ question: `${time.zh}的${metricPhrase}是多少`, gold: { dimensions: [], filters: [] } }),
    lookupShort: ({ metricPhrase, time }) => ({ question: `${time.zh}${metricPhrase}`, gold: { dimensions: [], filters: [] } }),
    breakdown: ({ metricPhrase, dimension, time }) => ({ question: `${time.zh}各${dimension.zh}的${metricPhrase}`, gold: { dimensions: [dimension.id], filters: [] } }),
    filter: ({ metricPhrase, value, time }) => ({ question: `${time.zh}${value.zh}的${metricPhrase}`, gold: { dimensions: [], filters: [{ dimension: value.dimension, values: [value.value] }] } }),
    filteredBreakdown: ({ metricPhrase, dimension, value, time }) =>
      dimension.id === value.dimension ? undefined : { question: `${time.zh}${value.zh}按${dimension.zh}看${metricPhrase}`, gold: { dimensions: [dimension.id], filters: [{ dimension: value.dimension, values: [value.value] }] } },
    top: ({ metricPhrase, dimension, time, limit }) => ({ question: `${time.zh}${metricPhrase}最高的前${limit}个${dimension.zh}`, gold: { dimensions: [dimension.id], filters: [], limit, direction: 'desc' } }),
    which: ({ metricPhrase, dimension, time }) => ({ question: `${time.zh}哪个${dimension.zh}的${metricPhrase}最高`, gold: { dimensions: [dimension.id], filters: [], limit: 1, direction: 'desc' } }),
    lowest: ({ metricPhrase, dimension, time }) => ({ question: `${time.zh}${metricPhrase}最低的${dimension.zh}是哪个`, gold: { dimensions: [dimension.id], filters: [], limit: 1, direction: 'asc' } }),
  },
};

const SPLITS = new Map(listMetrics().map((listing) => [listing.id, new Set(listing.dimensions)]));
function splittable(metric: string, dimension: string): boolean {
  return SPLITS.get(metric)?.has(dimension) ?? false;
}

/** Every metric × template × language, with dimension, value, time and synonym drawn deterministically. */
export function generateParaphrases(options: { perCombination?: number; seed?: number } = {}): Paraphrase[] {
  const picker = new Picker(options.seed ?? 20251130);
  const perCombination = options.perCombination ?? 9;
  const paraphrases: Paraphrase[] = [];
  for (const language of ['en', 'zh'] as const) {
    for (const [metric, phrases] of Object.entries(METRIC_PHRASES)) {
      if (!findMetric(metric)) throw new Error(`paraphrase generator names unknown metric ${metric}`);
      for (const [template, build] of Object.entries(TEMPLATES[language])) {
        for (let index = 0; index < perCombination; index += 1) {
          const dimension = picker.pick(DIMENSIONS.filter((candidate) => !candidate.metrics || candidate.metrics.includes(metric)));
          const value = picker.pick(VALUES);
          const time = picker.pick(TIMES);
          const built = build({ metric, metricPhrase: picker.pick(phrases[language]), dimension, value, time, limit: picker.pick([3, 5, 10]) });
          if (!built) continue;
          // Only combinations the catalogue can answer: new users have no brand, visits no payment method.
          const used = [...(built.gold.dimensions ?? []), ...(built.gold.filters ?? []).map((filter) => filter.dimension)];
          if (!used.every((dimensionId) => splittable(metric, dimensionId))) continue;
          paraphrases.push({
            id: `${language}-${metric}-${template}-${index}`,
            language,
            template,
            question: built.question,
            gold: { metric, timeRange: time.range, ...built.gold },
          });
        }
      }
    }
  }
  return paraphrases;
}
