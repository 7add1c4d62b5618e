import { BRANDS, BRAND_NAMES_ZH, type BrandDefinition } from '../sql/semantic/catalogue/brand-names.ts';
export { BRANDS, BRAND_NAMES_ZH, type BrandDefinition };

/**
 * The demo catalogue: categories, brands and product lines, bilingual. Exported so that planners, prompts
 * and tests can resolve '手机' → 'Phones' or '华为' → 'Huawei' without querying the warehouse.
 * Brands marked `fictional` are invented for the demo; the built-in product defects are attached only to
 * them, so that complaint patterns never put made-up faults on a real company's products.
 */
export type CategoryKey =
  | 'phones'
  | 'headphones'
  | 'laptops'
  | 'womens_clothing'
  | 'mens_clothing'
  | 'shoes'
  | 'beauty'
  | 'snacks'
  | 'home'
  | 'sports';

export type ReviewAspect =
  | 'quality'
  | 'price'
  | 'logistics'
  | 'service'
  | 'packaging'
  | 'fit'
  | 'material'
  | 'battery'
  | 'sound'
  | 'screen'
  | 'performance'
  | 'taste'
  | 'freshness'
  | 'effect'
  | 'comfort';

export interface VariantDefinition {
  en: string;
  zh: string;
  priceFactor: number;
}

export interface CategoryDefinition {
  key: CategoryKey;
  /** As stored in products.category. */
  name: string;
  /** As stored in products.category_zh. */
  nameZh: string;
  skuCode: string;
  /** Relative chance that a session browsing this category ends in a purchase (1 = average). */
  conversionFactor: number;
  /** Chance that a delivered order line of this category is returned. */
  returnRate: number;
  /** Most units of one product in one order line. */
  maxQuantity: number;
  /** Repeat purchases of the same product are plausible (consumables). */
  replenishable: boolean;
  aspects: readonly ReviewAspect[];
  variants: readonly VariantDefinition[];
  searchTermsZh: readonly string[];
  searchTermsEn: readonly string[];
  misspelledSearchTerms: readonly string[];
}


export interface SeriesDefinition {
  en: string;
  zh: string;
  /** Typical list price in yuan of the base variant. */
  price: number;
}

export interface LineupDefinition {
  category: CategoryKey;
  brand: string;
  /** Relative share of this brand's traffic within its category. */
  popularity: number;
  series: readonly SeriesDefinition[];
}

export type DefectKey = 'earbud_disconnect' | 'screen_bleed' | 'colour_fade' | 'sole_unglued' | 'chemical_smell';

export interface DefectDefinition {
  key: DefectKey;
  brand: string;
  category: CategoryKey;
  /** Share of this brand's reviews (in this category) that mention the defect. */
  mentionRate: number;
  zh: readonly string[];
  en: readonly string[];
}

const colours: readonly VariantDefinition[] = [
  { en: 'Black', zh: '黑色', priceFactor: 1 },
  { en: 'White', zh: '白色', priceFactor: 1 },
  { en: 'Blue', zh: '蓝色', priceFactor: 1.02 },
];

