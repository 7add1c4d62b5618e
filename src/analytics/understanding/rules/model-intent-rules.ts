import { ruleMatches, type PhraseRule, type RuleSet } from './phrase-rule.ts';

/**
 * The words that ask for a behaviour model, as data. Each record names one concept ("baskets", "a future
 * period", "negative feedback"); model-intents.ts decides which model a question asks for from the concepts it
 * mentions, and reads the arguments. The generated test runs every record's examples.
 */
export type ModelConcept =
  | 'recommend'
  | 'search-words'
  | 'grouping-words'
  | 'segments'
  | 'segment-grouping'
  | 'segment-method-rfm'
  | 'segment-method-kmeans'
  | 'propensity'
  | 'forecast-verb'
  | 'future-period'
  | 'baskets'
  | 'review-search'
  | 'review-summary'
  | 'review-insights'
  | 'review-number-cues'
  | 'negative-words'
  | 'positive-words'
  | 'overall-opinion'
  | 'anomalies'
  | 'order-words'
  | 'browsing-words';

const PEOPLE_ZH = '(?:用户|客户|顾客|会员|买家|人群|消费者)';
const PEOPLE_EN = '(?:customers?|users?|shoppers?|buyers?|members?|clients?|people)';
const REVIEW_ZH = '(?:评价|评论|差评|好评|留言)';

type ConceptRule = PhraseRule<{ concept: ModelConcept }>;
const rule = (concept: ModelConcept, zh: string[], en: string[], match: string[], noMatch: string[]): ConceptRule => ({ id: concept, meaning: { concept }, zh, en, examples: { match, noMatch } });

