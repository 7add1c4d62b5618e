/**
 * A small bilingual e-commerce thesaurus for the fallback encoder. Hashed n-grams only see shared wording,
 * so "物流太慢", "快递等了好久" and "delivery was slow" would share nothing; each of these words also emits a
 * concept feature (logistics, slow …) that lines them up across wording and language. Chinese terms match
 * as substrings; English terms match whole words (plural -s/-es included), or word prefixes when they end
 * in '*' ("deliver*" matches "delivered"). It is general shop
 * vocabulary — aspects people review and product types people search — not a list of any data set's phrases;
 * a real embedding model (SHOPLENS_EMBED_MODEL) makes it unnecessary.
 */
export interface Concept {
  name: string;
  zh: readonly string[];
  en: readonly string[];
}

export const CONCEPTS: readonly Concept[] = [
  // Review aspects.
  { name: 'logistics', zh: ['物流', '快递', '发货', '配送', '送货', '到货', '包裹', '签收', '派送', '运输', '运单'], en: ['deliver*', 'shipping', 'shipped', 'shipment', 'ship', 'courier', 'parcel', 'tracking', 'logistic*', 'arriv*', 'dispatch', 'postage'] },
  { name: 'slow', zh: ['慢', '好久', '很久', '迟迟', '延迟', '等了', '拖了', '不更新'], en: ['slow', 'ages', 'late', 'delay', 'forever', 'waiting'] },
  { name: 'fast', zh: ['快', '迅速', '及时', '第二天', '次日', '当天'], en: ['fast', 'quick', 'speedy', 'prompt', 'rapid'] },
  { name: 'quality', zh: ['质量', '品质', '做工', '用料', '材质', '面料', '手感', '廉价'], en: ['quality', 'made', 'build', 'material', 'fabric', 'craftsmanship', 'durable'] },
  { name: 'good', zh: ['好', '不错', '满意', '推荐', '好评', '棒', '值得', '喜欢', '没得说', '精美', '精细', '扎实', '完美', '优秀'], en: ['good', 'great', 'excellent', 'perfect', 'love', 'nice', 'recommend*', 'happy', 'solid', 'amazing', 'best', 'awesome', 'satisf*'] },
  { name: 'bad', zh: ['差', '失望', '不行', '一般', '粗糙', '垃圾', '糟糕', '坏', '破损', '问题', '后悔', '凑合'], en: ['bad', 'poor', 'terrible', 'awful', 'disappoint*', 'worst', 'broken', 'damaged', 'flimsy', 'hassle', 'unhelpful', 'defect*', 'faulty', 'regret'] },
  { name: 'price', zh: ['价格', '价位', '性价比', '便宜', '贵', '划算', '实惠', '活动价', '优惠', '满减', '价钱'], en: ['price', 'pricey', 'priced', 'value', 'money', 'expensive', 'cheap', 'deal', 'overpriced', 'worth', 'discount', 'coupon', 'cost'] },
  { name: 'expensive', zh: ['贵', '偏贵', '不值'], en: ['expensive', 'overpriced', 'pricey'] },
  { name: 'cheap', zh: ['便宜', '实惠', '划算', '很值'], en: ['cheap', 'affordable', 'bargain'] },
  { name: 'service', zh: ['客服', '售后', '服务', '商家', '卖家', '店家', '态度', '回复'], en: ['service', 'seller', 'support', 'customer', 'replied*', 'reply', 'refund*', 'warranty'] },
  { name: 'packaging', zh: ['包装', '盒子', '箱子', '压扁', '外盒'], en: ['packag*', 'box', 'crushed', 'wrapping'] },
  { name: 'fit', zh: ['尺码', '大小', '合身', '版型', '偏大', '偏小', '上身'], en: ['fit', 'size', 'sizing', 'tight', 'loose'] },
  { name: 'battery', zh: ['电池', '续航', '充电', '掉电', '电量'], en: ['battery', 'charg*', 'power'] },
  { name: 'sound', zh: ['音质', '降噪', '低音', '杂音', '声音', '音效'], en: ['sound', 'noise', 'bass', 'audio', 'hiss'] },
  { name: 'screen', zh: ['屏幕', '显示', '亮度', '色彩', '坏点', '漏光'], en: ['screen', 'display', 'bright', 'pixel*'] },
  { name: 'performance', zh: ['卡顿', '流畅', '性能', '发热', '掉帧', '运行', '不卡'], en: ['lag', 'performance', 'smooth', 'overheat*', 'frame', 'fps'] },
  { name: 'taste', zh: ['味道', '好吃', '口感', '咸', '甜', '难吃', '口味'], en: ['tast*', 'delicious', 'salty', 'sweet', 'bland', 'flavo*'] },
  { name: 'freshness', zh: ['新鲜', '日期', '受潮', '过期', '保质期'], en: ['fresh', 'stale', 'expir*', 'crunchy'] },
  { name: 'skin', zh: ['皮肤', '过敏', '保湿', '油腻', '吸收', '显白', '肤质'], en: ['skin', 'moistur*', 'greasy', 'breakout', 'allerg*', 'shade'] },
  { name: 'comfort', zh: ['舒服', '舒适', '磨脚', '脚感', '轻便', '鞋底'], en: ['comfort*', 'comfy', 'uncomfortable', 'heel', 'sole', 'stiff'] },
  { name: 'smell', zh: ['异味', '气味', '味儿', '刺鼻', '甲醛'], en: ['smell', 'odour', 'odor', 'stink'] },
  // Product types people search for.
  { name: 'phone', zh: ['手机'], en: ['phone', 'smartphone', 'iphone', 'cellphone'] },
  { name: 'headphones', zh: ['耳机', '耳麦'], en: ['earbud*', 'headphone*', 'earphone*', 'headset', 'buds'] },
  { name: 'laptop', zh: ['笔记本', '电脑', '游戏本', '轻薄本'], en: ['laptop', 'notebook', 'macbook', 'ultrabook'] },
  { name: 'clothing', zh: ['女装', '男装', '衣', '裙', '裤', '外套', '大衣', '夹克', '衬衫', '毛衣', '针织', '恤衫'], en: ['dress', 'shirt', 'jacket', 'coat', 'jeans', 'sweater', 'cardigan', 'hoodie', 'pants', 'trousers', 'blazer', 'skirt', 'cloth', 'knit', 'tshirt'] },
  { name: 'women', zh: ['女', '女装'], en: ['women', 'woman', 'ladies', 'female'] },
  { name: 'men', zh: ['男', '男装'], en: ['men', 'man', 'male'] },
  { name: 'shoes', zh: ['鞋', '靴'], en: ['shoe', 'sneaker*', 'boot', 'trainer', 'sandal', 'slipper', 'loafer'] },
  { name: 'beauty', zh: ['美妆', '口红', '精华', '面霜', '粉底', '眼霜', '眼影', '护肤', '化妆', '乳液', '面膜', '香水', '腮红'], en: ['lipstick', 'serum', 'cream', 'foundation', 'makeup', 'skincare', 'mascara', 'eyeshadow', 'perfume', 'lotion', 'cosmetic*', 'beauty'] },
  { name: 'snacks', zh: ['零食', '坚果', '薯片', '辣条', '饼干', '巧克力', '肉干', '果干', '瓜子', '糖果', '零嘴', '魔芋'], en: ['snack*', 'nut', 'chips', 'crisps', 'jerky', 'chocolate', 'cookie', 'biscuit', 'candy'] },
  { name: 'home', zh: ['家居', '收纳', '被子', '羽绒被', '枕', '台灯', '床', '四件套', '毛巾', '扫地机', '锅'], en: ['storage', 'pillow', 'lamp', 'bedding', 'duvet', 'towel', 'vacuum', 'blanket', 'mattress', 'home'] },
  { name: 'sports', zh: ['运动', '瑜伽', '哑铃', '帐篷', '球拍', '登山', '冲锋衣', '健身', '跑步', '篮球', '羽毛球', '户外', '露营'], en: ['sport', 'yoga', 'dumbbell*', 'tent', 'racket', 'hiking', 'fitness', 'gym', 'running', 'basketball', 'badminton', 'outdoor', 'camping'] },
];

/** Each concept owns one vector slot (its index here), so the heaviest features never collide with anything. */
export const CONCEPT_SLOTS: ReadonlyMap<string, number> = new Map(CONCEPTS.map((concept, index) => [concept.name, index]));

/** Negating a polar word ("不慢", "not bad") means its opposite. Other concepts ignore negation. */
export const OPPOSITE_CONCEPTS: Readonly<Record<string, string>> = {
  slow: 'fast', fast: 'slow', good: 'bad', bad: 'good', expensive: 'cheap', cheap: 'expensive',
};

export const CHINESE_NEGATORS = ['不', '没', '无', '未', '别'] as const;
export const ENGLISH_NEGATORS = new Set(['not', 'no', 'never', 'nothing', 'hardly']);
