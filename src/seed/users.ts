import {
  CHANNEL_CONVERSION,
  CHANNEL_WEIGHTS,
  DEVICE_WEIGHTS,
  GROUP_BEHAVIOUR,
  TIER_CONVERSION,
  USER_GROUPS,
  type UserGroup,
} from './behaviour-factors.ts';
import { CATEGORIES, type CategoryKey } from './catalogue.ts';
import { addressPrefixZh, CITIES } from './geography.ts';
import { personName, phoneNumber } from './names.ts';
import type { ProductChooser } from './product-chooser.ts';
import { cumulativeWeights, SeededRandom } from '../random/seeded-random.ts';
import type { SeedWindow } from './calendar.ts';

export type Gender = 'male' | 'female' | 'unknown';

export interface UserProfile {
  userId: number;
  name: string;
  email: string;
  phone: string;
  language: 'zh' | 'en';
  gender: Gender;
  age: number;
  signupEpochDay: number;
  cityIndex: number;
  deviceIndex: number;
  channelIndex: number;
  group: UserGroup;
  /** Mean sessions per ordinary day. */
  activity: number;
  /** Product of the user-level conversion factors (tier, channel, group). */
  conversion: number;
  brandLoyalty: number;
  /** 0..1: how strongly product choice leans to cheap items. */
  priceSensitivity: number;
  /** Cumulative category affinity, indexed like CATEGORIES. */
  categoryAffinity: Float64Array;
  /** Favourite brand per category index. */
  favouriteBrands: readonly string[];
  /** Last window day index with any activity (churners go quiet early). */
  lastActiveDay: number;
  firstActiveDay: number;
  address: string;
  // Mutable state while simulating.
  orderCount: number;
  purchasedProducts: number[];
}

const GROUP_SHARES = USER_GROUPS.map((group) => GROUP_BEHAVIOUR[group].share);
const CITY_WEIGHTS = CITIES.map((city) => city.weight);
const STREETS = ['人民路', '解放路', '中山路', '建设路', '和平路', '新华路', '文化路', '长江路', '青年路', '学府路', '滨江大道', '科技园路'];
const COMMUNITIES = ['阳光花园', '锦绣家园', '翠苑小区', '金色港湾', '幸福里', '书香名邸', '城市之光', '御景湾'];

const BASE_AFFINITY: Readonly<Record<Gender, Readonly<Record<CategoryKey, number>>>> = {
  female: { phones: 1, headphones: 0.8, laptops: 0.45, womens_clothing: 3, mens_clothing: 0.45, shoes: 1.4, beauty: 2.8, snacks: 2, home: 1.5, sports: 0.8 },
  male: { phones: 1.8, headphones: 1.4, laptops: 1.1, womens_clothing: 0.3, mens_clothing: 2.2, shoes: 1.6, beauty: 0.3, snacks: 1.6, home: 1, sports: 1.6 },
  unknown: { phones: 1.4, headphones: 1.1, laptops: 0.8, womens_clothing: 1.5, mens_clothing: 1.3, shoes: 1.5, beauty: 1.5, snacks: 1.8, home: 1.2, sports: 1.2 },
};

export function buildUsers(
  count: number,
  window: SeedWindow,
  seed: number,
  chooser: ProductChooser,
  onUser?: (done: number) => void,
): UserProfile[] {
  const random = new SeededRandom(seed, 'users');
  const users: UserProfile[] = [];
  for (let index = 0; index < count; index++) {
    users.push(buildUser(random, index + 1, window, chooser));
    if (onUser && (index + 1) % 1000 === 0) onUser(index + 1);
  }
  return users;
}

