import type { SeededRandom } from '../random/seeded-random.ts';

/** Common surnames with pinyin (for e-mail handles). */
const SURNAMES: readonly (readonly [string, string])[] = [
  ['王', 'wang'], ['李', 'li'], ['张', 'zhang'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'], ['黄', 'huang'],
  ['赵', 'zhao'], ['吴', 'wu'], ['周', 'zhou'], ['徐', 'xu'], ['孙', 'sun'], ['马', 'ma'], ['朱', 'zhu'],
  ['胡', 'hu'], ['郭', 'guo'], ['何', 'he'], ['林', 'lin'], ['罗', 'luo'], ['高', 'gao'], ['郑', 'zheng'],
  ['梁', 'liang'], ['谢', 'xie'], ['宋', 'song'], ['唐', 'tang'], ['许', 'xu'], ['韩', 'han'], ['冯', 'feng'],
  ['邓', 'deng'], ['曹', 'cao'], ['彭', 'peng'], ['曾', 'zeng'], ['肖', 'xiao'], ['田', 'tian'], ['董', 'dong'],
  ['潘', 'pan'], ['袁', 'yuan'], ['蒋', 'jiang'], ['蔡', 'cai'], ['余', 'yu'], ['杜', 'du'], ['叶', 'ye'],
  ['程', 'cheng'], ['魏', 'wei'], ['苏', 'su'], ['吕', 'lv'], ['丁', 'ding'], ['沈', 'shen'], ['欧阳', 'ouyang'],
];

const GIVEN_NAMES_FEMALE: readonly (readonly [string, string])[] = [
  ['子涵', 'zihan'], ['欣怡', 'xinyi'], ['梓萱', 'zixuan'], ['诗琪', 'shiqi'], ['雨桐', 'yutong'], ['静', 'jing'],
  ['婷', 'ting'], ['佳怡', 'jiayi'], ['思雨', 'siyu'], ['晓燕', 'xiaoyan'], ['丽娟', 'lijuan'], ['美玲', 'meiling'],
  ['雪', 'xue'], ['慧敏', 'huimin'], ['若曦', 'ruoxi'], ['可欣', 'kexin'], ['芳', 'fang'], ['秀英', 'xiuying'],
  ['一诺', 'yinuo'], ['语嫣', 'yuyan'],
];

const GIVEN_NAMES_MALE: readonly (readonly [string, string])[] = [
  ['浩然', 'haoran'], ['子轩', 'zixuan'], ['宇航', 'yuhang'], ['俊杰', 'junjie'], ['伟', 'wei'], ['强', 'qiang'],
  ['磊', 'lei'], ['明辉', 'minghui'], ['建国', 'jianguo'], ['志强', 'zhiqiang'], ['博文', 'bowen'], ['晨阳', 'chenyang'],
  ['天佑', 'tianyou'], ['宇轩', 'yuxuan'], ['鹏', 'peng'], ['军', 'jun'], ['思远', 'siyuan'], ['嘉豪', 'jiahao'],
  ['一鸣', 'yiming'], ['泽宇', 'zeyu'],
];

const ENGLISH_FIRST_FEMALE = ['Emma', 'Olivia', 'Sophia', 'Grace', 'Chloe', 'Lily', 'Hannah', 'Mia', 'Zoe', 'Amy'];
const ENGLISH_FIRST_MALE = ['James', 'Daniel', 'Lucas', 'Ethan', 'Ryan', 'Kevin', 'Jason', 'David', 'Leo', 'Mark'];
const ENGLISH_LAST = ['Smith', 'Brown', 'Wilson', 'Taylor', 'Miller', 'Clark', 'Walker', 'Wright', 'Green', 'Baker'];

const MAIL_DOMAINS = ['qq.com', '163.com', '126.com', 'foxmail.com', 'gmail.com', 'outlook.com', 'sina.com'];
/** Mobile prefixes; numbers are written as 1xx0000xxxx so they are well-formed but plainly fake. */
const PHONE_PREFIXES = ['138', '139', '136', '137', '150', '151', '158', '186', '187', '188', '135', '177', '189', '199'];

export interface PersonName {
  name: string;
  email: string;
  english: boolean;
}

export function personName(random: SeededRandom, gender: 'male' | 'female' | 'unknown', english: boolean, userId: number): PersonName {
  const female = gender === 'female' || (gender === 'unknown' && random.chance(0.5));
  if (english) {
    const first = random.pick(female ? ENGLISH_FIRST_FEMALE : ENGLISH_FIRST_MALE);
    const last = random.pick(ENGLISH_LAST);
    const domain = random.pick(['gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com']);
    return { name: `${first} ${last}`, email: `${first}.${last}${userId % 1000}@${domain}`.toLowerCase(), english };
  }
  const [surname, surnamePinyin] = random.pick(SURNAMES);
  const [given, givenPinyin] = random.pick(female ? GIVEN_NAMES_FEMALE : GIVEN_NAMES_MALE);
  const domain = random.pick(MAIL_DOMAINS);
  // QQ mailboxes are mostly the numeric QQ id; the user id keeps every address distinct.
  const email =
    domain === 'qq.com'
      ? `${100_000_000 + userId * 37 + random.integer(0, 36)}@qq.com`
      : `${givenPinyin}${surnamePinyin}${userId}@${domain}`;
  return { name: `${surname}${given}`, email, english };
}

/** A Chinese full name only, for gift recipients. */
export function chineseName(random: SeededRandom): string {
  const [surname] = random.pick(SURNAMES);
  const [given] = random.pick(random.chance(0.5) ? GIVEN_NAMES_FEMALE : GIVEN_NAMES_MALE);
  return `${surname}${given}`;
}

export function phoneNumber(random: SeededRandom): string {
  return `${random.pick(PHONE_PREFIXES)}0000${random.digits(4)}`;
}