export const CATEGORIES: readonly CategoryDefinition[] = [
  {
    key: 'phones', name: 'Phones', nameZh: '手机', skuCode: 'PH', conversionFactor: 0.45, returnRate: 0.03,
    maxQuantity: 1, replenishable: false,
    aspects: ['quality', 'price', 'logistics', 'service', 'packaging', 'battery', 'screen', 'performance'],
    variants: [
      { en: '8GB+256GB Black', zh: '8GB+256GB 曜石黑', priceFactor: 1 },
      { en: '12GB+256GB White', zh: '12GB+256GB 雪域白', priceFactor: 1.1 },
      { en: '12GB+512GB Green', zh: '12GB+512GB 雅川青', priceFactor: 1.25 },
    ],
    searchTermsZh: ['手机', '5G手机', '拍照手机', '游戏手机', '手机 256G', '老人手机'],
    searchTermsEn: ['smartphone', '5g phone', 'camera phone', 'phone 256gb'],
    misspelledSearchTerms: ['iphnoe', 'smartphnoe', 'huawie mate', '手基'],
  },
  {
    key: 'headphones', name: 'Headphones', nameZh: '耳机', skuCode: 'HP', conversionFactor: 0.85, returnRate: 0.04,
    maxQuantity: 2, replenishable: false,
    aspects: ['quality', 'price', 'logistics', 'service', 'packaging', 'battery', 'sound'],
    variants: colours,
    searchTermsZh: ['蓝牙耳机', '降噪耳机', '无线耳机', '头戴式耳机', '运动耳机'],
    searchTermsEn: ['wireless earbuds', 'noise cancelling headphones', 'bluetooth earphones', 'earbuds'],
    misspelledSearchTerms: ['bluetooh earphones', 'earbudds', '降躁耳机', 'airpod pro'],
  },
  {
    key: 'laptops', name: 'Laptops', nameZh: '笔记本电脑', skuCode: 'LP', conversionFactor: 0.3, returnRate: 0.03,
    maxQuantity: 1, replenishable: false,
    aspects: ['quality', 'price', 'logistics', 'service', 'packaging', 'battery', 'screen', 'performance'],
    variants: [
      { en: '16GB+512GB', zh: '16GB+512GB', priceFactor: 1 },
      { en: '16GB+1TB', zh: '16GB+1TB', priceFactor: 1.12 },
      { en: '32GB+1TB', zh: '32GB+1TB', priceFactor: 1.3 },
    ],
    searchTermsZh: ['笔记本电脑', '轻薄本', '游戏本', '学生笔记本', '办公电脑'],
    searchTermsEn: ['laptop', 'gaming laptop', 'ultrabook', 'laptop for students'],
    misspelledSearchTerms: ['labtop', '笔计本', 'macbok'],
  },
  {
    key: 'womens_clothing', name: "Women's Clothing", nameZh: '女装', skuCode: 'WC', conversionFactor: 1.05,
    returnRate: 0.11, maxQuantity: 2, replenishable: false,
    aspects: ['quality', 'price', 'logistics', 'service', 'packaging', 'fit', 'material'],
    variants: [
      { en: 'Black', zh: '黑色', priceFactor: 1 },
      { en: 'Beige', zh: '米色', priceFactor: 1 },
      { en: 'Burgundy', zh: '酒红色', priceFactor: 1.05 },
    ],
    searchTermsZh: ['连衣裙 秋季', '女装 外套', '针织衫 女', '牛仔裤 女', '大衣 女', '卫衣 女'],
    searchTermsEn: ['women dress', 'autumn dress', 'women coat', 'cardigan'],
    misspelledSearchTerms: ['dres', '连衣群', 'cardigen'],
  },
  {
    key: 'mens_clothing', name: "Men's Clothing", nameZh: '男装', skuCode: 'MC', conversionFactor: 0.95,
    returnRate: 0.08, maxQuantity: 2, replenishable: false,
    aspects: ['quality', 'price', 'logistics', 'service', 'packaging', 'fit', 'material'],
    variants: [
      { en: 'Navy', zh: '藏青色', priceFactor: 1 },
      { en: 'Grey', zh: '灰色', priceFactor: 1 },
      { en: 'Khaki', zh: '卡其色', priceFactor: 1.03 },
    ],
    searchTermsZh: ['男装 外套', '羽绒服 男', '衬衫 男', '卫衣 男', '夹克'],
    searchTermsEn: ['men jacket', 'down jacket men', 'hoodie', 'men shirt'],
    misspelledSearchTerms: ['hoddie', 'jackit', '羽绒fu'],
  },
  {
    key: 'shoes', name: 'Shoes', nameZh: '鞋靴', skuCode: 'SH', conversionFactor: 0.9, returnRate: 0.1,
    maxQuantity: 1, replenishable: false,
    aspects: ['quality', 'price', 'logistics', 'service', 'packaging', 'fit', 'comfort'],
    variants: colours,
    searchTermsZh: ['运动鞋', '跑步鞋', '篮球鞋', '板鞋', '靴子 女', '老爹鞋'],
    searchTermsEn: ['running shoes', 'sneakers', 'basketball shoes', 'nike running shoes', 'boots'],
    misspelledSearchTerms: ['sneeker', 'runing shoes', '蓝球鞋'],
  },
  {
    key: 'beauty', name: 'Beauty', nameZh: '美妆', skuCode: 'BT', conversionFactor: 1.4, returnRate: 0.025,
    maxQuantity: 2, replenishable: true,
    aspects: ['quality', 'price', 'logistics', 'service', 'packaging', 'effect'],
    variants: [
      { en: 'Standard', zh: '标准装', priceFactor: 1 },
      { en: 'Large', zh: '大容量', priceFactor: 1.6 },
      { en: 'Gift Set', zh: '礼盒装', priceFactor: 1.9 },
    ],
    searchTermsZh: ['精华', '口红', '面霜', '粉底液', '眼影盘', '护肤品套装'],
    searchTermsEn: ['serum', 'lipstick', 'face cream', 'foundation', 'skincare'],
    misspelledSearchTerms: ['lipstik', '精化', 'serun'],
  },
  {
    key: 'snacks', name: 'Snacks', nameZh: '零食', skuCode: 'SN', conversionFactor: 2.1, returnRate: 0.01,
    maxQuantity: 3, replenishable: true,
    aspects: ['quality', 'price', 'logistics', 'packaging', 'taste', 'freshness'],
    variants: [
      { en: 'Single Pack', zh: '单袋装', priceFactor: 1 },
      { en: 'Family Pack', zh: '家庭装', priceFactor: 2.6 },
      { en: 'Box of 3', zh: '三盒装', priceFactor: 2.8 },
    ],
    searchTermsZh: ['零食', '坚果', '辣条', '零食大礼包', '薯片', '办公室零食'],
    searchTermsEn: ['snacks', 'nuts', 'chips', 'snack box'],
    misspelledSearchTerms: ['snaks', '坚国', 'chipps'],
  },
  {
    key: 'home', name: 'Home', nameZh: '家居', skuCode: 'HM', conversionFactor: 1.0, returnRate: 0.04,
    maxQuantity: 2, replenishable: false,
    aspects: ['quality', 'price', 'logistics', 'service', 'packaging', 'material'],
    variants: [
      { en: 'Grey', zh: '灰色', priceFactor: 1 },
      { en: 'White', zh: '白色', priceFactor: 1 },
      { en: 'Large', zh: '大号', priceFactor: 1.3 },
    ],
    searchTermsZh: ['收纳', '台灯', '扫地机器人', '四件套', '枕头', '电饭煲'],
    searchTermsEn: ['storage box', 'desk lamp', 'robot vacuum', 'bedding set', 'pillow'],
    misspelledSearchTerms: ['robot vaccum', '收那盒', 'pilow'],
  },
  {
    key: 'sports', name: 'Sports', nameZh: '运动户外', skuCode: 'SP', conversionFactor: 0.85, returnRate: 0.05,
    maxQuantity: 2, replenishable: false,
    aspects: ['quality', 'price', 'logistics', 'service', 'packaging', 'comfort'],
    variants: [
      { en: 'Black', zh: '黑色', priceFactor: 1 },
      { en: 'Green', zh: '军绿色', priceFactor: 1 },
      { en: 'Pro', zh: '专业款', priceFactor: 1.35 },
    ],
    searchTermsZh: ['瑜伽垫', '冲锋衣', '羽毛球拍', '跳绳', '登山包', '帐篷'],
    searchTermsEn: ['yoga mat', 'hiking jacket', 'badminton racket', 'dumbbells', 'tent'],
    misspelledSearchTerms: ['yoga matt', '羽毛球排', 'dumbells'],
  },
];



