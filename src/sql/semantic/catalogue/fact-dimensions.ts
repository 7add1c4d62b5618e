/**
 * Dimensions stored on the fact rows themselves. `{bucket_start}` in new_vs_returning is replaced by the
 * compiler with the start of the row's time bucket (see compile-fact.ts).
 */
export const FACT_DIMENSIONS = [
  {
    id: 'device',
    name_en: 'Device',
    name_zh: '设备',
    synonyms_en: ['device', 'platform', 'client', 'app or web', 'terminal'],
    synonyms_zh: ['设备', '终端', '平台', '端', '客户端', '设备类型'],
    description_en:
      'ios, android, mobile_web, pc, mini_program: events.device for events, orders.device for orders, the first event’s device for sessions and cohorts.',
    description_zh: 'ios、android、mobile_web（手机网页）、pc、mini_program（小程序）：事件取 events.device，订单取 orders.device，会话与同期群取首个事件的设备。',
    kind: 'fact',
    value_type: 'text',
    expressions: {
      events: { value: 'e.device' },
      order_lines: { value: 'o.device' },
      sessions: { value: 's.device' },
      user_cohorts: { value: 'c.first_device' },
    },
    null_label: 'unknown',
    value_labels_zh: { ios: 'iOS', android: '安卓', mobile_web: '手机网页', pc: '电脑', mini_program: '小程序', unknown: '未知' },
  },
  {
    id: 'payment_method',
    name_en: 'Payment method',
    name_zh: '支付方式',
    synonyms_en: ['payment method', 'payment', 'pay method', 'payment type', 'how they paid'],
    synonyms_zh: ['支付方式', '付款方式', '支付渠道', '支付类型', '付款渠道'],
    description_en: 'orders.payment_method (order metrics only).',
    description_zh: 'orders.payment_method（仅订单类指标）。',
    kind: 'fact',
    value_type: 'text',
    expressions: { order_lines: { value: 'o.payment_method' } },
    null_label: 'unknown',
    value_labels_zh: {
      alipay: '支付宝', wechat_pay: '微信支付', wechat: '微信支付', union_pay: '银联', unionpay: '银联',
      credit_card: '信用卡', debit_card: '借记卡', huabei: '花呗', cash_on_delivery: '货到付款', cod: '货到付款', unknown: '未知',
    },
  },
  {
    id: 'order_status',
    name_en: 'Order status',
    name_zh: '订单状态',
    synonyms_en: ['order status', 'status', 'order state', 'fulfilment status'],
    synonyms_zh: ['订单状态', '状态', '订单进度', '履约状态'],
    description_en: 'orders.status now: pending, paid, shipped, delivered, cancelled, returned (order metrics only).',
    description_zh: 'orders.status 当前状态：待支付、已支付、已发货、已签收、已取消、已退货（仅订单类指标）。',
    kind: 'fact',
    value_type: 'text',
    expressions: { order_lines: { value: 'o.status' } },
    value_labels_zh: {
      pending: '待支付', paid: '已支付', shipped: '已发货', delivered: '已签收', cancelled: '已取消', returned: '已退货',
    },
  },
  {
    id: 'language',
    name_en: 'Review language',
    name_zh: '评价语言',
    synonyms_en: ['language', 'review language', 'language of review'],
    synonyms_zh: ['语言', '评价语言', '评论语言'],
    description_en: 'reviews.language: zh or en (review metrics only).',
    description_zh: 'reviews.language：zh（中文）或 en（英文）（仅评价类指标）。',
    kind: 'fact',
    value_type: 'text',
    expressions: { reviews: { value: 'r.language' } },
    null_label: 'unknown',
    value_labels_zh: { zh: '中文', en: '英文', unknown: '未知' },
  },
  {
    id: 'new_vs_returning',
    name_en: 'New vs returning',
    name_zh: '新老用户',
    synonyms_en: ['new vs returning', 'new or returning', 'new and returning users', 'first-time vs repeat', 'user type'],
    synonyms_zh: ['新老用户', '新老客', '新客老客', '新用户还是老用户', '新老访客', '用户类型'],
    description_en:
      "'new' when the user's first activity in the whole data (first event or order) is on or after the start of the row's time bucket (the day/week/month of the row when the query is split by one, else the query's start date); otherwise 'returning'.",
    description_zh:
      "若用户在全部数据中的首次活跃日（首个事件或订单）不早于该行所在时间段的起点（按日/周/月拆分时为该日/周/月的起点，否则为查询开始日期），则为“新用户”，否则为“老用户”。",
    kind: 'fact',
    value_type: 'text',
    expressions: Object.fromEntries(
      (['events', 'order_lines', 'reviews', 'sessions'] as const).map((fact) => [
        fact,
        { value: "CASE WHEN fs.first_day IS NULL THEN 'unknown' WHEN fs.first_day >= {bucket_start} THEN 'new' ELSE 'returning' END" },
      ]),
    ),
    value_labels_zh: { new: '新用户', returning: '老用户', unknown: '未知' },
    joins: ['first_seen'],
  },
] as const;
