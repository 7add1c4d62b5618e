import { z } from 'zod';
import type { ItemCoOccurrence } from './item-cooccurrence.ts';

/**
 * The learnt co-occurrence as the model store keeps it: flat number arrays instead of one [id, [[id, similarity] …]]
 * tuple per product. A stored model is read at every warehouse open (each restart, each new process), and zod
 * checking the demo's ≈180k pair tuples one by one was ≈60 ms of CPU plus their garbage. Flat arrays are checked in
 * one tight loop each (inside zod, so a bad payload still fails as a parse) and their lengths against each other.
 */
export interface PackedCoOccurrence {
  format: typeof PACKED_FORMAT;
  /** Products with neighbours, and how many neighbours each has, in order … */
  products: number[];
  neighbourCounts: number[];
  /** … then all the neighbours one product after another, with their similarities. */
  neighbourIds: number[];
  similarities: number[];
  owners: { products: number[]; counts: number[] };
  buyers: { products: number[]; counts: number[] };
  interactions: number;
}

/** Bumped when the shape changes: a payload of another format does not parse, so the model is retrained. */
export const PACKED_FORMAT = 2;

const isFiniteNumber = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value);
const isCount = (value: unknown): boolean => Number.isSafeInteger(value) && (value as number) >= 0;
const arrayOf = (check: (value: unknown) => boolean, what: string) =>
  z.custom<number[]>((value) => Array.isArray(value) && value.every(check), { message: `expected an array of ${what}` });
const ids = arrayOf(Number.isSafeInteger, 'integer ids');
const counts = arrayOf(isCount, 'counts');
const countsByProduct = z
  .object({ products: ids, counts })
  .refine((table) => table.products.length === table.counts.length, { message: 'products and counts differ in length' });

const packedSchema = z
  .object({
    format: z.literal(PACKED_FORMAT),
    products: ids,
    neighbourCounts: counts,
    neighbourIds: ids,
    similarities: arrayOf(isFiniteNumber, 'finite numbers'),
    owners: countsByProduct,
    buyers: countsByProduct,
    interactions: z.number().int().nonnegative(),
  })
  .refine((packed) => packed.products.length === packed.neighbourCounts.length, { message: 'products and neighbourCounts differ in length' })
  .refine((packed) => packed.neighbourIds.length === packed.similarities.length, { message: 'neighbourIds and similarities differ in length' })
  .refine((packed) => packed.neighbourCounts.reduce((sum, count) => sum + count, 0) === packed.neighbourIds.length, {
    message: 'neighbourCounts do not add up to the number of neighbours',
  });

export function packCoOccurrence(coOccurrence: ItemCoOccurrence, interactions: number): PackedCoOccurrence {
  const packed: PackedCoOccurrence = {
    format: PACKED_FORMAT,
    products: [],
    neighbourCounts: [],
    neighbourIds: [],
    similarities: [],
    owners: { products: [...coOccurrence.owners.keys()], counts: [...coOccurrence.owners.values()] },
    buyers: { products: [...coOccurrence.buyers.keys()], counts: [...coOccurrence.buyers.values()] },
    interactions,
  };
  for (const [productId, neighbours] of coOccurrence.neighbours) {
    packed.products.push(productId);
    packed.neighbourCounts.push(neighbours.size);
    for (const [neighbour, similarity] of neighbours) {
      packed.neighbourIds.push(neighbour);
      packed.similarities.push(similarity);
    }
  }
  return packed;
}

/** The co-occurrence from a stored payload, or null when it is not a valid packed one (then it is retrained). */
export function unpackCoOccurrence(payload: unknown): { coOccurrence: ItemCoOccurrence; interactions: number } | null {
  const parsed = packedSchema.safeParse(payload);
  if (!parsed.success) return null;
  const packed = parsed.data;
  const neighbours = new Map<number, Map<number, number>>();
  let position = 0;
  packed.products.forEach((productId, index) => {
    const row = new Map<number, number>();
    const end = position + (packed.neighbourCounts[index] as number);
    for (; position < end; position++) row.set(packed.neighbourIds[position] as number, packed.similarities[position] as number);
    neighbours.set(productId, row);
  });
  const table = ({ products, counts: values }: { products: number[]; counts: number[] }) => new Map(products.map((productId, index) => [productId, values[index] as number]));
  return { coOccurrence: { neighbours, owners: table(packed.owners), buyers: table(packed.buyers) }, interactions: packed.interactions };
}