/** products.category → products.category_zh. */
export const CATEGORY_NAMES_ZH: Readonly<Record<string, string>> = Object.fromEntries(
  CATEGORIES.map((category) => [category.name, category.nameZh]),
);

const series = (en: string, zh: string, price: number): SeriesDefinition => ({ en, zh, price });

export const LINEUPS: readonly LineupDefinition[] = [
  { category: 'phones', brand: 'Apple', popularity: 5, series: [series('iPhone 16', 'iPhone 16', 5999), series('iPhone 16 Pro', 'iPhone 16 Pro', 7999), series('iPhone 15', 'iPhone 15', 4899)] },
  { category: 'phones', brand: 'Huawei', popularity: 5, series: [series('Mate 70', 'Mate 70', 5499), series('Pura 70', 'Pura 70', 4999), series('nova 13', 'nova 13', 2699)] },
  { category: 'phones', brand: 'Xiaomi', popularity: 4, series: [series('Xiaomi 15', '小米15', 4499), series('Redmi K80', '红米K80', 2499), series('Redmi Note 14', '红米Note 14', 1099)] },
  { category: 'phones', brand: 'OPPO', popularity: 2.5, series: [series('Find X8', 'Find X8', 4199), series('Reno 13', 'Reno 13', 2699), series('A5', 'A5', 1299)] },
  { category: 'phones', brand: 'vivo', popularity: 2.5, series: [series('X200', 'X200', 4299), series('S20', 'S20', 2299), series('Y300', 'Y300', 1399)] },
  { category: 'phones', brand: 'Honor', popularity: 2, series: [series('Magic7', 'Magic7', 4499), series('Honor 300', '荣耀300', 2299), series('X60', 'X60', 1199)] },

  { category: 'headphones', brand: 'Apple', popularity: 4, series: [series('AirPods 4', 'AirPods 4', 999), series('AirPods Pro 2', 'AirPods Pro 2', 1799)] },
  { category: 'headphones', brand: 'Huawei', popularity: 3, series: [series('FreeBuds Pro 4', 'FreeBuds Pro 4', 1299), series('FreeBuds 6i', 'FreeBuds 6i', 599)] },
  { category: 'headphones', brand: 'Xiaomi', popularity: 3, series: [series('Redmi Buds 6', '红米Buds 6', 199), series('Xiaomi Buds 5', '小米Buds 5', 699)] },
  { category: 'headphones', brand: 'Sony', popularity: 2, series: [series('WH-1000XM5 Headphones', 'WH-1000XM5 头戴式降噪耳机', 2499), series('WF-1000XM5 Earbuds', 'WF-1000XM5 降噪耳机', 1799)] },
  { category: 'headphones', brand: 'Anker', popularity: 2, series: [series('Soundcore Liberty 4', 'Soundcore Liberty 4', 599), series('Soundcore P40i', 'Soundcore P40i', 299)] },
  { category: 'headphones', brand: 'Edifier', popularity: 1.5, series: [series('W820NB Headphones', 'W820NB 头戴式耳机', 399), series('Lolli Pro 3', 'Lolli Pro 3', 499)] },
  { category: 'headphones', brand: 'QCY', popularity: 1.5, series: [series('T13 Earbuds', 'T13 蓝牙耳机', 99), series('HT08 ANC Earbuds', 'HT08 降噪耳机', 169)] },
  { category: 'headphones', brand: 'Soundpeak', popularity: 2, series: [series('Air S1 Wireless Earbuds', 'Air S1 无线蓝牙耳机', 149), series('Pro X ANC Earbuds', 'Pro X 主动降噪耳机', 259)] },

  { category: 'laptops', brand: 'Apple', popularity: 4, series: [series('MacBook Air 13 M3', 'MacBook Air 13 M3', 7999), series('MacBook Pro 14 M4', 'MacBook Pro 14 M4', 12999)] },
  { category: 'laptops', brand: 'Lenovo', popularity: 5, series: [series('ThinkPad X1 Carbon', 'ThinkPad X1 Carbon', 10999), series('Xiaoxin Pro 16', '小新Pro 16', 5499), series('Legion Y9000P', '拯救者Y9000P', 8999)] },
  { category: 'laptops', brand: 'Huawei', popularity: 3, series: [series('MateBook X Pro', 'MateBook X Pro', 9999), series('MateBook D 16', 'MateBook D 16', 4999)] },
  { category: 'laptops', brand: 'Xiaomi', popularity: 2, series: [series('Xiaomi Book Pro 14', '小米笔记本Pro 14', 6499), series('Redmi Book 16', '红米Book 16', 3999)] },
  { category: 'laptops', brand: 'ASUS', popularity: 2, series: [series('ROG Zephyrus G16', 'ROG 幻16', 12999), series('Vivobook 16', '无畏16', 3899)] },
  { category: 'laptops', brand: 'Dell', popularity: 1.5, series: [series('XPS 13', 'XPS 13', 9999), series('Inspiron 14', '灵越14', 4299)] },
  { category: 'laptops', brand: 'Voltbook', popularity: 1.5, series: [series('V14 Laptop', 'V14 轻薄本', 3499), series('V16 Pro Laptop', 'V16 Pro 高性能本', 4599)] },

  { category: 'womens_clothing', brand: 'Uniqlo', popularity: 4, series: [series('Fleece Jacket', '摇粒绒外套', 199), series('High-Rise Jeans', '高腰牛仔裤', 249), series('Merino Sweater', '美利奴羊毛针织衫', 299)] },
  { category: 'womens_clothing', brand: 'ZARA', popularity: 3, series: [series('Satin Midi Dress', '缎面连衣裙', 399), series('Tailored Blazer', '西装外套', 599)] },
  { category: 'womens_clothing', brand: 'Urban Revivo', popularity: 2.5, series: [series('Floral Autumn Dress', '碎花连衣裙 秋季', 359), series('Knit Cardigan', '针织开衫', 259)] },
  { category: 'womens_clothing', brand: 'Peacebird', popularity: 2, series: [series('Wool Coat', '羊毛大衣', 899), series('Oversized Hoodie', '宽松卫衣', 299)] },
  { category: 'womens_clothing', brand: 'Handu', popularity: 2, series: [series('Knit Dress', '针织连衣裙', 169), series('Wide-Leg Trousers', '阔腿裤', 129)] },
  { category: 'womens_clothing', brand: 'Mistyle', popularity: 2.5, series: [series('Basic T-Shirt', '基础款T恤', 59), series('Cotton Hoodie', '纯棉卫衣', 99)] },

  { category: 'mens_clothing', brand: 'Uniqlo', popularity: 4, series: [series('Fleece Jacket', '摇粒绒外套', 199), series('AIRism T-Shirt', 'AIRism T恤', 79), series('Ultra Light Down Jacket', '轻型羽绒服', 499)] },
  { category: 'mens_clothing', brand: 'HLA', popularity: 3, series: [series('Oxford Shirt', '商务牛津衬衫', 199), series('Casual Jacket', '休闲夹克', 399)] },
  { category: 'mens_clothing', brand: 'Jack & Jones', popularity: 2.5, series: [series('Denim Jacket', '牛仔夹克', 499), series('Straight Jeans', '直筒牛仔裤', 399)] },
  { category: 'mens_clothing', brand: 'Bosideng', popularity: 2.5, series: [series('Down Jacket', '羽绒服', 1299), series('Light Down Vest', '轻薄羽绒马甲', 499)] },
  { category: 'mens_clothing', brand: 'Semir', popularity: 2, series: [series('Hoodie', '连帽卫衣', 159), series('Chinos', '休闲裤', 139)] },

  { category: 'shoes', brand: 'Nike', popularity: 5, series: [series('Air Force 1', 'Air Force 1 空军一号', 799), series('Pegasus 41 Running Shoes', '飞马41 跑步鞋', 899), series('Dunk Low', 'Dunk Low 板鞋', 799)] },
  { category: 'shoes', brand: 'Adidas', popularity: 3.5, series: [series('Samba OG', 'Samba OG 德训鞋', 899), series('Ultraboost Light Running Shoes', 'Ultraboost Light 跑步鞋', 1299)] },
  { category: 'shoes', brand: 'Li-Ning', popularity: 4, series: [series('Feidian Racing Shoes', '飞电 竞速跑鞋', 899), series('Chitu 7 Running Shoes', '赤兔7 跑步鞋', 499), series('Way of Wade Basketball Shoes', '韦德之道 篮球鞋', 1299)] },
  { category: 'shoes', brand: 'Anta', popularity: 3, series: [series('C37 Sneakers', 'C37 软底休闲鞋', 299), series('KT Basketball Shoes', 'KT 篮球鞋', 899)] },
  { category: 'shoes', brand: 'Skechers', popularity: 2, series: [series('GOwalk Walking Shoes', 'GOwalk 健步鞋', 459), series('Chunky Dad Sneakers', '熊猫老爹鞋', 559)] },
  { category: 'shoes', brand: 'Stridelab', popularity: 2, series: [series('Daily Runner', '轻便跑步鞋', 199), series('Canvas Sneakers', '帆布板鞋', 229)] },

  { category: 'beauty', brand: 'Estee Lauder', popularity: 3, series: [series('Advanced Night Repair Serum', '小棕瓶精华', 760), series('Double Wear Foundation', 'DW持妆粉底液', 450)] },
  { category: 'beauty', brand: "L'Oreal", popularity: 3, series: [series('Revitalift Hyaluronic Serum', '复颜玻尿酸精华', 299), series('Eye Cream', '紫熨斗眼霜', 399)] },
  { category: 'beauty', brand: 'Lancome', popularity: 2.5, series: [series('Genifique Serum', '小黑瓶精华', 1080), series('Absolue Lipstick', '菁纯口红', 350)] },
  { category: 'beauty', brand: 'Perfect Diary', popularity: 3, series: [series('Eyeshadow Palette', '动物眼影盘', 129), series('Matte Lipstick', '小细跟口红', 79)] },
  { category: 'beauty', brand: 'Proya', popularity: 3, series: [series('Double Resist Serum', '双抗精华', 269), series('Ruby Cream', '红宝石面霜', 329)] },
  { category: 'beauty', brand: 'Florasis', popularity: 2, series: [series('Loose Setting Powder', '空气蜜粉', 149), series('Carved Lipstick', '雕花口红', 199)] },

  { category: 'snacks', brand: 'Three Squirrels', popularity: 5, series: [series('Daily Mixed Nuts', '每日坚果', 89.9), series('Macadamia Nuts', '夏威夷果', 39.9), series('Pecans', '碧根果', 35.9)] },
  { category: 'snacks', brand: 'Bestore', popularity: 4, series: [series('Pork Jerky', '猪肉脯', 29.9), series('Snack Gift Box', '零食大礼包', 99)] },
  { category: 'snacks', brand: 'Be&Cheery', popularity: 3, series: [series('Dried Mango', '芒果干', 19.9), series('Nut Gift Box', '坚果礼盒', 129)] },
  { category: 'snacks', brand: 'Weilong', popularity: 3, series: [series('Spicy Gluten Strips', '辣条', 12.9), series('Konjac Snack', '魔芋爽', 15.9)] },
  { category: 'snacks', brand: "Lay's", popularity: 2.5, series: [series('Potato Chips', '薯片', 9.9), series('Wavy Chips', '大波浪薯片', 12.9)] },
  { category: 'snacks', brand: 'Dove', popularity: 2, series: [series('Milk Chocolate', '丝滑牛奶巧克力', 39.9), series('Chocolate Gift Box', '巧克力礼盒', 89)] },

  { category: 'home', brand: 'MUJI', popularity: 3, series: [series('Aroma Diffuser', '超声波香薰机', 350), series('Storage Box', '收纳盒', 49)] },
  { category: 'home', brand: 'IKEA', popularity: 3, series: [series('Bookshelf', '书架', 399), series('Desk Lamp', '台灯', 149)] },
  { category: 'home', brand: 'Xiaomi', popularity: 3.5, series: [series('Mijia Robot Vacuum', '米家扫地机器人', 1999), series('Mijia Air Purifier', '米家空气净化器', 999), series('Mijia Desk Lamp', '米家台灯', 169)] },
  { category: 'home', brand: 'Midea', popularity: 3, series: [series('Rice Cooker', '电饭煲', 299), series('Tower Fan', '塔扇', 199)] },
  { category: 'home', brand: 'Supor', popularity: 2.5, series: [series('Non-Stick Pan', '不粘锅', 159), series('Vacuum Flask', '保温杯', 99)] },
  { category: 'home', brand: 'Fuanna', popularity: 2, series: [series('Bedding Set', '床上四件套', 599), series('Down Duvet', '羽绒被', 899)] },
  { category: 'home', brand: 'Nestly', popularity: 2, series: [series('Memory Foam Pillow', '记忆棉枕头', 89), series('Soft Area Rug', '客厅地毯', 159)] },

  { category: 'sports', brand: 'Decathlon', popularity: 4, series: [series('Yoga Mat', '瑜伽垫', 99), series('Hiking Backpack 30L', '30L登山包', 199), series('Camping Tent', '露营帐篷', 399)] },
  { category: 'sports', brand: 'Nike', popularity: 3, series: [series('Dri-FIT Training Tee', 'Dri-FIT 速干T恤', 199), series('Running Shorts', '跑步短裤', 249)] },
  { category: 'sports', brand: 'Li-Ning', popularity: 3, series: [series('Badminton Racket', '羽毛球拍', 399), series('Sports Hoodie', '运动卫衣', 329)] },
  { category: 'sports', brand: 'Anta', popularity: 2.5, series: [series('Tracksuit', '运动套装', 399)] },
  { category: 'sports', brand: 'Keep', popularity: 2, series: [series('Smart Jump Rope', '智能跳绳', 99), series('Adjustable Dumbbells', '可调节哑铃', 199)] },
  { category: 'sports', brand: 'Kailas', popularity: 2, series: [series('Shell Jacket', '冲锋衣', 1299), series('Hiking Boots', '登山鞋', 999)] },
  { category: 'sports', brand: 'The North Face', popularity: 2, series: [series('Shell Jacket', '冲锋衣', 1899), series('Fleece Jacket', '抓绒衣', 799)] },
  { category: 'sports', brand: 'Yonex', popularity: 1.5, series: [series('Badminton Racket', '羽毛球拍', 699)] },
];

