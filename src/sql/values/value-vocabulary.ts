/**
 * Bilingual names for the warehouse's enumerated values (city tiers, devices, channels …): how shoppers'
 * analysts say them, and how answers display them. Catalogue values (categories, brands, cities) come
 * from the warehouse itself; see value-index.ts.
 */
export interface VocabularyValue {
  dimension: string;
  /** Stored value(s): a group such as "mobile" stands for several devices. */
  values: string[];
  label_en: string;
  label_zh: string;
  phrases: string[];
  /** The phrase lists its values one by one ("男女", "北上广深"), so the question asks for each; "mobile" names a class. */
  lists?: boolean;
}

export const ENUMERATED_VALUES: VocabularyValue[] = [
  { dimension: 'city_tier', values: ['tier1'], label_en: 'tier-1 cities', label_zh: '一线城市', phrases: ['一线', '一线城市', 'tier 1', 'tier-1', 'tier1', 'first-tier', 'first tier'] },
  { dimension: 'city_tier', values: ['new_tier1'], label_en: 'new tier-1 cities', label_zh: '新一线城市', phrases: ['新一线', '新一线城市', 'new tier 1', 'new tier-1', 'new first-tier', 'new_tier1'] },
  { dimension: 'city_tier', values: ['tier2'], label_en: 'tier-2 cities', label_zh: '二线城市', phrases: ['二线', '二线城市', 'tier 2', 'tier-2', 'tier2', 'second-tier', 'second tier'] },
  { dimension: 'city_tier', values: ['tier3'], label_en: 'tier-3 cities', label_zh: '三线城市', phrases: ['三线', '三线城市', 'tier 3', 'tier-3', 'tier3', 'third-tier', 'third tier'] },
  { dimension: 'city_tier', values: ['tier3', 'tier4'], label_en: 'tier-3 and lower cities', label_zh: '三四线城市', phrases: ['三四线', '三四线城市', '三四线及以下', 'tier 3 and 4', 'tier-3 and tier-4'] },
  { dimension: 'city_tier', values: ['tier4'], label_en: 'tier-4 and lower cities', label_zh: '四线及以下城市', phrases: ['四线', '四线及以下', '四线城市', '下沉市场', 'tier 4', 'tier-4', 'tier4', 'fourth-tier', 'lower-tier'] },
  { dimension: 'device', values: ['ios'], label_en: 'iOS app', label_zh: 'iOS 客户端', phrases: ['ios', 'iphone用户', 'ios端', '苹果端'] },
  { dimension: 'device', values: ['android'], label_en: 'Android app', label_zh: '安卓客户端', phrases: ['android', '安卓', '安卓端'] },
  { dimension: 'device', values: ['mobile_web'], label_en: 'mobile web', label_zh: '手机网页', phrases: ['mobile web', 'mobile_web', 'h5', '手机网页', '移动网页', 'wap'] },
  { dimension: 'device', values: ['pc'], label_en: 'PC', label_zh: '电脑端', phrases: ['pc', 'desktop', 'pc端', '电脑', '电脑端', '网页版'] },
  { dimension: 'device', values: ['mini_program'], label_en: 'mini program', label_zh: '小程序', phrases: ['mini program', 'mini-program', 'mini_program', 'miniprogram', '小程序', '微信小程序'] },
  { dimension: 'device', values: ['ios', 'android'], label_en: 'apps', label_zh: 'App', phrases: ['app', 'apps', 'app端', '客户端'] },
  { dimension: 'device', values: ['ios', 'android', 'mobile_web', 'mini_program'], label_en: 'mobile', label_zh: '移动端', phrases: ['mobile', 'mobile devices', '移动端', '手机端', '无线端'] },
  { dimension: 'channel', values: ['organic'], label_en: 'organic', label_zh: '自然流量', phrases: ['organic', '自然流量', '自然'] },
  { dimension: 'channel', values: ['search_ads'], label_en: 'search ads', label_zh: '搜索广告', phrases: ['search ads', 'search_ads', 'sem', '搜索广告'] },
  { dimension: 'channel', values: ['social'], label_en: 'social', label_zh: '社交媒体', phrases: ['social', 'social media', '社交', '社交媒体'] },
  { dimension: 'channel', values: ['livestream'], label_en: 'livestream', label_zh: '直播', phrases: ['livestream', 'livestreams', 'live stream', 'live streams', 'live streaming', '直播'] },
  { dimension: 'channel', values: ['referral'], label_en: 'referral', label_zh: '推荐邀请', phrases: ['referral', 'referrals', '推荐', '邀请', '老带新'] },
  { dimension: 'channel', values: ['email'], label_en: 'email', label_zh: '邮件营销', phrases: ['email', 'e-mail', 'edm', '邮件'] },
  { dimension: 'gender', values: ['male'], label_en: 'men', label_zh: '男性', phrases: ['male', 'men', 'man', 'guys', 'males', '男性', '男用户', '男生', '男士', '男的', '男人'] },
  { dimension: 'gender', values: ['female'], label_en: 'women', label_zh: '女性', phrases: ['female', 'women', 'woman', 'girls', 'ladies', 'females', '女性', '女用户', '女生', '女士', '女的', '女人'] },
  { dimension: 'gender', values: ['unknown'], label_en: 'gender unknown', label_zh: '性别未知', phrases: ['unknown gender', 'gender unknown', '性别未知', '未知性别'] },
  { dimension: 'payment_method', values: ['alipay'], label_en: 'Alipay', label_zh: '支付宝', phrases: ['alipay', '支付宝'] },
  { dimension: 'payment_method', values: ['wechat_pay'], label_en: 'WeChat Pay', label_zh: '微信支付', phrases: ['wechat pay', 'wechat_pay', 'wechat', '微信支付', '微信'] },
  { dimension: 'payment_method', values: ['credit_card'], label_en: 'credit card', label_zh: '信用卡', phrases: ['credit card', 'credit cards', 'credit_card', '信用卡'] },
  { dimension: 'payment_method', values: ['union_pay'], label_en: 'UnionPay', label_zh: '银联', phrases: ['unionpay', 'union pay', 'union_pay', '银联'] },
  { dimension: 'payment_method', values: ['cod'], label_en: 'cash on delivery', label_zh: '货到付款', phrases: ['cash on delivery', 'cod', '货到付款'] },
  { dimension: 'order_status', values: ['pending'], label_en: 'pending', label_zh: '待支付', phrases: ['pending', 'unpaid', '待支付', '未支付', '待付款'] },
  { dimension: 'order_status', values: ['shipped'], label_en: 'shipped', label_zh: '已发货', phrases: ['shipped', 'in transit', '已发货', '运输中'] },
  { dimension: 'order_status', values: ['delivered'], label_en: 'delivered', label_zh: '已签收', phrases: ['delivered', '已签收', '已送达'] },
  // Named by their metrics' words (cancelled orders, 退货); here only so a status filter reads in the answer's language.
  { dimension: 'order_status', values: ['cancelled'], label_en: 'cancelled', label_zh: '已取消', phrases: [] },
  { dimension: 'order_status', values: ['returned'], label_en: 'returned', label_zh: '已退货', phrases: [] },
  { dimension: 'account_type', values: ['guest'], label_en: 'guest checkouts', label_zh: '游客订单', phrases: ['guest', 'guests', 'guest checkout', 'guest checkouts', 'guest customers', 'guest buyers', 'no customer id', 'without a customer id', 'without customer id', 'anonymous customers', '游客', '匿名客户', '未登录', '未登录用户', '没有客户号', '无客户号', '没有客户编号', '无客户编号', '没有客户id', '无客户id'] },
  { dimension: 'account_type', values: ['registered'], label_en: 'registered customers', label_zh: '注册客户', phrases: ['registered customers', 'registered customer', 'registered users', 'registered user', 'registered buyers', 'known customers', 'with a customer id', '注册客户', '注册用户', '已注册用户', '有客户号', '有客户编号'] },
  { dimension: 'account_type', values: ['guest', 'registered'], label_en: 'guest and registered', label_zh: '游客和注册客户', lists: true, phrases: ['guest vs registered', 'guests vs registered', 'registered vs guest', 'guest and registered', 'guest or registered', 'guests and registered customers', '游客和注册客户', '游客与注册客户', '游客vs注册', '注册和游客', '游客和注册用户'] },
  { dimension: 'language', values: ['zh'], label_en: 'Chinese reviews', label_zh: '中文评价', phrases: ['chinese reviews', '中文评价', '中文评论', 'in chinese', 'written in chinese', '中文'] },
  { dimension: 'language', values: ['en'], label_en: 'English reviews', label_zh: '英文评价', phrases: ['english reviews', '英文评价', '英文评论', 'in english', 'written in english', '英文'] },
  // Support chat intents (support_events.intent); "return"/"cancel" alone stay order words, so phrases name the inquiry.
  { dimension: 'support_intent', values: ['return'], label_en: 'return requests', label_zh: '退货咨询', phrases: ['退货咨询', '退货问题', '退货申请', '退货请求', '退款咨询', '退货相关', 'return requests', 'return request', 'return inquiries', 'return enquiries', 'return questions', 'return conversations', 'return chats', 'returns inquiries', 'returns questions'] },
  { dimension: 'support_intent', values: ['cancel_order'], label_en: 'cancellation requests', label_zh: '取消订单咨询', phrases: ['取消订单咨询', '取消咨询', '取消订单申请', '取消订单请求', '取消订单问题', 'cancellation requests', 'cancellation request', 'cancellation inquiries', 'cancel requests', 'cancel order requests', 'cancel_order'] },
  { dimension: 'support_intent', values: ['exchange'], label_en: 'exchange requests', label_zh: '换货咨询', phrases: ['换货咨询', '换货申请', '换货请求', '换货问题', '换货', 'exchange requests', 'exchange request', 'exchange inquiries', 'exchange questions'] },
  { dimension: 'support_intent', values: ['change_address'], label_en: 'address changes', label_zh: '改地址', phrases: ['改地址', '修改地址', '地址修改', '更改地址', '改地址咨询', 'address changes', 'address change requests', 'change of address', 'change_address'] },
  { dimension: 'support_intent', values: ['order_status'], label_en: 'order-status questions', label_zh: '查订单', phrases: ['查物流', '物流咨询', '订单状态咨询', '订单进度咨询', 'order status questions', 'order status inquiries', 'order tracking questions', 'where is my order'] },
  { dimension: 'support_intent', values: ['product_question'], label_en: 'product questions', label_zh: '商品咨询', phrases: ['商品咨询', '产品咨询', '商品问题', 'product questions', 'product inquiries', 'product_question'] },
  { dimension: 'support_intent', values: ['recommendation'], label_en: 'recommendation requests', label_zh: '推荐咨询', phrases: ['推荐咨询', '求推荐', '推荐请求', 'recommendation requests', 'recommendation questions'] },
  { dimension: 'support_intent', values: ['faq'], label_en: 'policy and FAQ questions', label_zh: '政策咨询', phrases: ['政策咨询', '规则咨询', '常见问题', 'faq', 'faqs', 'policy questions', 'policy inquiries'] },
  // New vs returning (first activity in the period or before it); "new users" alone stays the metric.
  // Labels only: "new users" is the new-users metric; a funnel "for new users" turns it into this filter.
  { dimension: 'new_vs_returning', values: ['new'], label_en: 'new users', label_zh: '新用户', phrases: ['the new ones', 'new ones'] },
  { dimension: 'new_vs_returning', values: ['returning'], label_en: 'returning users', label_zh: '老用户', phrases: ['老用户', '老客', '老客户', '回头客', 'returning users', 'returning customers', 'repeat customers', 'the returning ones', 'returning ones'] },
  { dimension: 'new_vs_returning', values: ['new', 'returning'], label_en: 'new and returning users', label_zh: '新老用户', lists: true, phrases: ['新用户和老用户', '新客和老客', '新客户和老客户', 'new and returning users', 'new vs returning users', 'new and returning customers', 'new users vs returning', 'new users vs returning users', 'new customers vs returning', 'new vs returning customers'] },
  // "male vs female vs unknown": every gender, the unknown ones too.
  { dimension: 'gender', values: ['male', 'female', 'unknown'], label_en: 'men, women and unknown', label_zh: '男、女和未知', lists: true, phrases: ['male vs female vs unknown', 'men vs women vs unknown', 'male, female and unknown', 'men, women and unknown', 'male/female/unknown', '男女和未知', '男、女、未知', '男女未知'] },
  { dimension: 'gender', values: ['male', 'female'], label_en: 'men and women', label_zh: '男女', lists: true, phrases: ['男女用户', '男女', '男的女的', '男的和女的', '男性和女性', '男性与女性', 'men and women', 'male and female', 'men vs women', 'male or female', 'male vs female', 'men or women', 'guys or girls', 'guys vs girls', 'guys and girls'] },
  { dimension: 'city', values: ['Beijing', 'Shanghai', 'Guangzhou', 'Shenzhen'], label_en: 'Beijing, Shanghai, Guangzhou and Shenzhen', label_zh: '北上广深', lists: true, phrases: ['北上广深', 'beijing, shanghai, guangzhou and shenzhen', 'bei-shang-guang-shen'] },
];

