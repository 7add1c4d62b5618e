import type { ReviewAspect } from './catalogue.ts';

export interface AspectPhrases {
  zhPositive: readonly string[];
  zhNegative: readonly string[];
  enPositive: readonly string[];
  enNegative: readonly string[];
}

/**
 * Aspect phrases for compositional review text. Negations are deliberate in both polarities
 * ("not bad at all" is praise, "没有想象中好" is a complaint) so sentiment is not a keyword lookup.
 */
export const ASPECT_PHRASES: Readonly<Record<ReviewAspect, AspectPhrases>> = {
  quality: {
    zhPositive: ['质量很好', '做工精细', '质量不错', '品质没得说', '用料扎实', '质量比想象中好'],
    zhNegative: ['质量一般', '做工粗糙', '质量不太好', '没有想象中好', '有点廉价感', '质量真的不行'],
    enPositive: ['great quality', 'well made', 'solid build quality', 'quality is not bad at all', 'better quality than expected'],
    enNegative: ['quality is poor', 'feels cheap', 'not as good as I expected', 'build quality is not great'],
  },
  price: {
    zhPositive: ['性价比很高', '价格实惠', '这个价位很值', '活动价很划算', '不贵'],
    zhNegative: ['价格偏贵', '不太值这个价', '比别家贵', '性价比不高'],
    enPositive: ['great value for money', 'worth the price', 'good deal during the sale', 'not expensive'],
    enNegative: ['overpriced', 'not worth the money', 'a bit pricey for what it is'],
  },
  logistics: {
    zhPositive: ['物流很快', '第二天就到了', '快递给力', '发货速度快', '物流不慢'],
    zhNegative: ['物流太慢', '快递等了好久', '发货慢', '物流不太好，包裹还被压了', '快递一直不更新'],
    enPositive: ['fast delivery', 'arrived the next day', 'shipping was quick', 'delivery was not slow at all'],
    enNegative: ['delivery was slow', 'took ages to arrive', 'shipping was not fast at all', 'tracking never updated'],
  },
  service: {
    zhPositive: ['客服态度很好', '客服回复很及时', '售后很耐心', '商家服务周到'],
    zhNegative: ['客服爱答不理', '客服回复太慢', '售后处理不太好', '商家态度差'],
    enPositive: ['customer service was helpful', 'the seller replied quickly', 'after-sales support was patient'],
    enNegative: ['customer service was unhelpful', 'the seller never replied', 'after-sales was a hassle'],
  },
  packaging: {
    zhPositive: ['包装很严实', '包装精美', '包装完好', '包装很用心'],
    zhNegative: ['包装简陋', '包装破损了', '盒子压扁了', '包装不太好'],
    enPositive: ['well packaged', 'nice packaging', 'arrived in perfect condition'],
    enNegative: ['packaging was damaged', 'the box arrived crushed', 'packaging was flimsy'],
  },
  fit: {
    zhPositive: ['尺码标准', '大小合适', '上身效果很好', '版型很正'],
    zhNegative: ['尺码偏小', '尺码偏大', '版型不太好', '穿着不合身'],
    enPositive: ['fits true to size', 'the fit is perfect', 'looks great on'],
    enNegative: ['runs small', 'runs large', 'the fit is off'],
  },
  material: {
    zhPositive: ['面料舒服', '材质很好', '手感柔软', '材质不差'],
    zhNegative: ['面料起球', '材质一般', '有线头', '材质不太好'],
    enPositive: ['the fabric feels soft', 'nice material', 'material is not bad'],
    enNegative: ['the fabric pills', 'material feels thin', 'loose threads everywhere'],
  },
  battery: {
    zhPositive: ['续航很给力', '电池很耐用', '充电很快'],
    zhNegative: ['续航不太行', '掉电很快', '电池不耐用'],
    enPositive: ['battery life is great', 'charges fast', 'the battery lasts all day'],
    enNegative: ['battery drains fast', 'battery life is not great'],
  },
  sound: {
    zhPositive: ['音质很好', '降噪效果不错', '低音很足'],
    zhNegative: ['音质一般', '降噪效果不太好', '有杂音'],
    enPositive: ['sound quality is excellent', 'noise cancelling works well', 'the bass is rich'],
    enNegative: ['the sound is muddy', 'noise cancelling is weak', 'there is a hiss'],
  },
  screen: {
    zhPositive: ['屏幕显示很清晰', '屏幕素质很好', '屏幕色彩很正'],
    zhNegative: ['屏幕偏黄', '屏幕亮度不够', '屏幕有坏点'],
    enPositive: ['the screen is sharp and bright', 'colours on the display look accurate'],
    enNegative: ['the screen looks dim', 'the display has a yellow tint'],
  },
  performance: {
    zhPositive: ['运行很流畅', '速度很快，不卡', '性能强劲'],
    zhNegative: ['有点卡顿', '发热有点严重', '玩游戏会掉帧'],
    enPositive: ['runs smoothly', 'very fast, no lag', 'performance is not bad at all'],
    enNegative: ['it lags a bit', 'gets hot under load', 'frame drops in games'],
  },
  taste: {
    zhPositive: ['味道很好', '好吃不腻', '口感很棒', '孩子很喜欢吃'],
    zhNegative: ['味道一般', '太咸了', '有点甜腻', '不太好吃'],
    enPositive: ['tastes great', 'delicious and not too sweet', 'the kids love it'],
    enNegative: ['too salty', 'tastes bland', 'not tasty at all'],
  },
  freshness: {
    zhPositive: ['很新鲜', '日期很新', '很脆，没有受潮'],
    zhNegative: ['有点受潮', '快过期了', '不新鲜'],
    enPositive: ['very fresh', 'long best-before date', 'crunchy and fresh'],
    enNegative: ['a bit stale', 'close to the expiry date'],
  },
  effect: {
    zhPositive: ['用了皮肤状态变好了', '很保湿', '不油腻，吸收快', '颜色很显白'],
    zhNegative: ['用了有点过敏', '效果不明显', '有点油腻', '颜色不太适合我'],
    enPositive: ['my skin feels great', 'very moisturising', 'the shade is flattering'],
    enNegative: ['caused a small breakout', 'no visible effect', 'feels greasy'],
  },
  comfort: {
    zhPositive: ['穿着很舒服', '脚感很好', '轻便舒适'],
    zhNegative: ['有点磨脚', '穿着不舒服', '鞋底偏硬'],
    enPositive: ['very comfortable', 'light and comfy', 'not uncomfortable even after a long day'],
    enNegative: ['rubs my heel', 'uncomfortable after an hour', 'the sole is too stiff'],
  },
};

