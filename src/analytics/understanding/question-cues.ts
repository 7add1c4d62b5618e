/**
 * Words that signal the shape of a question rather than its content. Matched after metrics, values and
 * time expressions, on whatever text those left.
 */
export type Cue =
  | 'top'
  | 'bottom'
  | 'trend'
  | 'compare'
  | 'why'
  | 'funnel'
  | 'cohort'
  | 'distribution'
  | 'follow-up'
  | 'exclude'
  | 'grain:day'
  | 'grain:week'
  | 'grain:month'
  | 'grain:hour'
  | 'grain:weekday';

export const CUE_PHRASES: Record<Cue, string[]> = {
  top: ['#1', 'number one', 'no. 1', 'no.1', 'no 1', '头号', '卖得好', '卖的好', '卖得比较好', '卖得不错', '好卖', '畅销', '热卖', '热销', 'sells well', 'sell well', 'selling well', 'best sellers', 'bestsellers', 'top sellers', 'best seller', 'best-seller', 'top seller', 'peak', '高峰', '峰值', 'longest', '最长', '最久', 'busiest', 'most active', 'strongest', 'led', 'topped', 'came top', 'came out on top', '最忙', '最严重', '最舍得', '最能花', 'fastest', '最快', 'top', 'highest', 'most', 'best', 'largest', 'biggest', 'leading', 'greatest', 'rank', 'ranking', 'ranked', '最高', '最多', '最好', '最大', '最强', '排名', '排行', '排前', '领先', '第一', '最畅销', '最火', '最热销', '最常用', '最常见', '最受欢迎', '排序', '排个序', '排一下序', '从高到低', '降序', '排行榜', '榜单', '排个名', '排一下名', '排名一下', 'leaderboard', 'leaderboards', 'desc', 'descending', 'high to low', 'highest to lowest', 'highest first'],
  bottom: ['排名靠后', '靠后', 'shortest', '最短', 'quietest', 'slowest', '最冷清', '最拉胯', '拉胯', 'lowest', 'least', 'worst', 'bottom', 'smallest', 'fewest', 'weakest', '最低', '最少', '最差', '最小', '最弱', '倒数', '垫底', '末尾', '最不受欢迎', '不受欢迎', '从低到高', '升序', 'asc', 'ascending', 'low to high', 'lowest to highest', 'lowest first'],
  trend: ['changed over', 'evolved', 'evolution', '怎么变化', '如何变化', '怎么变的', 'trend', 'trends', 'trended', 'trending', 'over time', 'trajectory', '趋势', '走势', '变化趋势', '曲线', '随时间', '随着时间', '按时间'],
  compare: ['变动', '比差多少', '差多少', '差了多少', '相差多少', '相差', '差距多大', 'how much bigger', 'how much higher', 'how much lower', 'how much smaller', 'how much more', 'how much less', 'bigger than', 'smaller than', '有没有提升', '有没有提高', '有没有改善', '有没有下降', '提升了吗', '提高了吗', '下降了吗', '周环比', '月环比', '日环比', '去年同期', '同比', 'same period last year', 'year over year', 'year-over-year', 'yoy', '涨还是跌', '是涨是跌', '升还是降', '增加还是减少', 'up or down', 'rising or falling', 'going up or down', 'biggest drop', 'biggest drops', 'biggest decline', 'biggest increase', 'biggest growth', 'dropped the most', 'declined the most', 'fell the most', 'grew the most', 'grown the most', 'increased the most', 'fastest growing', 'fastest-growing', 'fastest growth', '增长最快', '增长最多', '增长得最多', '下降最多', '下降最快', '下滑最多', '跌得最多', '跌幅最大', '涨得最多', '降幅最大', '增幅最大', '增速最快', 'compared to', 'compared with', 'compare', 'than', 'more or less', 'more or fewer', '多还是少', '比前', '比上', '多了多少', '少了多少', '增加了多少', '减少了多少', '比起', '和上', '跟上', '比一下', '比比', 'versus', 'vs', 'vs.', 'previous period', 'prior period', 'period over period', 'week over week', 'wow', 'month over month', 'mom', 'year over year', 'yoy', 'year on year', 'same period last year', 'growth', 'grew', 'change', 'changed', 'increase', 'decrease', 'improved', 'improve', 'worsened', 'got better', 'got worse', '变好', '变差', '改善', '环比', '同比', '对比', '相比', '比较', '增长', '增幅', '降幅', '变化', '涨了', '跌了', '涨幅', '跌幅'],
  why: ['why', 'what caused', 'what drove', 'root cause', 'explain', 'reason for', 'reasons for', 'driver', 'drivers', 'contribute', 'contributed', 'contribution', 'contributions', 'break the drop down', 'where the growth came from', 'where did the growth come from', '拆解', '来自哪里', '贡献', '从哪来', '从哪里来', '为什么', '为何', '为啥', '咋回事', '啥原因', '什么原因', '原因', '怎么回事', '归因', '什么导致', '导致'],
  funnel: ['per step', 'each step', 'every step', 'users per step', 'conversion per step', 'step conversion', 'step rate', 'step-to-step', '每一步', '每步', '各步骤', '每个步骤', 'step by step', 'step-by-step', 'funnel', 'conversion funnel', 'shopping funnel', 'sales funnel', 'purchase funnel', 'checkout funnel', 'view to cart to purchase', 'view-cart-purchase', 'conversion path', 'purchase path', 'customer journey', 'shopper journey', 'path', 'journey', '漏斗', '转化漏斗', '购物漏斗', '销售漏斗', '浏览到加购到购买', '浏览-加购-购买', '转化路径', '购买路径', '用户路径', '购物路径', '路径'],
  cohort: ['用户留存', '留存', 'weekly retention', 'user retention', 'retention', 'cohort', 'cohorts', 'retention curve', 'retention matrix', 'retention table', '同期群', '留存曲线', '留存矩阵', '留存表', '留存分析', '群组留存', '留存情况', '留存怎么样', '留存如何', 'retention by cohort', 'cohort retention'],
  distribution: ['spread', 'distribution', 'distributed', 'histogram', 'price band', 'price bands', 'bands', 'split last', 'or more', 'and up', 'and above', '分段', '元以上', '元以下', 'price range', 'price ranges', 'price tier', 'price tiers', 'bucket', 'buckets', '分布', '价格带', '价格区间', '价位段', '价格段', '区间分布', '价位', '哪些区间', '各区间', '金额段'],
  'follow-up': ['and', 'what about', 'how about', 'and for', 'same for', 'same but', 'now', 'instead', 'only', 'just', 'also', '那', '那么', '那如果', '换成', '改成', '只看', '仅看', '只要', '再看', '如果', '呢'],
  exclude: ['excluding', 'except', 'without', 'other than', 'not including', 'ignoring', 'not counting', 'leaving out', 'leave out', '除了', '除去', '不含', '不包括', '排除', '以外'],
  'grain:day': ['daily', 'per day', 'by day', 'each day', 'every day', 'day by day', 'by date', 'which day', '哪天', '哪一天', '每天', '每日', '按天', '按日', '逐日', '日度', '分天', '日趋势'],
  'grain:week': ['weekly', 'per week', 'by week', 'each week', 'every week', 'week by week', '每周', '按周', '逐周', '周度', '分周'],
  'grain:month': ['monthly', 'per month', 'by month', 'each month', 'every month', 'month by month', '每月', '按月', '逐月', '月度', '分月', '每个月'],
  'grain:hour': ['hourly', 'per hour', 'by hour', 'each hour', 'hour of day', 'hour of the day', 'time of day', '每小时', '按小时', '分时', '小时分布', '几点', '哪个时段', '时段'],
  'grain:weekday': ['by weekday', 'day of week', 'day of the week', 'which day of the week', 'each weekday', '星期几', '周几', '按星期', '每周几'],
};

