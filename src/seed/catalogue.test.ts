import { describe, expect, it } from 'vitest';
import { BRANDS, BRAND_NAMES_ZH, CATEGORIES, CATEGORY_NAMES_ZH, DEFECTS, LINEUPS } from './catalogue.ts';
import { CITIES, CITY_NAMES_ZH, PROVINCE_NAMES_ZH, addressPrefixZh } from './geography.ts';
import { buildProducts, retailPriceCents } from './products.ts';
import { buildSearchQueries } from './search-queries.ts';
import { toEpochDay } from './calendar.ts';

const END = toEpochDay({ year: 2025, month: 11, day: 30 });

describe('catalogue', () => {
  const products = buildProducts(END);

  it('has ten bilingual categories and 400–800 products with unique SKUs', () => {
    expect(CATEGORIES).toHaveLength(10);
    expect(CATEGORY_NAMES_ZH['Snacks']).toBe('零食');
    expect(products.length).toBeGreaterThanOrEqual(400);
    expect(products.length).toBeLessThanOrEqual(800);
    expect(new Set(products.map((product) => product.sku)).size).toBe(products.length);
    expect(new Set(products.map((product) => product.productId)).size).toBe(products.length);
  });

  it('gives every brand in a line-up a Chinese alias', () => {
    for (const lineup of LINEUPS) expect(BRAND_NAMES_ZH[lineup.brand], lineup.brand).toBeTruthy();
    expect(BRAND_NAMES_ZH['Huawei']).toBe('华为');
    expect(BRAND_NAMES_ZH['Three Squirrels']).toBe('三只松鼠');
  });

  it('attaches built-in defects only to fictional brands', () => {
    const fictional = new Set(BRANDS.filter((brand) => brand.fictional).map((brand) => brand.name));
    for (const defect of DEFECTS) expect(fictional.has(defect.brand), defect.brand).toBe(true);
  });

  it('prices categories plausibly: laptops cost more than phones on average, snacks least', () => {
    const averagePrice = (key: string): number => {
      const index = CATEGORIES.findIndex((category) => category.key === key);
      const prices = products.filter((product) => product.categoryIndex === index).map((product) => product.priceCents);
      return prices.reduce((sum, price) => sum + price, 0) / prices.length / 100;
    };
    expect(averagePrice('laptops')).toBeGreaterThan(averagePrice('phones'));
    expect(averagePrice('phones')).toBeGreaterThan(1000);
    for (const category of CATEGORIES.filter((candidate) => candidate.key !== 'snacks')) {
      expect(averagePrice('snacks'), category.key).toBeLessThan(averagePrice(category.key));
    }
    expect(retailPriceCents(5_987)).toBe(599_900);
    expect(retailPriceCents(41.2)).toBe(40_90);
  });

  it('puts some launches inside the last 90 days and the rest before', () => {
    const recent = products.filter((product) => product.launchEpochDay > END - 90).length;
    expect(recent).toBeGreaterThan(0);
    expect(recent).toBeLessThan(products.length * 0.3);
  });

  it('builds search queries that name catalogue words, including Chinese, English and misspellings', () => {
    const { queries } = buildSearchQueries();
    const texts = new Set(queries.map((query) => query.text));
    for (const expected of ['蓝牙耳机', 'wireless earbuds', '连衣裙 秋季', 'nike running shoes', '华为手机']) {
      expect(texts.has(expected), expected).toBe(true);
    }
    expect(queries.some((query) => query.kind === 'misspelled')).toBe(true);
    expect(queries.length).toBeLessThan(65_536); // stored as USMALLINT codes while staging
  });
});

describe('geography', () => {
  it('covers about thirty cities across all five tiers with Chinese names', () => {
    expect(CITIES.length).toBeGreaterThanOrEqual(28);
    expect(new Set(CITIES.map((city) => city.tier)).size).toBe(5);
    for (const city of CITIES) {
      expect(CITY_NAMES_ZH[city.name]).toBeTruthy();
      expect(PROVINCE_NAMES_ZH[city.province], city.province).toBeTruthy();
    }
  });

  it('writes postal prefixes for municipalities, provinces and autonomous regions', () => {
    const find = (name: string) => CITIES.find((city) => city.name === name)!;
    expect(addressPrefixZh(find('Beijing'))).toBe('北京市');
    expect(addressPrefixZh(find('Hangzhou'))).toBe('浙江省杭州市');
    expect(addressPrefixZh(find('Nanning'))).toBe('广西壮族自治区南宁市');
  });
});