export const OPENERS = {
  zhPositive: ['', '', '', '宝贝收到了，', '第二次买了，', '整体满意，'],
  zhNegative: ['', '', '收到货了，', '说实话，', '有点失望，'],
  enPositive: ['', '', '', 'Overall happy. ', 'Second purchase. '],
  enNegative: ['', '', 'Honestly, ', 'A bit disappointed. '],
} as const;

export const CLOSERS = {
  zhPositive: ['，推荐购买！', '，会回购的。', '。', '，好评！', '，值得入手。'],
  zhNegative: ['，不推荐。', '，失望。', '。', '，差评。', '，不会再买了。'],
  zhMixed: ['。', '，总体还行。', '，凑合用吧。', '，中规中矩。'],
  enPositive: ['. Recommended!', '. Would buy again.', '.', '. Five stars.'],
  enNegative: ['. Not recommended.', '. Disappointed.', '.', '. Would not buy again.'],
  enMixed: ['.', '. It is okay overall.', '. Average.', '. Mixed feelings.'],
} as const;

/** Connectors from praise to complaint ("质量不错，但是物流太慢") … */
export const CONTRAST_ZH = ['，但是', '，不过', '，就是', '，可惜'];
export const CONTRAST_EN = [', but ', ', although ', '; however, '];
/** … and from complaint to praise ("物流太慢，好在质量不错"). */
export const CONCESSION_ZH = ['，但是', '，不过', '，好在', '，还好'];
export const CONCESSION_EN = [', but ', ', although ', '; on the plus side, '];
