/**
 * Chinese names of the cities the demo data and most Chinese e-commerce data use, so that answers in Chinese
 * show 北京 rather than Beijing and a filter written as 北京 matches users.city = 'Beijing'.
 */
export const CITY_NAMES_ZH: Readonly<Record<string, string>> = {
  Beijing: '北京', Shanghai: '上海', Guangzhou: '广州', Shenzhen: '深圳',
  Chengdu: '成都', Hangzhou: '杭州', Chongqing: '重庆', Wuhan: '武汉', "Xi'an": '西安', Xian: '西安',
  Suzhou: '苏州', Tianjin: '天津', Nanjing: '南京', Changsha: '长沙', Zhengzhou: '郑州', Dongguan: '东莞',
  Qingdao: '青岛', Shenyang: '沈阳', Ningbo: '宁波', Kunming: '昆明', Hefei: '合肥', Foshan: '佛山',
  Wuxi: '无锡', Xiamen: '厦门', Fuzhou: '福州', Jinan: '济南', Dalian: '大连', Harbin: '哈尔滨',
  Changchun: '长春', Shijiazhuang: '石家庄', Nanning: '南宁', Guiyang: '贵阳', Nanchang: '南昌',
  Taiyuan: '太原', Lanzhou: '兰州', Urumqi: '乌鲁木齐', Hohhot: '呼和浩特', Haikou: '海口', Sanya: '三亚',
  Zhuhai: '珠海', Wenzhou: '温州', Shaoxing: '绍兴', Jiaxing: '嘉兴', Jinhua: '金华', Taizhou: '台州',
  Nantong: '南通', Changzhou: '常州', Xuzhou: '徐州', Yangzhou: '扬州', Yantai: '烟台', Weifang: '潍坊',
  Luoyang: '洛阳', Baoding: '保定', Tangshan: '唐山', Huizhou: '惠州', Zhongshan: '中山', Quanzhou: '泉州',
  Guilin: '桂林', Liuzhou: '柳州', Yichang: '宜昌', Xiangyang: '襄阳', Zhuzhou: '株洲', Yueyang: '岳阳',
  Ganzhou: '赣州', Jiujiang: '九江', Mianyang: '绵阳', Yibin: '宜宾', Zunyi: '遵义', Dali: '大理', Lhasa: '拉萨',
  Xining: '西宁', Yinchuan: '银川', Baotou: '包头', Daqing: '大庆', Jilin: '吉林', Anshan: '鞍山', Wuhu: '芜湖',
  Bengbu: '蚌埠', Zibo: '淄博', Linyi: '临沂', Jining: '济宁', Handan: '邯郸', Datong: '大同', Kaifeng: '开封',
  Nanyang: '南阳', Shantou: '汕头', Zhanjiang: '湛江', Jiangmen: '江门', Hengyang: '衡阳', Changde: '常德',
  Weihai: '威海', Zigong: '自贡', Anshun: '安顺', Hengshui: '衡水', Tianshui: '天水', Shaoguan: '韶关',
};

/** Chinese provinces as stored in users.province (English) → Chinese name. */
export const PROVINCE_NAMES_ZH: Readonly<Record<string, string>> = {
  Beijing: '北京',
  Shanghai: '上海',
  Tianjin: '天津',
  Chongqing: '重庆',
  Guangdong: '广东',
  Sichuan: '四川',
  Zhejiang: '浙江',
  Hubei: '湖北',
  Shaanxi: '陕西',
  Jiangsu: '江苏',
  Hunan: '湖南',
  Henan: '河南',
  Fujian: '福建',
  Shandong: '山东',
  Liaoning: '辽宁',
  Heilongjiang: '黑龙江',
  Guangxi: '广西',
  Yunnan: '云南',
  Guizhou: '贵州',
  Hebei: '河北',
  Gansu: '甘肃',
};

/** Country names in Chinese for the countries shops most often sell to; others show their stored name. */
export const COUNTRY_NAMES_ZH: Readonly<Record<string, string>> = {
  China: '中国', 'United Kingdom': '英国', UK: '英国', France: '法国', Germany: '德国', Netherlands: '荷兰', EIRE: '爱尔兰',
  Ireland: '爱尔兰', Spain: '西班牙', Belgium: '比利时', Switzerland: '瑞士', Portugal: '葡萄牙', Australia: '澳大利亚',
  Norway: '挪威', Italy: '意大利', 'Channel Islands': '海峡群岛', Finland: '芬兰', Cyprus: '塞浦路斯', Sweden: '瑞典',
  Austria: '奥地利', Denmark: '丹麦', Japan: '日本', Poland: '波兰', Israel: '以色列', USA: '美国', 'United States': '美国',
  Brazil: '巴西', Canada: '加拿大', Singapore: '新加坡', Iceland: '冰岛', Lithuania: '立陶宛', Greece: '希腊', Malta: '马耳他',
  'United Arab Emirates': '阿联酋', 'Saudi Arabia': '沙特阿拉伯', Lebanon: '黎巴嫩', 'Czech Republic': '捷克', Bahrain: '巴林',
  'South Africa': '南非', 'Hong Kong': '中国香港', Korea: '韩国', 'South Korea': '韩国', India: '印度', Mexico: '墨西哥',
};

/** Other names users give countries ("UK", "Britain", 英国); the stored value stays as imported. */
export const COUNTRY_ALIASES: Readonly<Record<string, readonly string[]>> = {
  // Demonyms name the country too ("how many German customers", "French orders"); English and Chinese are also the
  // reviews' languages, so they are not country names here.
  'United Kingdom': ['uk', 'u.k.', 'britain', 'great britain', 'england', 'the uk', 'british'],
  EIRE: ['ireland', 'éire', 'irish'],
  Germany: ['german'],
  France: ['french'],
  Spain: ['spanish'],
  Italy: ['italian'],
  Portugal: ['portuguese'],
  Netherlands: ['holland', 'the netherlands', 'dutch'],
  Belgium: ['belgian'],
  Switzerland: ['swiss'],
  Australia: ['australian'],
  Norway: ['norwegian'],
  Japan: ['japanese'],
  USA: ['united states', 'america', 'u.s.', 'u.s.a.'],
  'United States': ['usa', 'america', 'u.s.'],
  'Czech Republic': ['czechia'],
  'Korea': ['south korea'],
};