export const DEFECTS: readonly DefectDefinition[] = [
  {
    key: 'earbud_disconnect', brand: 'Soundpeak', category: 'headphones', mentionRate: 0.45,
    zh: ['左耳经常断连', '用了一周左耳就断连了', '蓝牙老是断开，左耳没声音'],
    en: ['the left earbud keeps disconnecting', 'left earbud drops the connection every day', 'bluetooth keeps cutting out on the left side'],
  },
  {
    key: 'screen_bleed', brand: 'Voltbook', category: 'laptops', mentionRate: 0.4,
    zh: ['屏幕漏光严重', '屏幕边缘漏光，开机就发烫', '屏幕有漏光，还有点发热'],
    en: ['the screen has bad backlight bleed', 'backlight bleed along the bottom edge', 'screen bleeds light and the body gets hot'],
  },
  {
    key: 'colour_fade', brand: 'Mistyle', category: 'womens_clothing', mentionRate: 0.4,
    zh: ['洗了一次就掉色', '掉色严重，还缩水', '下水就褪色了'],
    en: ['the colour faded after one wash', 'it faded and shrank in the wash', 'colour runs badly when washed'],
  },
  {
    key: 'sole_unglued', brand: 'Stridelab', category: 'shoes', mentionRate: 0.4,
    zh: ['穿了两周就开胶了', '鞋底开胶', '鞋头开胶，质量堪忧'],
    en: ['the sole came unglued after two weeks', 'the sole is peeling off already', 'glue on the toe gave way'],
  },
  {
    key: 'chemical_smell', brand: 'Nestly', category: 'home', mentionRate: 0.4,
    zh: ['有很重的异味', '味道刺鼻，放了一周还有味', '甲醛味很重'],
    en: ['it has a strong chemical smell', 'the smell is still there after a week', 'smells strongly of chemicals'],
  },
];

export function categoryByKey(key: CategoryKey): CategoryDefinition {
  const category = CATEGORIES.find((candidate) => candidate.key === key);
  if (!category) throw new RangeError(`Unknown category key ${key}`);
  return category;
}
