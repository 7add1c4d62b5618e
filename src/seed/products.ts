import {
  BRAND_NAMES_ZH,
  CATEGORIES,
  DEFECTS,
  LINEUPS,
  type CategoryDefinition,
  type DefectDefinition,
} from './catalogue.ts';
import { SeededRandom } from '../random/seeded-random.ts';

export interface ProductRecord {
  productId: number;
  sku: string;
  titleZh: string;
  titleEn: string;
  categoryIndex: number;
  brand: string;
  priceCents: number;
  launchEpochDay: number;
  /** Relative traffic share inside its category. */
  popularity: number;
  /** Latent 0..1 quality that drives ratings and returns. */
  quality: number;
  defect: DefectDefinition | undefined;
  /** The series' first product id: every variant (colour, size, capacity) of one product shares it. */
  productGroup: number;
  optionEn: string;
  optionZh: string;
  /** Units available now (some variants are sold out). */
  stock: number;
}

/**
 * Stock from the product id alone (no draw from the catalogue stream, so prices and the rest stay as they were):
 * about one variant in nine sold out, the others 3–80 units.
 */
export function stockOf(productId: number): number {
  const mixed = (productId * 2_654_435_761) % 4_294_967_296;
  return mixed % 9 === 4 ? 0 : 3 + (mixed % 78);
}

/**
 * The catalogue is the same for every --seed (its own fixed stream), so product ids stay stable across
 * demo warehouses; only launch dates follow the end date, so that some products are always new launches.
 */
const CATALOGUE_STREAM_SEED = 20_251_111;

export function buildProducts(endEpochDay: number): ProductRecord[] {
  const random = new SeededRandom(CATALOGUE_STREAM_SEED, 'catalogue');
  const products: ProductRecord[] = [];
  const skuCounters = new Map<string, number>();
  for (const lineup of LINEUPS) {
    const categoryIndex = CATEGORIES.findIndex((category) => category.key === lineup.category);
    const category = CATEGORIES[categoryIndex] as CategoryDefinition;
    const defect = DEFECTS.find((candidate) => candidate.brand === lineup.brand && candidate.category === lineup.category);
    const brandZh = BRAND_NAMES_ZH[lineup.brand] ?? lineup.brand;
    lineup.series.forEach((series, seriesIndex) => {
      const productGroup = products.length + 1;
      // A tenth of the series are recent launches (inside a 90-day window), the rest are established.
      const launchDaysBeforeEnd = random.chance(0.1) ? random.integer(10, 85) : random.integer(100, 1000);
      category.variants.forEach((variant, variantIndex) => {
        const skuPrefix = `${category.skuCode}-${brandCode(lineup.brand)}`;
        const skuNumber = (skuCounters.get(skuPrefix) ?? 0) + 1;
        skuCounters.set(skuPrefix, skuNumber);
        products.push({
          productId: products.length + 1,
          sku: `${skuPrefix}-${String(skuNumber).padStart(4, '0')}`,
          titleZh: joinTitle(brandZh, series.zh, variant.zh),
          titleEn: joinTitle(lineup.brand, series.en, variant.en),
          categoryIndex,
          brand: lineup.brand,
          priceCents: retailPriceCents(series.price * variant.priceFactor * random.uniform(0.96, 1.04)),
          launchEpochDay: endEpochDay - launchDaysBeforeEnd - variantIndex * random.integer(0, 20),
          popularity:
            lineup.popularity * [1, 0.7, 0.5][Math.min(seriesIndex, 2)]! * [1, 0.6, 0.4][variantIndex]! *
            random.logNormal(1, 0.3),
          quality: defect ? random.uniform(0.35, 0.55) : random.uniform(0.8, 0.98),
          defect,
          productGroup,
          optionEn: variant.en,
          optionZh: variant.zh,
          stock: stockOf(products.length + 1),
        });
      });
    });
  }
  return products;
}

/** Rounds to the price points shops use: 5999, 299, 39.90. */
export function retailPriceCents(yuan: number): number {
  if (yuan >= 1000) return (Math.round(yuan / 100) * 100 - 1) * 100;
  if (yuan >= 100) return (Math.round(yuan / 10) * 10 - 1) * 100;
  return Math.max(1, Math.round(yuan)) * 100 - 10;
}

function joinTitle(brand: string, seriesName: string, variant: string): string {
  // "小米 小米15" reads wrong: drop the brand when the series name already starts with it.
  return seriesName.startsWith(brand) ? `${seriesName} ${variant}` : `${brand} ${seriesName} ${variant}`;
}

function brandCode(brand: string): string {
  return brand.replace(/[^A-Za-z]/g, '').slice(0, 3).toUpperCase();
}