/** Display name of one stored value, e.g. ('city_tier', 'tier1', 'zh') → 一线城市. */
export function enumeratedLabel(dimension: string, value: string, language: 'en' | 'zh'): string | undefined {
  const entry = ENUMERATED_VALUES.find((candidate) => candidate.dimension === dimension && candidate.values.length === 1 && candidate.values[0] === value);
  return entry ? (language === 'zh' ? entry.label_zh : entry.label_en) : undefined;
}

/**
 * Words for a family of categories ("3C数码", "electronics", "服装"): the warehouse's own categories whose English or
 * Chinese name fits the family, so any shop's "Mobile Phones" or "手机通讯" joins 3C without a list per shop. A family
 * needs two members, and a shop category of the same name wins (it is the shop's own meaning).
 */
export const CATEGORY_FAMILIES: readonly { label_en: string; label_zh: string; phrases: string[]; members: RegExp }[] = [
  {
    label_en: 'electronics (3C)',
    label_zh: '3C数码',
    phrases: ['3c', '3c数码', '3c产品', '数码', '数码产品', '电子产品', 'electronics', 'consumer electronics', 'digital products'],
    members: /phone|laptop|computer|notebook|tablet|headphone|earphone|earbud|camera|smartwatch|手机|电脑|笔记本|平板|耳机|相机|数码|智能手表/i,
  },
  {
    label_en: 'clothing',
    label_zh: '服装',
    phrases: ['服装', '服饰', '衣服', 'clothing', 'clothes', 'apparel', 'fashion'],
    members: /clothing|apparel|wear\b|dress|女装|男装|童装|服装|服饰/i,
  },
];

/** The families that fit at least two of the given categories ([stored value, Chinese label]), as vocabulary entries. */
export function categoryGroups(categories: readonly (readonly [string, string | null])[]): VocabularyValue[] {
  const names = new Set(categories.flatMap(([value, labelZh]) => [value.toLowerCase(), ...(labelZh ? [labelZh] : [])]));
  return CATEGORY_FAMILIES.flatMap((family) => {
    // Sorted: the warehouse lists categories in no fixed order, and the filter (and its SQL) should not vary.
    const members = categories.filter(([value, labelZh]) => family.members.test(value) || (labelZh !== null && family.members.test(labelZh))).map(([value]) => value).sort();
    const phrases = family.phrases.filter((phrase) => !names.has(phrase));
    return members.length >= 2 && phrases.length > 0 ? [{ dimension: 'category', values: members, label_en: family.label_en, label_zh: family.label_zh, phrases }] : [];
  });
}
