import type { FactId } from './catalogue-schema.ts';
import { RFM_SEGMENT_NAMES_ZH } from './rfm-segments.ts';
import { CITY_NAMES_ZH, COUNTRY_NAMES_ZH, PROVINCE_NAMES_ZH } from './city-names.ts';
import { FACTS } from './facts.ts';

type Expression = { value: string; value_zh?: string; match?: string[] };
type Expressions = Partial<Record<FactId, Expression>>;

/** The fact's own user column as text: a customer is named by their id (never by personal data). */
function customerIdExpressions(): Expressions {
  const expressions: Expressions = {};
  for (const fact of Object.values(FACTS)) if (fact.user) expressions[fact.id] = { value: `CAST(${fact.user} AS VARCHAR)` };
  return expressions;
}

function forFactsWith(role: 'user' | 'product', expression: Expression): Expressions {
  const expressions: Expressions = {};
  for (const fact of Object.values(FACTS)) if (fact[role]) expressions[fact.id] = expression;
  return expressions;
}

/** Age bands, youngest first; edges are inclusive lower bounds. */
export const AGE_BANDS = [
  { label: '<18', zh: '18岁以下', upper: 18 },
  { label: '18-24', zh: '18-24岁', upper: 25 },
  { label: '25-29', zh: '25-29岁', upper: 30 },
  { label: '30-34', zh: '30-34岁', upper: 35 },
  { label: '35-39', zh: '35-39岁', upper: 40 },
  { label: '40-49', zh: '40-49岁', upper: 50 },
  { label: '50+', zh: '50岁及以上', upper: undefined },
] as const;

const AGE_BAND_SQL = `CASE WHEN u.age IS NULL THEN 'unknown' ${AGE_BANDS.map((band) =>
  band.upper === undefined ? `ELSE '${band.label}'` : `WHEN u.age < ${band.upper} THEN '${band.label}'`,
).join(' ')} END`;