/** Filler words of both languages: they carry no analytic meaning, so they never lower confidence. */
export const STOPWORDS = new Set([
  'what', 'whats', "what's", 'is', 'are', 'the', 'was', 'were', 'of', 'for', 'in', 'on', 'by', 'per', 'to', 'a', 'an', 'how', 'many',
  'much', 'did', 'do', 'does', 'show', 'me', 'give', 'list', 'please', 'our', 'we', 'my', 'tell', 'which', 'who', 'has', 'have', 'had',
  'with', 'at', 'from', 'during', 'between', 'each', 'all', 'total', 'overall', 'number', 'there', 'it', 'its', 'us', 'can', 'you',
  'get', 'see', 'break', 'down', 'broken', 'split', 'across', 'among', 'value', 'values', 'data', 'metric', 'metrics', 'that', 'this',
  'these', 'those', 'be', 'been', 'rate', 'level', 'am', 'i', 'would', 'like', 'know', 'want', 'need', 'find', 'out', 'look', 'into',
  'versus', 'than', 'as', 'group', 'grouped', 'segment', 'compare', 'their', 'they', 'them', 'over', 'up', 'or', 'so', 'far', 'currently', 'current',
  'period', 'vs', 'one', 'ones', 'performing', 'perform', 'performed', 'doing', 'come', 'came', 'why', 'did', 'make', 'made',
  '的', '是', '多少', '了', '吗', '呢', '请', '看看', '看', '一下', '给我', '帮我', '查', '查询', '查看', '统计', '显示', '列出', '怎么样',
  '情况', '数据', '分别', '各', '按', '每', '在', '和', '与', '及', '共', '总', '总共', '一共', '有', '为', '是什么', '几', '哪个', '哪些',
  '哪', '个', '我们', '我', '你', '能', '可以', '想', '知道', '下', '一', '中', '里', '上', '的话', '情形', '对应', '分', '各个', '每个',
  '最', '什么', '怎样', '如何', '多', '少', '都', '还', '也', '就', '把', '被', '给', '让', '从', '到', '至', '之间', '期间', '内',
  '以来', '截至', '当前', '目前', '整体', '总体', '总计', '合计', '分析', '数', '量', '率', '值', '下来', '来看', '来', '去', '位',
  '名', '家', '大', '款', '个数', '前', '对比', '排', '一起', '时候', '时', '呀', '啊', '吧', '么', '请问', '告诉', '用', '做',
  '不同', '带来', '各是', '分别是', '各有', '一共', '总共', '卖', '卖出', '出', '了', '样', '怎样', '变化', '走', '走势', '情况', '拆分',
  '来自', '哪里', '不少', '多了', '少了', '一下', '整个', '所有', '全部', '相关', '具体', '大概', '最近', '近', '过去', '当天', '那天', '这天',
  '期间', '用户', '顾客', '客户', '人', '个人', '他们', '它', '它们', '这个', '那个', '这些', '那些', '里面', '当中', '其中', '以及',
  '包括', '看一下', '看下', '看一看', '算', '计算', '统计一下', '对应', '比', '较', '更', '还是', '或者', '或', '并', '而', '且',
  'how', 'did', 'does', 'do', 'were', 'was', 'are', 'is', 'show', 'split', 'into', 'under', 'over', 'above', 'below', 'up', 'down',
  'drop', 'dropped', 'drops', 'fall', 'fell', 'rise', 'rose', 'go', 'going', 'went', 'look', 'looks', 'like', 'spread', 'across',
  'between', 'yuan', 'rmb', 'cny', 'money', 'amount', 'something', 'anything', 'people', 'customers', 'users', 'shoppers', 'buyer',
  'share', 'percentage', 'percent', 'proportion', 'ratio', 'written', 'write', 'each', 'every', 'per', 'using', 'use', 'get', 'getting',
  'have', 'we', 'our', 'in', 'on', 'at', 'for', 'the', 'a', 'an', 'of', 'and', 'to', 'with', 'most', 'least', 'much', 'many', 'same',
  'earlier', 'later', 'before', 'after', 'day', 'week', 'month', 'year', 'days', 'weeks', 'months', 'total', 'overall', 'acquired',
  'new', 'compared', 'versus', 'break', 'broken', 'breakdown', 'bring', 'brought', 'came', 'come', 'from', 'where', 'when', 'what',
  'which', 'who', 'whose', 'one', 'ones', 'other', 'others', 'just', 'only', 'also', 'then', 'now', 'currently', 'me', 'it', 'that',
  'this', 'these', 'those', 'there', 'here', 'than', 'yet', 'so', 'far', 'still', 'ever', 'been', 'being', 'will', 'would', 'could',
  'should', 'may', 'might', 'can', 'about', 'around', 'roughly', 'approximately', 'exactly', 'number', 'numbers', 'count', 'counts',
  'figure', 'figures', 'level', 'levels', 'trend', 'value', 'values', 'big', 'small', 'large', 'high', 'low', 'higher', 'lower',
  // Event words: funnels name their steps with them.
  'analysis', 'analyze', 'analyse', 'view', 'views', 'cart', 'carts', 'purchase', 'purchases', 'buy', 'step', 'steps', '浏览', '购买', '加购', '收藏', '下单', '再', '从', '步骤',
  'viewed', 'browse', 'browsed', 'browsing', 'checkout', 'checkouts', 'bought', 'purchased', 'added', 'clicked', 'clicks', '点击', '支付', '付款', '环节',
]);
