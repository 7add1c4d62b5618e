/**
 * Cue patterns of the offline support recogniser, Chinese and English side by side. Text is matched after
 * normalizeQuestion (NFKC, lower case), so patterns are lower case and full-width punctuation is already ASCII.
 */
export const CUES = {
  handoff: [/转人工/u, /人工(客服|服务|坐席)?/u, /真人/u, /找(个)?(人|客服)(聊|说|处理)?/u, /(talk|speak|chat) (to|with) (a |an |some )?(human|person|agent|someone|representative|real person)/, /human (agent|support|being)/, /real person/, /\b(representative|live agent)\b/,
    // "I need a person", a bare "agent", complaints: a person handles them (policy P7).
    /\bi (need|want|would like|'d like) (to (talk|speak|chat) (to|with) )?(a |an |some )?(person|human|people|agent|someone|operator)\b/, /^(an? )?(agent|human|person|operator|customer service|support agent)[\s.!?]*$/,
    /\b(speak|talk) (to|with) (a |your |the )?(manager|supervisor)\b/, /投诉/u, /举报/u, /\b(file|make|lodge|raise|submit) a complaint\b/, /\bcomplain(t)?\b/],
  changePayment: [
    /(支付|付款)方式.{0,8}(改|换|变更)/u, /(改|换)(一下|个)?(支付|付款)方式/u, /(改|换)(用|成)\s*(支付宝|微信|信用卡|银联)(付|支付|付款)?/u, /(用|拿)(支付宝|微信|信用卡|银联)(付|支付)/u,
    /\b(change|switch|update)\b.{0,30}\bpayment( method)?\b/, /\bpay (for )?.{0,40}\b(with|by|using) (a different|another|alipay|wechat|my credit card|credit card|union ?pay)/, /\bcharge\b.{0,40}\bto my (credit card|alipay|wechat)/,
  ],
  /** The shopper's own wallet: saved methods, gift-card balance (not the shop's accepted methods, an FAQ). */
  savedPayments: [
    /礼品卡.{0,6}(余额|还剩|剩(下)?多少|还有多少)/u, /余额.{0,6}礼品卡/u, /(绑定|保存|存|添加)了?(哪些|什么|几个|几种)?(支付方式|付款方式|银行卡|卡)/u, /我的(支付方式|付款方式|礼品卡)/u,
    /\bgift ?card\b.{0,30}\bbalance\b/, /\bbalance\b.{0,30}\bgift ?card\b/, /\b(left|remaining) on my gift ?card\b/,
    /\b(which|what) payment methods? (do i have|have i (saved|got|added)|are (saved|stored|on (my )?(file|account)))\b/, /\bmy (saved )?payment methods\b/, /\bsaved (cards?|payment methods?)\b/,
  ],
  /** One order's money movements. */
  paymentHistory: [/(付款|支付|扣款)(和|与|及|、)?(退款)?(记录|明细|流水)/u, /退款记录/u, /\bpayments? (and refunds? )?(history|records?)\b/, /\bpayments and refunds\b/, /\bcharges and refunds\b/, /\bpayment history\b/],
  /** The account's default address (profile), not an order's delivery address. */
  defaultAddress: [/默认(的)?(收货|配送|送货)?地址/u, /(账户|账号|个人资料|个人信息)(里|中|上)?的?(收货|常用)?地址/u, /\bdefault (shipping |delivery |billing )?address\b/, /\b(profile|account)('s)? (shipping |delivery )?address\b/, /\baddress (on|in|of) my (account|profile)\b/],
  /** Another option of an ordered item ("change the X to Blue", "want it in Red instead", "改成蓝色"). */
  changeItems: [/\b(change|switch)\b(?!.{0,15}\bmind\b).{0,120}?\b(to|into)\b/, /\breplace\b.{0,120}\bwith\b/, /\bwant (it|them|this|that|one) in\b/, /\binstead\b/, /改成|改为|换成/u],
  /** The order has not shipped: a wish for another option is a change of the order's items, not an exchange. */
  notShipped: [/还没发货|未发货|没发货|尚未发货|还没寄出/u, /\bhas(n'?t| not) (been )?shipped\b/, /\bnot shipped yet\b/, /\bbefore it ships\b/, /\bnot (been )?sent yet\b/],
  cancel: [/取消(订单|这个订单|这单|该订单|一下|掉|吧)?/u, /\bcancel\b/],
  return: [/退货/u, /(其他|其余|剩下)的?(都|全)(要)?退/u, /(都|全部?)退(掉|了)?[!。.]*$/u, /退掉/u, /退回去/u, /(我要|我想|想|要|申请)退(款|了)?/u, /\breturn(ing)?\b/, /send (it|this|them) back/, /\b(i want|i'd like|want) (a )?refund\b/],
  exchange: [/换货/u, /换(两|二|三|几|多)(件|个|样)/u, /换\s*[^\s,,。]{1,3}色/u, /换\s*的?货/u, /换(个|一个|一件|一双)?(尺码|码|颜色|大小|型号|大一号|小一号|新的)/u, /调换/u, /换一(个|件|双)/u, /换成/u, /\bexchange\b/, /\bswap\b/, /(different|another|other|bigger|smaller) (size|colou?r)/],
  address: [/(改|修改|更改|换|变更|更新)(一下)?.{0,12}?(收货|配送|送货|邮寄)?地址/u,
    // "send SL… to 88 Wensan Road …", "寄到杭州市…88号": a delivery to an address with a house number.
    /\b(send|ship|deliver)\b.{0,40}\bto\b.{0,40}\d.{3,}/, /(寄到|送到|发到|寄往|送往)[^??]{0,20}\d+(号|弄|栋)/u, /地址(写|填)错/u, /地址.{0,6}(改|换)/u, /(change|update|modify|correct|edit|fix) (my |the )?(shipping |delivery )?address/, /wrong address/, /new address/, /address to\b/],
  status: [/到哪/u, /物流/u, /快递/u, /发货了?(吗|没)/u, /什么时候(到|发货|送到|能到)/u, /订单(状态|进度|情况)/u, /查(一下|询)?(我的)?订单/u, /我的订单/u, /运单/u, /where('s| is) my (order|package|parcel|stuff)/, /\btrack(ing)?\b/, /order status/, /\bmy orders?\b/, /(has|did) (it|my order) (ship|arrive)/, /when will (it|my order|my package) (arrive|come|ship)/, /status of/],
  product: [/多少钱/u, /价格/u, /价钱/u, /售价/u, /几块钱/u, /什么牌子/u, /哪个牌子/u, /什么品牌/u, /\bhow much\b/, /\bprice\b/, /\bcost\b/, /what brand/,
    // Options and availability: "what colours does … come in", "is … in blue available", "有哪些颜色", "有货吗".
    /\b(what|which) (colou?rs?|sizes?|options?|versions?|variants?|configurations?)\b/, /\bcome in\b/, /\b(in stock|sold out|available)\b/,
    /有(哪些|什么|几种|几个)(颜色|规格|尺码|款式|配置|版本)/u, /有货|有没有货|现货|库存|缺货/u],
  recommend: [/推荐/u, /猜我喜欢/u, /有什么好(买|的)/u, /\brecommend/, /\bsuggest/],
  faqTopic: [/多久/u, /几天/u, /到账/u, /运费/u, /邮费/u, /包邮/u, /发票/u, /保修/u, /质保/u, /政策/u, /规则/u, /规定/u, /支付方式/u, /怎么(付|支付)/u, /没(有)?付款/u, /未支付/u, /发货后/u, /签收后/u, /能不能/u, /(换|退)几次/u, /how long/, /how many days/, /shipping (fee|cost)/, /free shipping/, /\binvoice\b/, /warranty/, /\bpolicy\b/, /payment methods?/, /who pays/, /after (it )?(ships|shipped|shipping|delivery)/, /can i pay/],
  request: [/我(也|还)?要/u, /我(也|还)?想/u, /\bi (also|still|really|just) (want|need|would like)\b/, /\bi'd also like\b/, /想要/u, /帮我/u, /麻烦/u, /申请/u, /请(帮|给)/u, /给我/u, /\bi want\b/, /\bi'd like\b/, /\bi would like\b/, /\bplease\b/, /help me/, /\bcan you\b/, /\bcould you\b/, /\bi need\b/],
  greeting: [/^(你好|您好|hi|hello|hey|在吗|在不在|在么|早上好|下午好|晚上好|嗨|哈喽|客服)[!.~ ]*$/u, /^(谢谢|多谢|感谢|好的谢谢|thanks|thank you|thx|bye|再见|拜拜|没事了)/u],
  angry: [/垃圾/u, /气死/u, /太差/u, /差劲/u, /骗子/u, /坑人/u, /投诉/u, /恶心/u, /什么破/u, /离谱/u, /烂透/u, /生气/u, /过分/u, /没人管/u, /受不了/u, /无语/u, /搞什么/u, /什么鬼/u, /差评/u, /忍无可忍/u, /太慢了?[!！]/u, /\b(terrible|awful|horrible|useless|ridiculous|scam|angry|furious|worst|disgusting|unacceptable|pathetic|fed up|rubbish|outrageous|disappointed|sick of|wtf)\b/, /\b(nobody|no one) (tells|told|answers|answered|helps|helped|cares|replies)\b/, /\bthis is a joke\b/],
  injection: [
    /ignore (all |any |the )?(previous|prior|above|earlier|your) (instructions|rules|messages|prompt)/, /忽略(之前|以上|前面|所有|上面)/u, /\bi am (customer|user|admin|an admin|the admin)\b/,
    /我是(客户|用户|顾客|管理员)\s*\d*/u, /system prompt/, /系统提示/u, /\b(act|pretend) as\b/, /you are now/, /customer (id )?#?\d+/, /user (id )?#?\d+/,
    /(另一个|其他|别的|别人)(用户|客户|顾客|人)?的?订单/u, /another (user|customer|person)/, /other (users?|customers?|people)'?s? orders?/, /(用户|客户|顾客)\s*(id)?\s*\d+/u,
    /without (asking|confirmation|confirming)/, /不(用|需要)确认/u, /无需确认/u, /跳过确认/u, /skip (the )?confirm/, /developer mode/, /jailbreak/,
  ],
  abort: [
    /^(算了|不用了|不要了|不办了|不退了|不换了|不改了|先不了|never ?mind|forget it|stop)[.!。 ]*$/u,
    // A message that starts by dropping the request ("算了,…", "never mind, …"); what follows may be a new one.
    /^(算了|不用了|不要了|先不(用|要)?了?|never ?mind|forget (it|that|about it)|actually,? forget (it|that)|no,? thanks|scratch that)\b/u,
    /(不取消了|不退了|不换了|不改了|还是留着|先留着|i'?ll keep (it|them)|keep (it|the order)\b|don'?t cancel|do not cancel|won'?t cancel)/u,
  ],
  /** "不取消", "don't cancel": a task word under a negation is not that task. */
  negatedTask: /(不|别|不要|不用|先不)(取消|退货?|换货?|改)了?|\b(don'?t|do not|won'?t|not) (cancel|return|exchange|change)\b/gu,
} as const;

export const YES = /^(yes|y|yep|yeah|sure|ok|okay|confirm|confirmed|go ahead|do it|please do|yes please|correct|right|是|是的|对|对的|确认|确定|好|好的|好啊|可以|没问题|嗯|嗯嗯|行|确认(取消|退货|换货|修改|提交|执行)?)[\s.!~]*$/u;
export const NO = /^(no|n|nope|don't|do not|cancel|cancel it|never ?mind|no thanks|stop|不|不要|不用|不用了|算了|否|取消|不了|先不了|放弃|不是)[\s.!~]*$/u;

/** Return and exchange reasons worth recognising in a first message. */
export const REASON_PHRASES = [
  /尺码(不合适|太大|太小|偏大|偏小|不对)/u, /(太大|太小|偏大|偏小)了?/u, /质量(问题|不好|太差|差)/u, /不喜欢/u, /不想要了?/u, /发错(货|了)?/u, /坏了/u, /破损/u, /有瑕疵/u, /买错了?/u, /颜色不对/u, /不合身/u,
  /too (small|big|large|tight|loose)/, /doesn'?t fit/, /wrong (size|item|colou?r)/, /\bdamaged\b/, /\bbroken\b/, /\bdefective\b/, /\bfaulty\b/, /changed my mind/, /don'?t (like|want) it/,
];

export const ORDINAL_WORDS: Record<string, number> = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, fifth: 5, '5th': 5 };