export const MODEL_CONCEPT_RULES: readonly ConceptRule[] = [
  rule('recommend', ['推荐', '猜你喜欢', '可能(?:会)?喜欢', '会喜欢', '感兴趣', '相似', '类似', '差不多', '相近', '同款', '替代'],
    ['recommend\\w*', 'suggest\\w*', 'similar\\w*', '(?:might|would|may) (?:like|enjoy|want)', 'next best'],
    ['给用户456推荐5个商品', 'Show me items similar to product 55', 'products user 12 might like'], ['各渠道的订单数', 'GMV by category', 'likely buyers']),
  rule('search-words', ['搜', '关键词'], ['search\\w*'], ['把上个月的搜索关键词聚成5类', 'What are people searching for?'], ['GMV by category', '各品类的订单']),
  rule('grouping-words', ['主题', '聚类', '聚成', '聚.{0,2}类', '分组', '归类', '归.{0,2}类', '归成', '归为', '归纳', '分成.{0,3}类', '分几类', '几大类', '哪几类', '分为几类'],
    ['themes?', 'topics?', 'clusters?', 'group(?:s|ed)?', 'categori[sz]e', 'buckets?'],
    ['把搜索词聚成5类', 'Group it into themes.', '搜索词有哪几类', '把用户的搜索词归一下类'], ['上周搜索次数最多的5个搜索词是什么？', 'top search terms']),
  rule('segments', ['分群', '分(?:一)?下群', '哪几类人', '哪(?:几|些)类(?:人|用户|客户)', '分成几类', '分几类', '分成.{0,4}(?:类|群|组|层)', '分个?层', '分层', '划分.{0,4}(?:层|群|类)', '人群划分', '画像', '高价值客户', '流失风险', '沉睡客户', '忠诚客户', '重要价值客户', `${PEOPLE_ZH}.{0,10}聚类`, `聚类.{0,6}${PEOPLE_ZH}`],
    ['rfm', 'segment(?:s|ation|ed|ing)?', `cluster(?:s|ing)? (?:the |our |all )?${PEOPLE_EN}`, `group (?:the |our |all )?${PEOPLE_EN}`, `(?:kinds|types|groups) of ${PEOPLE_EN}`, `${PEOPLE_EN} (?:groups|personas|types)`, 'personas?', 'champions', 'at risk of churn', 'churn risk', 'break (?:them|customers|users|shoppers) into groups'],
    ['用RFM给客户分个层', '按购物行为给用户做个聚类', 'What kinds of customers do we have?', 'customer segmentation'], ['各城市的GMV', 'how many customers bought']),
  rule('segment-grouping', [`${PEOPLE_ZH}.{0,10}(?:分组|分类|归类|分群)`], [`(?:group|split|divide|bucket) (?:the |our |all )?${PEOPLE_EN}`, '(?:user|customer) base into'],
    ['把顾客按消费习惯分组', 'split our customers by how they shop'], ['把搜索词分组', 'GMV by city']),
  rule('segment-method-rfm', ['流失', '高价值', '沉睡', '忠诚', '重要价值'], ['rfm', 'recency', 'champions', 'at risk', 'churn\\w*'],
    ['用RFM给客户分个层', '哪些是高价值客户', 'customers at risk of churn'], ['按购物行为给用户做个聚类', 'kinds of customers']),
  rule('segment-method-kmeans', ['聚类', '行为'], ['k-?means', 'cluster\\w*', 'behaviou?r\\w*', 'how they (?:browse|shop|buy)'],
    ['按购物行为给用户做个聚类', 'cluster customers with k-means'], ['用RFM给客户分个层', 'kinds of customers']),
  rule('propensity', ['可能.{0,4}(?:购买|买|下单|付款|掏钱|转化|复购|成交)', '购买(?:意向|意愿|倾向|概率|可能性)', '下单(?:概率|可能性|意向)', '会下单', '潜在(?:买家|客户|购买者)', '谁会(?:买|下单|购买)', '高意向'],
    ['likely to (?:buy|purchase|order|convert|place (?:an |a )?orders?|make (?:a )?purchases?|check ?out|spend|come back and buy)', '(?:purchase|buying|order) (?:propensity|intent|intention|probability|likelihood)', '(?:likelihood|probability|chance) (?:to|of) (?:buy|buying|purchase|purchasing|order|ordering|convert|converting)', 'propensity', 'who (?:will|would|is going to|are going to|might) (?:buy|purchase|order|convert)', '(?:customers|users|shoppers|buyers|people) (?:will|would|are going to|might) (?:probably |likely |most likely )?(?:buy|purchase|order|convert)', 'predict(?:ed)? (?:buyers|purchases|who)', 'ready to buy', 'likely buyers', '(?:chance|probability|likelihood|odds) of (?:buying|purchasing|ordering|converting|placing|making a purchase)'],
    ['未来30天内最可能购买的前10位用户是谁？', '一线城市里哪些用户的购买意向最强？', 'Who is likely to buy in the next 60 days?'], ['上周的购买人数', 'how many buyers last week']),
  rule('forecast-verb', ['预测', '预估', '预计', '预期', '估计'], ['forecast\\w*', 'predict\\w*', 'projection\\w*', 'project(?:ed)?(?! managers?\\b)', 'outlook', 'expect(?:ed)?'],
    ['预测一下下周的GMV', 'Forecast orders for the next 90 days', 'projected revenue'], ['上周的GMV是多少？', 'GMV by project manager']),
  rule('future-period', ['下周', '下一周', '下个?星期', '下个?月', '明天', '后天', '未来', '接下来', '今后', '往后'],
    ['next (?:week|month|\\d+|few|couple|[a-z]+ (?:days|weeks|months))', 'coming (?:week|month|days|weeks|\\d+)', 'upcoming', 'tomorrow', 'the following (?:week|month|\\d+)'],
    ['下个月手机品类的销售额大概会有多少？', 'What will GMV look like next week?', 'the coming 10 days'], ['上周的GMV', 'last month', 'the week before']),
  rule('baskets', ['一起(?:买|购买|被买|被购买|下单|卖)', '经常一起', '常一起', '搭配(?:购买|着卖|着买|销售|促销)', '连带(?:购买|销售)', '关联(?:规则|购买|商品)', '购物篮', '同一(?:个)?(?:订单|购物车)', '顺便(?:买|购买)', '还(?:会|常|经常|通常|都)?(?:再)?(?:买|购买)', '组合促销', '捆绑', '凑单'],
    ['bought together', 'frequently bought', 'buy together', 'purchased together', 'market basket', 'basket analysis', 'same (?:basket|order|cart|invoice|receipt|transaction)', '(?:bought|purchased|ordered|sold) (?:along |together )?with', '(?:buy|buys|bought|purchase|purchased|get|order|ordered) (?:\\w+ )?alongside', '(?:buy|buys|get|gets|order|orders) (?:along|together) with', '(?:sells?|sold|goes|go) (?:well )?together', 'association rules', 'cross-?sell\\w*', 'also (?:buy|bought|purchase|purchased|get)', 'bundl(?:e|es|ing)'],
    ['哪些商品经常被一起购买？', '买手机的人通常还会顺便买什么？', 'What products are usually purchased along with laptops?', 'What do customers usually buy alongside the REGENCY CAKESTAND 3 TIER?', 'what do customers usually buy along with the REGENCY CAKESTAND 3 TIER?'], ['上周卖了多少件', 'orders by category']),
  rule('review-search', [`(?:找|搜|查|看看|给我看|列出|有没有|有哪些|哪些).{0,14}${REVIEW_ZH}`, `${REVIEW_ZH}.{0,4}(?:提到|说到|说|讲|关于)`, `(?:提到|说到).{0,12}的?${REVIEW_ZH}`],
    ['(?:show|find|search|list|any|are there|pull up|get)\\b.{0,14}reviews?', 'reviews?.{0,4}(?:mention|mentioning|mentions|saying|that say|where)', '(?:mention|mentioning).{0,12}reviews?'],
    ['找出提到物流太慢的评价', 'Show me reviews mentioning the battery draining fast'], ['上个月的好评率是多少？', 'average rating by brand']),
  rule('review-summary', ['最常', '主要', '集中', '哪些方面', '最多', '问题是什么'], ['most common', 'most often', 'main', 'top (?:issues|complaints|themes)', 'themes', 'summar\\w*'],
    ['用户对零食的评价里最常提到的问题是什么？', 'what are the main complaints'], ['找出提到物流太慢的评价', 'find reviews about sizing']),
  rule('review-insights', ['抱怨', '吐槽', '差评', '投诉', '不满', '负面(?:评价|反馈|评论|意见)', '正面(?:评价|反馈|评论)', '好评', '口碑', '槽点', '痛点', '优点', '缺点', '评价.{0,6}(?:说|提到|反映|集中)', '反馈.{0,8}(?:问题|什么|哪些)', '喜欢.{0,12}(?:哪些地方|什么地方|哪点|哪里|哪方面)', '满意(?:的)?(?:地方|点)', '夸'],
    ['complain\\w*', 'pain points?', '(?:negative|bad|poor|positive|good) (?:reviews|feedback)', 'feedback (?:on|about)', `what (?:do|did|does) (?:our )?${PEOPLE_EN} (?:say|think|like|love|dislike|hate|praise)`, `what (?:are|were) (?:our )?${PEOPLE_EN} saying`, `what (?:do|did|does) (?:our )?(?:reviewers|reviews) (?:actually |really )?(?:say|like|love|dislike|hate|praise|mention)`, '(?:like|love|praise|dislike|hate) about', `${PEOPLE_EN} (?:dislike|hate|love)`, `what (?:our )?${PEOPLE_EN} (?:say|said|think|thought) about`, 'review (?:insights|themes|summary)', 'summari[sz]e .{0,30}(?:feedback|reviews)', 'reputation'],
    ['顾客对耳机有什么抱怨？', 'What do shoppers love about our snacks?', '华为产品的口碑怎么样？'], ['上个月的订单数', 'GMV by brand']),
  rule('review-number-cues', ['率', '比例', '占比', '比重', '多少', '有几条', '有几个', '一共几', '总共几', '平均', '评分', '分数'], ['share', 'rate', 'ratio', 'percent\\w*', 'average', 'mean', 'how many', 'number of', 'count', 'score\\w*'],
    ['上个月的好评率是多少？', 'Which category has the lowest share of positive reviews?'], ['顾客对耳机有什么抱怨？', 'what do shoppers love about snacks']),
  rule('negative-words', ['差评', '抱怨', '吐槽', '投诉', '不满', '负面', '缺点', '槽点', '痛点', '问题'], ['complain\\w*', 'dislike\\w*', 'hate\\w*', 'negative', 'pain', 'bad', 'poor', 'problems?', 'issues?'],
    ['顾客对耳机有什么抱怨？', 'what do customers dislike about shoes'], ['What do shoppers love about our snacks?', '华为产品的口碑怎么样？']),
  rule('positive-words', ['好评', '喜欢', '满意', '优点', '正面', '称赞', '夸'], ['like\\w*', 'love\\w*', 'praise\\w*', 'positive', 'strength\\w*', 'good'],
    ['What do shoppers love about our snacks?', '顾客最满意的地方'], ['顾客对耳机有什么抱怨？', 'reputation of Huawei']),
  rule('overall-opinion', ['口碑', '怎么样', '如何'], ['saying', 'say', 'think', 'reputation'],
    ['华为产品的口碑怎么样？', 'what are customers saying about shoes'], ['顾客对耳机有什么抱怨？', 'negative reviews']),
  rule('anomalies', ['异常', '刷单', '刷量', '机器人', '爬虫', '可疑', '作弊', '羊毛', '黄牛', '虚假(?:订单|流量|账号)', '不正常'],
    ['bots?', 'anomal\\w*', 'fraud\\w*', 'suspicious', 'outliers?', 'unusual', 'abnormal', 'spam\\w*', 'fake (?:orders|accounts|traffic)', 'click farms?', 'scrap(?:e|er|ers|ing)', 'crawlers?'],
    ['找出异常的订单', 'Are there any bots browsing the site?', '有没有刷单或者机器人行为？'], ['上周的订单数', 'orders by city']),
  rule('order-words', ['订单', '下单', '刷单', '购买'], ['orders?', 'fraud\\w*', 'purchases?', 'payments?'],
    ['找出异常的订单', 'suspicious orders'], ['Are there any bots browsing the site?', '异常流量']),
  rule('browsing-words', ['浏览', '访问', '流量', '爬虫', '机器人', '点击'], ['bots?', 'brows\\w*', 'crawl\\w*', 'scrap\\w*', 'traffic', 'sessions?', 'clicks?', 'visits?'],
    ['Are there any bots browsing the site?', '异常流量'], ['找出异常的订单', 'fraudulent payments']),
];

export const MODEL_CONCEPT_RULE_SET: RuleSet<{ concept: ModelConcept }> = { name: 'behaviour-model concepts', rules: MODEL_CONCEPT_RULES, matches: ruleMatches };

const BY_CONCEPT = new Map(MODEL_CONCEPT_RULES.map((record) => [record.meaning.concept, record]));

/** Whether the question mentions the concept. */
export function mentions(concept: ModelConcept, normalizedQuestion: string): boolean {
  const record = BY_CONCEPT.get(concept);
  return record !== undefined && ruleMatches(record, normalizedQuestion);
}
