import { CATEGORIES, LINEUPS } from './catalogue.ts';
import type { ProductRecord } from './products.ts';
import { cumulativeWeights, type SeededRandom } from '../random/seeded-random.ts';

export interface ProductChooser {
  readonly products: readonly ProductRecord[];
  /** A brand of the category, drawn by the brands' popularity. */
  popularBrand(random: SeededRandom, categoryIndex: number): string;
  /**
   * Index (into `products`) of a product of the category that is on sale on `epochDay`. `brand` narrows
   * the draw to one brand; `budget` leans it towards cheap products.
   */
  choose(random: SeededRandom, categoryIndex: number, epochDay: number, brand: string | undefined, budget: boolean): number;
}

interface Pool {
  indexes: number[];
  popularity: Float64Array;
  budget: Float64Array;
}

export function buildProductChooser(products: readonly ProductRecord[]): ProductChooser {
  const categoryPools = CATEGORIES.map((_, categoryIndex) =>
    pool(products, (product) => product.categoryIndex === categoryIndex),
  );
  const brandPools = new Map<string, Pool>();
  const brandNames = CATEGORIES.map(() => [] as string[]);
  const brandCumulative = CATEGORIES.map((category, categoryIndex) => {
    const lineups = LINEUPS.filter((lineup) => lineup.category === category.key);
    brandNames[categoryIndex] = lineups.map((lineup) => lineup.brand);
    for (const lineup of lineups) {
      brandPools.set(
        `${categoryIndex}|${lineup.brand}`,
        pool(products, (product) => product.categoryIndex === categoryIndex && product.brand === lineup.brand),
      );
    }
    return cumulativeWeights(lineups.map((lineup) => lineup.popularity));
  });
  // The oldest product of each pool is the fallback when every draw hits a not-yet-launched one.
  const oldest = (candidates: Pool): number =>
    candidates.indexes.reduce((best, index) =>
      products[index]!.launchEpochDay < products[best]!.launchEpochDay ? index : best,
    );

  return {
    products,
    popularBrand(random, categoryIndex) {
      return brandNames[categoryIndex]![random.cumulativeIndex(brandCumulative[categoryIndex]!)]!;
    },
    choose(random, categoryIndex, epochDay, brand, budget) {
      const candidates = (brand && brandPools.get(`${categoryIndex}|${brand}`)) || categoryPools[categoryIndex]!;
      const weights = budget ? candidates.budget : candidates.popularity;
      for (let attempt = 0; attempt < 6; attempt++) {
        const index = candidates.indexes[random.cumulativeIndex(weights)]!;
        if (products[index]!.launchEpochDay <= epochDay) return index;
      }
      return brand ? this.choose(random, categoryIndex, epochDay, undefined, budget) : oldest(candidates);
    },
  };
}

function pool(products: readonly ProductRecord[], include: (product: ProductRecord) => boolean): Pool {
  const indexes = products.flatMap((product, index) => (include(product) ? [index] : []));
  return {
    indexes,
    popularity: cumulativeWeights(indexes.map((index) => products[index]!.popularity)),
    // Budget shoppers weigh popularity by price^-1.2: a 99-yuan item beats a 999-yuan one about 16:1.
    budget: cumulativeWeights(indexes.map((index) => products[index]!.popularity * (products[index]!.priceCents / 100) ** -1.2)),
  };
}
