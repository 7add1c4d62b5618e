/**
 * A general zh/en opinion lexicon, written for ShopLens as data: how shoppers praise and complain on any shop,
 * not the demo generator's phrases. Weights are log-odds units (1 ordinary, 2 strong); negators flip what follows,
 * degree words scale it; see lexicon-scorer.ts. Words whose polarity depends on what they describe (快, fast,
 * 大, big) are left out, or given as the phrase that fixes it (太慢, too small).
 */
export const GENERAL_OPINION_LEXICON: {
  opinions: Record<string, number>;
  negators: readonly string[];
  degrees: Record<string, number>;
  /** Matched so they are not read as negator + word (不过, 没想到) but carry no opinion. */
  neutral: readonly string[];
} = {
  opinions: {
    // zh positive
    好: 1, 很好: 1.5, 挺好: 1.2, 不错: 1.2, 满意: 1.5, 喜欢: 1.2, 爱: 0.8, 推荐: 1.2, 好评: 2, 五星: 1.5, 点赞: 1.5, 赞: 1.2, 棒: 1.5,
    值: 1, 值得: 1.2, 超值: 1.5, 划算: 1.2, 实惠: 1.2, 性价比高: 1.5, 物有所值: 2, 物超所值: 2, 对得起: 1, 赚了: 1, 便宜: 0.6,
    好用: 1.2, 实用: 1, 方便: 0.8, 顺手: 1, 好看: 1, 漂亮: 1, 美: 0.6, 精致: 1, 精美: 1, 颜值高: 1, 有质感: 1, 高级: 0.8,
    舒服: 1.2, 舒适: 1.2, 柔软: 0.8, 透气: 0.8, 合身: 1, 合适: 0.8, 正好: 0.8, 刚好: 0.8, 标准: 0.5, 显瘦: 0.8,
    结实: 1, 扎实: 1, 耐用: 1.2, 牢固: 1, 稳定: 0.8, 精细: 1, 做工好: 1.5, 质感: 0.5, 正品: 1, 放心: 1, 有保障: 1,
    清晰: 1, 流畅: 1, 灵敏: 0.8, 顺滑: 0.8, 给力: 1.2, 完美: 1.5, 惊喜: 1.2, 惊艳: 1.5, 出乎意料: 0.8, 超出预期: 1.5, 强: 0.6,
    新鲜: 1, 好吃: 1.2, 香: 0.8, 好闻: 1, 美味: 1.2, 可口: 1, 好喝: 1.2, 温和: 0.8, 补水: 0.6, 保暖: 0.6,
    及时: 0.8, 神速: 1.2, 迅速: 0.8, 耐心: 1, 热情: 1, 专业: 1, 负责: 1, 周到: 1, 贴心: 1, 用心: 1, 严实: 0.8, 完好: 0.8, 完好无损: 1.2,
    回购: 1.2, 再来: 0.8, 光顾: 0.8, 支持: 0.8, 优秀: 1.2, 一流: 1.2, 没话说: 1.2, 没得说: 1.2, 没毛病: 1.2, 挑不出: 1, 无可挑剔: 1.5, 杠杠的: 1.5,
    // zh negative
    差: -1.5, 很差: -2, 太差: -2, 差评: -2, 差劲: -2, 失望: -1.5, 后悔: -1.5, 垃圾: -2, 坑: -1.5, 被坑: -2, 上当: -1.5, 骗: -1.5, 假货: -2, 假的: -1.5,
    坏: -1.2, 坏了: -1.5, 破: -1, 破损: -1.5, 损坏: -1.5, 裂: -1, 碎了: -1.5, 划痕: -1, 瑕疵: -1, 污渍: -1, 变形: -1, 压扁: -1, 漏: -1, 漏水: -1.5,
    粗糙: -1.2, 廉价: -1.2, 便宜货: -1.5, 劣质: -2, 质量差: -2, 做工差: -2, 一般: -0.6, 凑合: -0.5, 难用: -1.5, 难吃: -1.5, 难闻: -1.5, 难受: -1.2,
    慢: -0.8, 太慢: -1.5, 很慢: -1.2, 迟到: -1, 晚到: -1, 延迟: -1, 催: -0.8, 不发货: -1.5,
    贵: -0.8, 太贵: -1.2, 偏贵: -0.8, 亏: -1, 不值: -1.5, 浪费: -1.5, 缩水: -1.2, 偏小: -0.8, 偏大: -0.8, 太小: -1, 太大: -1, 紧: -0.5,
    异味: -1.2, 怪味: -1.5, 刺鼻: -1.2, 臭: -1.5, 过敏: -1.5, 发痒: -1.2, 红疹: -1.5, 刺眼: -1, 扎: -0.6, 磨脚: -1.2, 疼: -1, 痛: -1, 累: -0.5,
    卡: -0.8, 卡顿: -1.2, 闪退: -1.5, 死机: -1.5, 发热: -1, 发烫: -1.2, 烫手: -1.2, 杂音: -1.2, 噪音: -1, 断: -0.5, 断开: -1, 断连: -1.2, 掉线: -1.2,
    掉色: -1.2, 褪色: -1.2, 起球: -1.2, 开胶: -1.5, 脱线: -1.2, 线头: -0.8, 掉毛: -1.2, 色差: -1.2, 坏点: -1.5, 模糊: -1, 不准: -1,
    不新鲜: -1.5, 烂: -1.2, 过期: -1.5, 发霉: -2, 虫子: -1.5, 恶心: -2, 腻: -0.8, 太甜: -0.8, 太咸: -1, 太硬: -0.8, 硬: -0.4, 薄: -0.5,
    敷衍: -1.5, 推脱: -1.5, 不理: -1.2, 不回: -1.2, 态度差: -2, 麻烦: -0.8, 折腾: -1, 发错: -1.5, 少了: -1, 漏发: -1.5, 旧的: -1.2, 二手: -1.2,
    退货: -1, 退了: -1, 退款: -0.8, 投诉: -1.5, 不推荐: -1.5, 别买: -2, 不会再买: -2, 堪忧: -1.5, 问题: -0.6, 毛病: -0.8, 差距: -0.8, 简陋: -1, 简单: 0,
    // en positive
    good: 1, great: 1.5, excellent: 2, awesome: 1.5, amazing: 1.5, fantastic: 1.5, superb: 2, outstanding: 2, wonderful: 1.5, perfect: 1.5, perfectly: 1.2,
    love: 1.5, loves: 1.5, loved: 1.2, liked: 0.8, happy: 1.2, pleased: 1.2, glad: 1, thrilled: 1.5, satisfied: 1.2, impressed: 1.2, impressive: 1.2,
    recommend: 1.2, recommended: 1.2, 'highly recommend': 2, 'worth it': 1.5, worth: 1, 'worth the money': 1.5, 'worth the price': 1.5, value: 0.5, 'great value': 1.5, bargain: 1.2, affordable: 0.8, reasonable: 0.6,
    nice: 1, lovely: 1.2, beautiful: 1.2, cute: 1, stylish: 1, elegant: 1, pretty: 0.5, gorgeous: 1.5, comfortable: 1.2, comfy: 1.2, soft: 0.6, cozy: 1, warm: 0.4,
    sturdy: 1.2, solid: 1, durable: 1.2, 'well made': 1.5, 'well built': 1.5, quality: 0.3, 'high quality': 1.5, reliable: 1.2, flawless: 1.5, flawlessly: 1.5,
    easy: 0.8, simple: 0.4, handy: 1, practical: 0.8, useful: 1, convenient: 1, clear: 0.6, crisp: 0.8, sharp: 0.6, bright: 0.4, smooth: 0.8, smoothly: 0.8, quiet: 0.6, powerful: 0.8, accurate: 1,
    fresh: 1, delicious: 1.5, tasty: 1.2, yummy: 1.2, fast: 0.4, quick: 0.4, quickly: 0.3, 'on time': 0.8, early: 0.6, responsive: 0.8, helpful: 1.2, friendly: 1, gentle: 0.8,
    fits: 0.5, 'true to size': 1, 'as described': 1, 'as pictured': 1, 'as advertised': 1, exceeded: 1.2, 'exceeded my expectations': 2, 'better than expected': 1.5, favorite: 1.2, favourite: 1.2,
    best: 1, better: 0.5, 'no complaints': 1.5, 'no regrets': 1.5, 'no problem': 1, 'no issues': 1.2, 'works great': 1.5, 'works well': 1.2, 'works perfectly': 1.5, 'big hit': 1.2, 'like a charm': 1.5,
    // en negative
    bad: -1.5, poor: -1.5, poorly: -1.5, terrible: -2, awful: -2, horrible: -2, worst: -2, junk: -2, garbage: -2, trash: -2, useless: -2, 'waste of money': -2, waste: -1.5,
    disappointed: -1.5, disappointing: -1.5, disappointment: -1.5, regret: -1.5, unhappy: -1.5, frustrating: -1.5, annoying: -1.2, misleading: -1.5, scam: -2, fake: -1.5,
    broke: -1.5, broken: -1.5, breaks: -1.2, cracked: -1.5, damaged: -1.5, defective: -2, faulty: -2, 'fell apart': -2, 'falls apart': -2, 'came apart': -1.5, 'stopped working': -2, 'died': -1, dies: -1, dead: -1,
    cheap: -0.8, cheaply: -1.5, flimsy: -1.5, thin: -0.6, weak: -1, dull: -1, stiff: -0.6, wobbles: -1, loose: -0.8, scratches: -1, scratched: -1, ripped: -1.5, frays: -1.2, peeling: -1.2, rust: -1.2, stains: -1, leaks: -1.5, leak: -1.2,
    overpriced: -1.5, expensive: -0.6, pricey: -0.6, slow: -0.8, late: -0.8, 'too slow': -1.5, lag: -1, lags: -1.2, crashes: -1.5, overheats: -1.5, hot: -0.3, noisy: -1.2, loud: -0.6, hiss: -1, blurry: -1.2, dim: -0.8, flickers: -1.2, muffled: -1.2,
    uncomfortable: -1.5, hurt: -1, hurts: -1, pain: -1, blisters: -1.5, rash: -1.5, itchy: -1.2, smells: -0.8, odor: -1.2, smell: -0.5, stale: -1.5, bland: -1, soggy: -1.2, burnt: -1.2, bitter: -1, artificial: -0.6,
    small: -0.3, 'runs small': -1, 'too small': -1.2, 'too big': -1.2, tight: -0.5, faded: -1.2, fading: -1, shrank: -1.2, pills: -1, 'missing': -1, wrong: -1.2, expired: -1.5, returned: -1, return: -0.8, refund: -0.8, returning: -1,
    rude: -1.5, unhelpful: -1.5, 'never arrived': -2, 'never replied': -1.5, hassle: -1, mess: -1, problem: -0.6, problems: -0.8, issue: -0.5, issues: -0.6, avoid: -1.5, "don't buy": -2, 'not recommended': -1.5, clunky: -1.2, misaligned: -1, 'way too': -0.5,
  },
  negators: [
    '不', '没', '没有', '别', '不太', '不是', '并不', '并没有', '从不', '从没', '毫无', '无', '未', '不够', '不怎么', '绝不', '一点也不', '一点都不', '不会',
    'not', 'no', 'never', "n't", "don't", "doesn't", "didn't", "isn't", "wasn't", "aren't", "weren't", "can't", "couldn't", "won't", "wouldn't", 'hardly', 'barely', 'nothing', 'without', 'cannot', 'dont', 'doesnt', 'didnt', 'isnt', 'wasnt',
  ],
  degrees: {
    非常: 1.5, 很: 1.2, 太: 1.4, 特别: 1.5, 超: 1.4, 超级: 1.5, 十分: 1.5, 极其: 1.8, 极: 1.6, 最: 1.4, 真: 1.2, 真的: 1.2, 挺: 1.1, 蛮: 1.1, 相当: 1.3, 巨: 1.5,
    有点: 0.6, 有些: 0.6, 有一点: 0.6, 稍微: 0.6, 稍: 0.6, 略: 0.6, 略微: 0.6, 比较: 0.9, 还: 0.8, 还算: 0.8,
    very: 1.5, really: 1.3, extremely: 1.8, super: 1.5, so: 1.3, too: 1.3, quite: 1.1, absolutely: 1.5, totally: 1.5, highly: 1.3, incredibly: 1.7, truly: 1.3,
    'a bit': 0.6, 'a little': 0.6, slightly: 0.6, somewhat: 0.7, fairly: 0.9, kinda: 0.7, rather: 0.9,
  },
  neutral: ['不过', '不但', '不仅', '不少', '不断', '不管', '不论', '不久', '不然', '不同', '不知', '没想到', '别人', '别的', '别家', '不用说', '好几', '好多', '还是', '好像'],
};
