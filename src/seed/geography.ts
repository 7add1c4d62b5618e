import { CITY_NAMES_ZH, PROVINCE_NAMES_ZH } from '../sql/semantic/catalogue/city-names.ts';
/**
 * Demo geography: cities as stored in users.city (English), their province and tier, with Chinese names
 * exported so a planner can map '北京' → 'Beijing' and '广东' → 'Guangdong'.
 */
export type CityTier = 'tier1' | 'new_tier1' | 'tier2' | 'tier3' | 'tier4';

export const CITY_TIERS: readonly CityTier[] = ['tier1', 'new_tier1', 'tier2', 'tier3', 'tier4'];

export const CITY_TIER_NAMES_ZH: Readonly<Record<CityTier, string>> = {
  tier1: '一线城市',
  new_tier1: '新一线城市',
  tier2: '二线城市',
  tier3: '三线城市',
  tier4: '四线城市',
};

export interface CityDefinition {
  name: string;
  nameZh: string;
  province: string;
  tier: CityTier;
  /** Relative share of users. */
  weight: number;
  /** Real district names, used in shipping addresses. */
  districtsZh: readonly string[];
}

const city = (
  name: string,
  nameZh: string,
  province: string,
  tier: CityTier,
  weight: number,
  districtsZh: string[],
): CityDefinition => ({ name, nameZh, province, tier, weight, districtsZh });

export const CITIES: readonly CityDefinition[] = [
  city('Beijing', '北京', 'Beijing', 'tier1', 7, ['朝阳区', '海淀区', '东城区', '丰台区']),
  city('Shanghai', '上海', 'Shanghai', 'tier1', 7.5, ['浦东新区', '徐汇区', '静安区', '闵行区']),
  city('Guangzhou', '广州', 'Guangdong', 'tier1', 5.5, ['天河区', '越秀区', '海珠区', '番禺区']),
  city('Shenzhen', '深圳', 'Guangdong', 'tier1', 5.5, ['南山区', '福田区', '宝安区', '龙岗区']),
  city('Chengdu', '成都', 'Sichuan', 'new_tier1', 4.5, ['武侯区', '锦江区', '高新区', '青羊区']),
  city('Hangzhou', '杭州', 'Zhejiang', 'new_tier1', 4.5, ['西湖区', '余杭区', '滨江区', '拱墅区']),
  city('Chongqing', '重庆', 'Chongqing', 'new_tier1', 4, ['渝中区', '江北区', '渝北区', '南岸区']),
  city('Wuhan', '武汉', 'Hubei', 'new_tier1', 3.5, ['武昌区', '洪山区', '江汉区', '汉阳区']),
  city("Xi'an", '西安', 'Shaanxi', 'new_tier1', 3, ['雁塔区', '碑林区', '未央区']),
  city('Suzhou', '苏州', 'Jiangsu', 'new_tier1', 3, ['姑苏区', '工业园区', '吴中区']),
  city('Nanjing', '南京', 'Jiangsu', 'new_tier1', 3, ['鼓楼区', '玄武区', '江宁区', '建邺区']),
  city('Tianjin', '天津', 'Tianjin', 'new_tier1', 2.5, ['和平区', '南开区', '河西区']),
  city('Changsha', '长沙', 'Hunan', 'new_tier1', 2.5, ['岳麓区', '芙蓉区', '天心区']),
  city('Zhengzhou', '郑州', 'Henan', 'new_tier1', 2.5, ['金水区', '二七区', '中原区']),
  city('Xiamen', '厦门', 'Fujian', 'tier2', 2, ['思明区', '湖里区', '集美区']),
  city('Fuzhou', '福州', 'Fujian', 'tier2', 2, ['鼓楼区', '台江区', '仓山区']),
  city('Jinan', '济南', 'Shandong', 'tier2', 2, ['历下区', '市中区', '槐荫区']),
  city('Dalian', '大连', 'Liaoning', 'tier2', 1.8, ['中山区', '沙河口区', '甘井子区']),
  city('Harbin', '哈尔滨', 'Heilongjiang', 'tier2', 1.8, ['南岗区', '道里区', '香坊区']),
  city('Nanning', '南宁', 'Guangxi', 'tier2', 1.6, ['青秀区', '兴宁区', '西乡塘区']),
  city('Kunming', '昆明', 'Yunnan', 'tier2', 1.8, ['五华区', '盘龙区', '官渡区']),
  city('Guiyang', '贵阳', 'Guizhou', 'tier2', 1.5, ['云岩区', '南明区', '观山湖区']),
  city('Luoyang', '洛阳', 'Henan', 'tier3', 1.6, ['洛龙区', '涧西区', '西工区']),
  city('Yangzhou', '扬州', 'Jiangsu', 'tier3', 1.4, ['广陵区', '邗江区']),
  city('Guilin', '桂林', 'Guangxi', 'tier3', 1.3, ['七星区', '象山区', '秀峰区']),
  city('Weihai', '威海', 'Shandong', 'tier3', 1.2, ['环翠区', '文登区']),
  city('Yichang', '宜昌', 'Hubei', 'tier3', 1.2, ['西陵区', '伍家岗区', '夷陵区']),
  city('Zigong', '自贡', 'Sichuan', 'tier4', 1, ['自流井区', '贡井区', '大安区']),
  city('Anshun', '安顺', 'Guizhou', 'tier4', 0.9, ['西秀区', '平坝区']),
  city('Hengshui', '衡水', 'Hebei', 'tier4', 0.9, ['桃城区', '冀州区']),
  city('Tianshui', '天水', 'Gansu', 'tier4', 0.8, ['秦州区', '麦积区']),
  city('Shaoguan', '韶关', 'Guangdong', 'tier4', 0.8, ['浈江区', '武江区', '曲江区']),
];


export { CITY_NAMES_ZH, PROVINCE_NAMES_ZH };


const MUNICIPALITIES = new Set(['Beijing', 'Shanghai', 'Tianjin', 'Chongqing']);
const AUTONOMOUS_REGIONS = new Set(['Guangxi']);

/** "浙江省杭州市" / "北京市" / "广西壮族自治区南宁市": the prefix of a Chinese postal address. */
export function addressPrefixZh(entry: CityDefinition): string {
  if (MUNICIPALITIES.has(entry.province)) return `${entry.nameZh}市`;
  const provinceZh = PROVINCE_NAMES_ZH[entry.province] ?? entry.province;
  const provinceText = AUTONOMOUS_REGIONS.has(entry.province) ? `${provinceZh}壮族自治区` : `${provinceZh}省`;
  return `${provinceText}${entry.nameZh}市`;
}
