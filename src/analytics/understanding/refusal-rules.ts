import type { Language } from '../../text/language.ts';

export interface Refusal {
  reason: 'write' | 'privacy' | 'injection' | 'no_data' | 'off_topic';
  message: string;
}

interface Rule {
  reason: Refusal['reason'];
  pattern: RegExp;
  message: Record<Language, string>;
}

// Order matters: an injection that also asks to delete is reported as an injection.
const RULES: Rule[] = [
  {
    reason: 'injection',
    pattern: /ignore (all |the )?(previous|prior|above|earlier) (instructions|rules|prompts?)|disregard (your|the|all) (instructions|rules)|system prompt|you are now|jailbreak|developer mode|忽略(之前|以上|前面|上面|所有)|无视(之前|以上|规则)|系统提示词?|你现在是|扮演|越狱/i,
    message: {
      en: 'I only answer questions about the shop data, and instructions inside a question cannot change how I work. Ask about a metric, e.g. "GMV by category last week".',
      zh: '我只回答关于店铺数据的问题,问题中的指令不能改变我的工作方式。请问一个指标问题,例如"上周各品类的成交额"。',
    },
  },
  {
    reason: 'write',
    pattern: /\b(delete|truncate|wipe|erase|overwrite)\b|\binsert into\b|\bupdate (the |all |every )?(orders?|users?|products?|prices?|tables?|data|records?|rows?|status)\b|\bupdate \w+ set\b|\balter (table|the)\b|\bdrop (table|database|schema|column|view|index|the|all)\b|\bremove (all|the|every)\b|\bset (the |all |every )?(price|prices|status|stock)\b|\b(raise|lower|increase|decrease|change) (the |all |every )?prices?\b|\bmark (the |all |every )?orders?\b|把.{0,30}(改成|改为|设为|设置为|标记为|调整为|调成)|改价|调价|删除|删掉|清空|插入|篡改|修改(数据|订单|价格|用户)|更新(数据|订单|价格)|改价/i,
    message: {
      en: 'I can only read the data, never change it. I can show you figures instead, e.g. "how many orders were cancelled last week?".',
      zh: '我只能读取数据,不能修改或删除。可以换个问法查看数据,例如"上周取消了多少订单?"。',
    },
  },
  {
    reason: 'privacy',
    pattern: /phone numbers?|mobile numbers?|e-?mail (addresses|address|list)|emails of|home address|(customer|user|shopper)s?'? (addresses|names and|contact)|passwords?|id card|credit card numbers?|personal (data|information|details)|contact details|手机号|电话号码|联系电话|邮箱|住址|家庭地址|收货地址|身份证|密码|个人信息|联系方式|银行卡号|用户名单|客户名单/i,
    message: {
      en: 'I cannot show personal data such as names, phone numbers, e-mails or addresses. I can answer with aggregated figures instead, e.g. "buyers by city".',
      zh: '出于隐私保护,我不能提供姓名、手机号、邮箱、地址等个人信息。可以改问汇总数据,例如"各城市的购买人数"。',
    },
  },
  {
    reason: 'no_data',
    pattern: /\bprofits?\b|\bmargins?\b|\bcosts?\b|\bcogs\b|inventory|stock levels?|in stock|ad spend|advertising spend|\broi\b|\broas\b|\bcac\b|customer acquisition cost|利润|毛利|净利|成本|库存|广告(花费|费用|投放)|投产比|投入产出|获客成本/i,
    message: {
      en: 'The warehouse has no cost, margin, inventory or advertising-spend data, so I cannot answer that. I can report revenue (GMV), orders, conversion and similar behaviour metrics.',
      zh: '仓库里没有成本、利润、库存或广告花费数据,无法回答这个问题。我可以回答成交额、订单、转化率等行为指标。',
    },
  },
];

const OFF_TOPIC = /天气|weather|笑话|\bjokes?\b|写一首|写首|\bpoems?\b|诗|股价|stock price|新闻|\bnews\b|菜谱|recipe|翻译|translate|你是谁|who are you|谁是|总统|president|足球|football|电影|movie|\bsing\b|唱歌/i;

/** Questions plainly about something other than the shop's data. */
export function isOffTopic(normalizedQuestion: string): boolean {
  return OFF_TOPIC.test(normalizedQuestion);
}

export function refusalFor(normalizedQuestion: string, language: Language): Refusal | undefined {
  const rule = RULES.find((candidate) => candidate.pattern.test(normalizedQuestion));
  return rule ? { reason: rule.reason, message: rule.message[language] } : undefined;
}

export function offTopicRefusal(language: Language): Refusal {
  return {
    reason: 'off_topic',
    message:
      language === 'zh'
        ? '我是店铺数据分析助手,只能回答关于用户行为、订单和评价的数据问题,例如"上周哪个品类的转化率最高?"。'
        : 'I answer questions about the shop\'s data — shopper behaviour, orders and reviews — for example "Which category had the highest conversion rate last week?".',
  };
}