function buildUser(random: SeededRandom, userId: number, window: SeedWindow, chooser: ProductChooser): UserProfile {
  const gender: Gender = random.weightedPick<Gender>(['female', 'male', 'unknown'], [52, 44, 4]);
  const age = Math.round(Math.min(70, Math.max(16, random.logNormal(31, 0.3))));
  const english = random.chance(0.08);
  const person = personName(random, gender, english, userId);
  const cityIndex = random.weightedIndex(CITY_WEIGHTS);
  const city = CITIES[cityIndex]!;
  const group = USER_GROUPS[random.weightedIndex(GROUP_SHARES)]!;
  const behaviour = GROUP_BEHAVIOUR[group];
  const deviceIndex = random.weightedIndex(deviceWeights(age, city.tier));
  const channelIndex = random.weightedIndex(CHANNEL_WEIGHTS);

  // Most users signed up before the window (recent sign-ups more likely); about a fifth arrive inside it.
  // Churners must have a history to churn from, so they never sign up inside the window.
  const newcomer = group !== 'churner' && random.chance(0.22);
  const signupEpochDay = newcomer
    ? window.startEpochDay + random.integer(0, window.days - 1)
    : window.startEpochDay - 1 - Math.floor(Math.min(1500, random.logNormal(240, 0.9)));
  const firstActiveDay = Math.max(0, signupEpochDay - window.startEpochDay);
  const quietFrom = group === 'churner' ? churnDay(random, firstActiveDay, window.days) : window.days - 1;

  const affinity = CATEGORIES.map((category) => {
    let weight = BASE_AFFINITY[gender][category.key] * random.logNormal(1, 0.6);
    if (age < 25 && (category.key === 'snacks' || category.key === 'headphones')) weight *= 1.4;
    if (age > 45 && (category.key === 'home' || category.key === 'sports')) weight *= 1.4;
    return weight;
  });
  // One or two favourite categories make a user's interests recognisable.
  for (let favourite = random.integer(1, 2); favourite > 0; favourite--) {
    const index = random.weightedIndex(affinity);
    affinity[index] = (affinity[index] ?? 0) * 3;
  }

  const tierFactor = TIER_CONVERSION[city.tier];
  const basePriceSensitivity = group === 'price_sensitive' ? 0.9 : random.uniform(0.05, 0.35);
  const priceSensitivity = Math.min(0.95, basePriceSensitivity + (city.tier === 'tier3' || city.tier === 'tier4' ? 0.15 : 0));

  return {
    userId,
    name: person.name,
    email: person.email,
    phone: phoneNumber(random),
    language: english ? 'en' : 'zh',
    gender,
    age,
    signupEpochDay,
    cityIndex,
    deviceIndex,
    channelIndex,
    group,
    activity: random.logNormal(0.18, 0.7) * behaviour.activity,
    conversion: tierFactor * (CHANNEL_CONVERSION[channelIndex] ?? 1) * behaviour.conversion,
    brandLoyalty: behaviour.brandLoyalty,
    priceSensitivity,
    categoryAffinity: cumulativeWeights(affinity),
    favouriteBrands: CATEGORIES.map((_, categoryIndex) => chooser.popularBrand(random, categoryIndex)),
    firstActiveDay,
    lastActiveDay: quietFrom,
    address: `${addressPrefixZh(city)}${random.pick(city.districtsZh)}${random.pick(STREETS)}${random.integer(1, 399)}号` +
      `${random.pick(COMMUNITIES)}${random.integer(1, 30)}栋${random.integer(1, 6)}单元${random.integer(1, 33)}0${random.integer(1, 4)}室`,
    orderCount: 0,
    purchasedProducts: [],
  };
}

/** Churners are active for the first 25–60% of the window, then silent (at least the last three weeks). */
function churnDay(random: SeededRandom, firstActiveDay: number, days: number): number {
  const span = days - firstActiveDay;
  const quietFrom = firstActiveDay + Math.max(3, Math.floor(span * random.uniform(0.25, 0.6)));
  return Math.min(quietFrom, days >= 42 ? days - 22 : days - 1);
}

function deviceWeights(age: number, tier: string): number[] {
  const weights = [...DEVICE_WEIGHTS];
  // iOS skews young and big-city; mini programs (inside WeChat) skew older; PCs skew to working age.
  if (tier === 'tier1' || tier === 'new_tier1') weights[0]! *= 1.35;
  if (age < 30) weights[0]! *= 1.2;
  if (age > 45) weights[4]! *= 1.8;
  if (age >= 25 && age <= 45) weights[3]! *= 1.2;
  return weights;
}
