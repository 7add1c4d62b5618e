/**
 * A bilingual aspect lexicon: what a review clause is about. Chinese terms match as substrings; English terms
 * match whole words or phrases, and a trailing '*' matches any ending ("deliver*" → delivery, delivered).
 * `unless` terms cancel the aspect in a clause where they appear ("降噪效果" is sound, not a beauty effect;
 * "味道刺鼻" is a smell, not a taste).
 */
export interface AspectDefinition {
  id: string;
  label_en: string;
  label_zh: string;
  zh: readonly string[];
  en: readonly string[];
  unless?: readonly string[];
}

export const ASPECT_LEXICON_ID = 'shoplens-aspects-v1';

export const ASPECTS: readonly AspectDefinition[] = [
  {
    id: 'quality', label_en: 'Quality', label_zh: '质量',
    zh: ['质量', '品质', '做工', '用料', '质感', '廉价', '粗糙', '开胶', '坏了', '用坏', '做工差', '瑕疵', '次品'],
    en: ['quality', 'well made', 'build', 'built', 'workmanship', 'craftsmanship', 'feels cheap', 'broke', 'broken', 'defective', 'unglued', 'peeling', 'fell apart', 'sole', 'glue'],
  },
  {
    id: 'price', label_en: 'Price', label_zh: '价格',
    zh: ['价格', '价位', '价钱', '性价比', '贵', '便宜', '实惠', '划算', '值这个价', '很值', '不值', '活动价', '优惠', '降价', '超值'],
    en: ['price*', 'pricey', 'overpriced', 'value for money', 'worth the money', 'worth the price', 'not worth', 'expensive', 'deal', 'bargain', 'cost*'],
  },
  {
    id: 'logistics', label_en: 'Delivery', label_zh: '物流',
    zh: ['物流', '快递', '发货', '配送', '送货', '到货', '运输', '派送', '签收', '第二天就到', '隔天就到', '包裹'],
    en: ['deliver*', 'shipping', 'shipped', 'shipment', 'courier', 'parcel', 'tracking', 'dispatch*', 'arrive', 'arrived the next day', 'took ages', 'next day'],
  },
  {
    id: 'service', label_en: 'Customer service', label_zh: '客服与售后',
    zh: ['客服', '服务', '售后', '商家', '卖家', '店家', '态度', '回复', '退换', '爱答不理'],
    en: ['customer service', 'service', 'seller', 'support', 'after-sales', 'replied', 'reply', 'response', 'refund*'],
  },
  {
    id: 'packaging', label_en: 'Packaging', label_zh: '包装',
    zh: ['包装', '盒子', '纸箱', '外箱', '压扁', '泡沫'],
    en: ['packag*', 'box', 'boxes', 'wrapping', 'wrapped', 'perfect condition'],
  },
  {
    id: 'size_fit', label_en: 'Size and fit', label_zh: '尺码版型',
    zh: ['尺码', '尺寸', '大小', '版型', '合身', '偏大', '偏小', '上身', '码数', '修身'],
    en: ['size', 'sizes', 'sizing', 'fit', 'fits', 'runs small', 'runs large', 'too tight', 'too loose', 'looks great on'],
  },
  {
    id: 'material', label_en: 'Material', label_zh: '面料材质',
    zh: ['面料', '材质', '布料', '手感', '起球', '线头', '掉色', '褪色', '缩水'],
    en: ['fabric', 'material', 'pills', 'threads', 'stitching', 'faded', 'fades', 'shrank', 'colour runs', 'color runs'],
  },
  {
    id: 'comfort', label_en: 'Comfort', label_zh: '舒适度',
    zh: ['舒服', '舒适', '磨脚', '脚感', '透气', '鞋底偏硬', '闷脚'],
    en: ['comfortable', 'comfy', 'uncomfortable', 'comfort', 'rubs', 'stiff', 'blister*'],
  },
  {
    id: 'battery', label_en: 'Battery', label_zh: '续航电池',
    zh: ['续航', '电池', '电量', '掉电', '充电', '待机'],
    en: ['battery', 'charg*', 'drains'],
  },
  {
    id: 'sound', label_en: 'Sound', label_zh: '音质',
    zh: ['音质', '降噪', '低音', '杂音', '音效', '高音', '底噪', '声音'],
    en: ['sound', 'noise cancel*', 'bass', 'hiss', 'audio', 'treble'],
  },
  {
    id: 'connectivity', label_en: 'Connectivity', label_zh: '连接稳定性',
    zh: ['断连', '断开', '蓝牙', '连接', '配对', '掉线'],
    en: ['disconnect*', 'bluetooth', 'connection', 'pairing', 'cutting out', 'drops the connection'],
  },
  {
    id: 'screen', label_en: 'Screen', label_zh: '屏幕',
    zh: ['屏幕', '显示', '漏光', '坏点', '亮度', '屏'],
    en: ['screen', 'display', 'backlight', 'bleed*', 'dim', 'brightness'],
  },
  {
    id: 'performance', label_en: 'Performance', label_zh: '性能',
    zh: ['卡顿', '流畅', '性能', '发热', '发烫', '掉帧', '运行', '不卡', '反应慢'],
    en: ['lag*', 'performance', 'smoothly', 'hot', 'overheat*', 'frame drops', 'frame rate', 'fps'],
  },
  {
    id: 'taste', label_en: 'Taste', label_zh: '口味',
    zh: ['味道', '口感', '好吃', '难吃', '太咸', '甜腻', '口味', '喜欢吃', '不腻'],
    en: ['taste*', 'tasty', 'delicious', 'salty', 'bland', 'flavo*', 'too sweet'],
    unless: ['刺鼻', '异味', '甲醛', '有味', 'chemical', 'smell'],
  },
  {
    id: 'freshness', label_en: 'Freshness', label_zh: '新鲜度',
    zh: ['新鲜', '受潮', '过期', '日期', '保质期', '很脆'],
    en: ['fresh', 'stale', 'expiry', 'expired', 'best-before', 'crunchy'],
  },
  {
    id: 'effect', label_en: 'Effect (beauty)', label_zh: '使用效果',
    zh: ['效果', '保湿', '过敏', '油腻', '吸收', '显白', '皮肤', '肤感'],
    en: ['skin', 'moisturis*', 'moisturiz*', 'breakout', 'greasy', 'effect', 'shade'],
    unless: ['降噪', '上身效果', 'noise'],
  },
  {
    id: 'smell', label_en: 'Smell', label_zh: '气味',
    zh: ['异味', '刺鼻', '甲醛', '气味', '有味', '臭'],
    en: ['smell*', 'odour', 'odor', 'chemical*'],
  },
  {
    id: 'appearance', label_en: 'Appearance', label_zh: '外观颜值',
    zh: ['外观', '颜值', '好看', '颜色', '款式', '设计', '漂亮'],
    en: ['looks', 'design', 'colour', 'color', 'style', 'pretty', 'beautiful'],
    unless: ['掉色', 'colour runs', 'color runs', '显白'],
  },
];

const aspectsById = new Map(ASPECTS.map((aspect) => [aspect.id, aspect]));

export function aspectById(id: string): AspectDefinition | undefined {
  return aspectsById.get(id);
}

function englishPattern(terms: readonly string[]): RegExp {
  const alternatives = terms.map((term) => {
    const prefix = term.endsWith('*');
    const escaped = (prefix ? term.slice(0, -1) : term).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
    return prefix ? `${escaped}\\p{L}*` : escaped;
  });
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'iu');
}

const MATCHERS = ASPECTS.map((aspect) => ({
  aspect,
  english: englishPattern(aspect.en),
  chinese: aspect.zh,
  unless: (aspect.unless ?? []).map((term) => term.toLowerCase()),
}));

/** The aspects a clause talks about, in lexicon order. */
export function matchAspects(clauseText: string): AspectDefinition[] {
  const text = clauseText.normalize('NFKC').toLowerCase();
  return MATCHERS.filter((matcher) => {
    const matched = matcher.chinese.some((term) => text.includes(term)) || matcher.english.test(text);
    return matched && !matcher.unless.some((term) => text.includes(term));
  }).map((matcher) => matcher.aspect);
}