/** Dimensions read from the users and products tables, joined many-to-one (never fan out). */
export const ENTITY_DIMENSIONS = [
  {
    id: 'category',
    name_en: 'Category',
    name_zh: '品类',
    synonyms_en: ['category', 'product category', 'categories', 'department', 'vertical'],
    synonyms_zh: ['品类', '类目', '分类', '商品类目', '商品分类', '类别', '行业'],
    description_en: 'products.category (English, e.g. Phones); answers in Chinese show products.category_zh (e.g. 手机). Rows without a product (searches) are left out.',
    description_zh: 'products.category（英文，如 Phones）；中文回答显示 products.category_zh（如 手机）。没有商品的行（搜索事件）不计入。',
    kind: 'product',
    value_type: 'text',
    expressions: forFactsWith('product', {
      value: 'p.category',
      value_zh: 'coalesce(p.category_zh, p.category)',
      match: ['p.category', 'p.category_zh'],
    }),
    joins: ['products'],
  },
  {
    id: 'brand',
    name_en: 'Brand',
    name_zh: '品牌',
    synonyms_en: ['brand', 'brands', 'make', 'label'],
    synonyms_zh: ['品牌', '牌子', '厂牌'],
    description_en: 'products.brand. Rows without a product are left out.',
    description_zh: 'products.brand。没有商品的行不计入。',
    kind: 'product',
    value_type: 'text',
    expressions: forFactsWith('product', { value: 'p.brand' }),
    joins: ['products'],
  },
  {
    id: 'product',
    name_en: 'Product',
    name_zh: '商品',
    synonyms_en: ['product', 'products', 'item', 'SKU', 'goods', 'stock code', 'stock codes', 'item code', 'product code', 'stock item', 'stock items', 'lines of stock'],
    synonyms_zh: ['商品', '产品', '单品', 'SKU', '宝贝', '货品', '货号', '商品编码', '商品编号', '样东西', '哪些东西', '哪些货'],
    description_en: 'Product title (title_en, else title_zh, SKU or id; title_zh first in Chinese). Filters also match SKU and product_id.',
    description_zh: '商品标题（英文回答用 title_en，中文回答用 title_zh，缺失时用 SKU 或编号）。筛选也可按 SKU 或 product_id。',
    kind: 'product',
    value_type: 'text',
    expressions: forFactsWith('product', {
      value: 'coalesce(p.title_en, p.title_zh, p.sku, CAST(p.product_id AS VARCHAR))',
      value_zh: 'coalesce(p.title_zh, p.title_en, p.sku, CAST(p.product_id AS VARCHAR))',
      match: ['p.title_en', 'p.title_zh', 'p.sku', 'CAST(p.product_id AS VARCHAR)'],
    }),
    joins: ['products'],
  },
  {
    id: 'product_price',
    name_en: 'Product price',
    name_zh: '商品价格',
    synonyms_en: ['listed price', 'list price', 'unit price', 'unit prices'],
    synonyms_zh: ['标价', '商品标价', '单价', '商品单价'],
    description_en: 'products.price, the listed price of the product (not what a line was sold for). Used to filter by price ("priced under 100"); price bands are a distribution.',
    description_zh: 'products.price，商品的标价（不是订单行的成交价）。用于按价格筛选（"100元以下的商品"）；价格带请看分布。',
    kind: 'product',
    value_type: 'amount',
    expressions: forFactsWith('product', { value: 'p.price' }),
    joins: ['products'],
  },
  {
    id: 'city',
    name_en: 'City',
    name_zh: '城市',
    synonyms_en: ['city', 'cities', 'location', 'region', 'where'],
    synonyms_zh: ['城市', '地区', '地域', '所在城市'],
    description_en: 'users.city of the user behind the row (English, e.g. Beijing; Chinese names in Chinese answers).',
    description_zh: '行所属用户的 users.city（英文存储，如 Beijing；中文回答显示中文名）。',
    kind: 'user',
    value_type: 'text',
    expressions: forFactsWith('user', { value: 'u.city' }),
    null_label: 'unknown',
    value_labels_zh: { ...CITY_NAMES_ZH, unknown: '未知' },
    joins: ['users'],
  },
  {
    id: 'country',
    name_en: 'Country',
    name_zh: '国家',
    synonyms_en: ['country', 'countries', 'nation', 'market by country', 'export markets', 'export market', 'overseas markets', 'international markets'],
    synonyms_zh: ['国家', '国别', '各国', '国家和地区', '国家/地区'],
    description_en: 'users.country of the user behind the row (as stored, e.g. United Kingdom); for order lines the order\'s own orders.shipping_country first, so guest orders keep their country.',
    description_zh: '行所属用户的 users.country（按存储值，如 United Kingdom；中文回答显示中文名）；订单明细优先取订单自身的 orders.shipping_country，访客订单也有国家。',
    kind: 'user',
    value_type: 'text',
    expressions: { ...forFactsWith('user', { value: 'u.country' }), order_lines: { value: 'coalesce(o.shipping_country, u.country)' } },
    null_label: 'unknown',
    value_labels_zh: { ...COUNTRY_NAMES_ZH, unknown: '未知' },
    joins: ['users'],
  },
  {
    id: 'province',
    name_en: 'Province',
    name_zh: '省份',
    synonyms_en: ['province', 'provinces', 'state', 'states'],
    synonyms_zh: ['省份', '省', '各省', '省区'],
    description_en: 'users.province of the user behind the row (English, e.g. Guangdong; Chinese names in Chinese answers).',
    description_zh: '行所属用户的 users.province（英文存储，如 Guangdong；中文回答显示中文名）。',
    kind: 'user',
    value_type: 'text',
    expressions: forFactsWith('user', { value: 'u.province' }),
    null_label: 'unknown',
    value_labels_zh: { ...PROVINCE_NAMES_ZH, unknown: '未知' },
    joins: ['users'],
  },
  {
    id: 'city_tier',
    name_en: 'City tier',
    name_zh: '城市等级',
    synonyms_en: ['city tier', 'tier', 'city level', 'tier of city'],
    synonyms_zh: ['城市等级', '城市线级', '几线城市', '线级', '城市级别', '等级的城市', '级别的城市', '各线城市', '几线', '线城市'],
    description_en: 'users.city_tier: tier1, new_tier1, tier2, tier3, tier4.',
    description_zh: 'users.city_tier：一线、新一线、二线、三线、四线及以下。',
    kind: 'user',
    value_type: 'text',
    expressions: forFactsWith('user', { value: 'u.city_tier' }),
    null_label: 'unknown',
    value_labels_zh: { tier1: '一线', new_tier1: '新一线', tier2: '二线', tier3: '三线', tier4: '四线及以下', unknown: '未知' },
    joins: ['users'],
  },
  {
    id: 'gender',
    name_en: 'Gender',
    name_zh: '性别',
    // "男女", "male or female" name the two values (value-vocabulary.ts): the split shows men and women, not the unknown.
    synonyms_en: ['gender', 'sex'],
    synonyms_zh: ['性别', '男性女性'],
    description_en: 'users.gender: male, female, unknown.',
    description_zh: 'users.gender：男、女、未知。',
    kind: 'user',
    value_type: 'text',
    expressions: forFactsWith('user', { value: 'u.gender' }),
    null_label: 'unknown',
    value_labels_zh: { male: '男', female: '女', unknown: '未知' },
    joins: ['users'],
  },
  {
    id: 'age_band',
    name_en: 'Age band',
    name_zh: '年龄段',
    synonyms_en: ['age band', 'age group', 'age', 'age range', 'age bracket'],
    synonyms_zh: ['年龄段', '年龄', '年龄层', '年龄组', '年龄区间'],
    description_en: `Band of users.age: ${AGE_BANDS.map((band) => band.label).join(', ')}, unknown (age missing).`,
    description_zh: `users.age 所在区间：${AGE_BANDS.map((band) => band.zh).join('、')}、未知（年龄缺失）。`,
    kind: 'user',
    value_type: 'text',
    expressions: forFactsWith('user', { value: AGE_BAND_SQL }),
    value_labels_zh: { ...Object.fromEntries(AGE_BANDS.map((band) => [band.label, band.zh])), unknown: '未知' },
    joins: ['users'],
  },
  {
    id: 'user_age',
    name_en: 'Age in years',
    name_zh: '年龄（周岁）',
    synonyms_en: ['age in years', 'exact age'],
    synonyms_zh: ['周岁', '具体年龄'],
    description_en: 'users.age in whole years, for filters such as "users under 25" or "30岁以上"; groupings use the age bands. Rows of users without an age are left out of such filters.',
    description_zh: 'users.age（周岁），用于"25岁以下的用户""30岁以上"这类筛选；分组请用年龄段。没有年龄的用户不计入这类筛选。',
    kind: 'user',
    value_type: 'integer',
    expressions: forFactsWith('user', { value: 'u.age' }),
    joins: ['users'],
  },
  {
    id: 'channel',
    name_en: 'Acquisition channel',
    name_zh: '获客渠道',
    synonyms_en: ['channel', 'acquisition channel', 'traffic source', 'source', 'marketing channel', 'traffic channel', 'traffic channels', 'traffic sources'],
    synonyms_zh: ['渠道', '获客渠道', '流量来源', '来源', '引流渠道', '流量渠道'],
    description_en: 'users.channel, the channel that acquired the user: organic, search_ads, social, livestream, referral, email.',
    description_zh: 'users.channel，用户的获客渠道：自然流量、搜索广告、社交、直播、推荐、邮件。',
    kind: 'user',
    value_type: 'text',
    expressions: forFactsWith('user', { value: 'u.channel' }),
    null_label: 'unknown',
    value_labels_zh: {
      organic: '自然流量', search_ads: '搜索广告', social: '社交媒体', livestream: '直播',
      referral: '推荐', email: '邮件', unknown: '未知',
    },
    joins: ['users'],
  },
  {
    id: 'segment',
    name_en: 'Customer segment',
    name_zh: '用户分群',
    synonyms_en: ['segment', 'customer segment', 'user segment', 'cluster', 'persona'],
    synonyms_zh: ['分群', '用户分群', '人群', '客群', '用户分层', '人群包'],
    description_en: 'user_segments.segment (only when that table exists; if a user has several rows the alphabetically first segment is used).',
    description_zh: 'user_segments.segment（仅当该表存在；一个用户有多行时取字母序第一个分群）。',
    kind: 'user',
    value_type: 'text',
    expressions: forFactsWith('user', { value: 'us.segment' }),
    null_label: 'unassigned',
    value_labels_zh: { unassigned: '未分群', ...RFM_SEGMENT_NAMES_ZH },
    joins: ['segments'],
    required_tables: ['user_segments'],
    derived_from_tables: ['orders'],
  },
  {
    id: 'customer',
    name_en: 'Customer',
    name_zh: '客户',
    // Deliberately narrow: "customers" and 用户 alone are filter and count words ("customers in Shanghai"); rankings of
    // individual customers ("top 10 customers by spend") are recognised by the ranking-subject rules.
    synonyms_en: ['customer id', 'user id', 'customer number', 'individual customer', 'individual customers'],
    synonyms_zh: ['客户ID', '用户ID', '客户编号', '用户编号', '会员ID', '单个客户', '单个用户'],
    description_en: 'One customer, named by the fact row\'s user_id (never by name or contact data). Rows without a user (guest orders) are left out.',
    description_zh: '单个客户，以事实行的 user_id 标识（从不使用姓名或联系方式）。没有用户的行（访客订单）不计入。',
    kind: 'fact',
    value_type: 'text',
    expressions: customerIdExpressions(),
  },
] as const;
