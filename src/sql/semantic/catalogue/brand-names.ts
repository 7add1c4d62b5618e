/**
 * Brands with their usual Chinese names, so that a question naming 华为 matches products.brand = 'Huawei' and
 * Chinese answers show 华为. The demo generator draws its brands from this list.
 */
export interface BrandDefinition {
  name: string;
  nameZh: string;
  /** Nicknames shoppers and analysts use ("阿迪" for Adidas), matched like the names. */
  aliases?: string[];
  fictional?: boolean;
}

export const BRANDS: readonly BrandDefinition[] = [
  { name: 'Apple', nameZh: '苹果' },
  { name: 'Huawei', nameZh: '华为' },
  { name: 'Xiaomi', nameZh: '小米' },
  { name: 'OPPO', nameZh: 'OPPO' },
  { name: 'vivo', nameZh: 'vivo' },
  { name: 'Honor', nameZh: '荣耀' },
  { name: 'Sony', nameZh: '索尼' },
  { name: 'Anker', nameZh: '安克' },
  { name: 'Edifier', nameZh: '漫步者' },
  { name: 'QCY', nameZh: 'QCY' },
  { name: 'Soundpeak', nameZh: '声浪', fictional: true },
  { name: 'Lenovo', nameZh: '联想' },
  { name: 'ASUS', nameZh: '华硕' },
  { name: 'Dell', nameZh: '戴尔' },
  { name: 'Voltbook', nameZh: '伏特本', fictional: true },
  { name: 'Uniqlo', nameZh: '优衣库' },
  { name: 'ZARA', nameZh: 'ZARA' },
  { name: 'Urban Revivo', nameZh: 'UR' },
  { name: 'Peacebird', nameZh: '太平鸟' },
  { name: 'Handu', nameZh: '韩都衣舍' },
  { name: 'Mistyle', nameZh: '雾语', fictional: true },
  { name: 'HLA', nameZh: '海澜之家' },
  { name: 'Jack & Jones', nameZh: '杰克琼斯' },
  { name: 'Bosideng', nameZh: '波司登' },
  { name: 'Semir', nameZh: '森马' },
  { name: 'Nike', nameZh: '耐克' },
  { name: 'Adidas', nameZh: '阿迪达斯', aliases: ['阿迪'] },
  { name: 'Li-Ning', nameZh: '李宁' },
  { name: 'Anta', nameZh: '安踏' },
  { name: 'Skechers', nameZh: '斯凯奇' },
  { name: 'Stridelab', nameZh: '步迹', fictional: true },
  { name: 'Estee Lauder', nameZh: '雅诗兰黛' },
  { name: "L'Oreal", nameZh: '欧莱雅' },
  { name: 'Lancome', nameZh: '兰蔻' },
  { name: 'Perfect Diary', nameZh: '完美日记' },
  { name: 'Proya', nameZh: '珀莱雅' },
  { name: 'Florasis', nameZh: '花西子' },
  { name: 'Three Squirrels', nameZh: '三只松鼠' },
  { name: 'Bestore', nameZh: '良品铺子' },
  { name: 'Be&Cheery', nameZh: '百草味' },
  { name: 'Weilong', nameZh: '卫龙' },
  { name: "Lay's", nameZh: '乐事' },
  { name: 'Dove', nameZh: '德芙' },
  { name: 'MUJI', nameZh: '无印良品' },
  { name: 'IKEA', nameZh: '宜家' },
  { name: 'Midea', nameZh: '美的' },
  { name: 'Supor', nameZh: '苏泊尔' },
  { name: 'Fuanna', nameZh: '富安娜' },
  { name: 'Nestly', nameZh: '巢趣', fictional: true },
  { name: 'Decathlon', nameZh: '迪卡侬' },
  { name: 'Keep', nameZh: 'Keep' },
  { name: 'Kailas', nameZh: '凯乐石' },
  { name: 'The North Face', nameZh: '北面', aliases: ['tnf', '北脸'] },
  { name: 'Yonex', nameZh: '尤尼克斯' },
];

/** Canonical brand → its nicknames. */
export const BRAND_ALIASES: Readonly<Record<string, readonly string[]>> = Object.fromEntries(BRANDS.filter((brand) => brand.aliases).map((brand) => [brand.name, brand.aliases ?? []]));

/** Canonical brand (as stored in products.brand) → Chinese name. */
export const BRAND_NAMES_ZH: Readonly<Record<string, string>> = Object.fromEntries(
  BRANDS.map((brand) => [brand.name, brand.nameZh]),
);
