import { describe, expect, it } from 'vitest';
import type { Interaction } from './interactions.ts';
import { itemCoOccurrence } from './item-cooccurrence.ts';
import { packCoOccurrence, PACKED_FORMAT, unpackCoOccurrence } from './packed-co-occurrence.ts';

const interaction = (owner: string, productId: number, kind: Interaction['kind']): Interaction => ({ owner, productId, kind, time: 0 });
const LEARNT = itemCoOccurrence([
  interaction('u1', 1, 'purchase'), interaction('u1', 2, 'purchase'), interaction('u1', 3, 'cart'),
  interaction('u2', 1, 'purchase'), interaction('u2', 2, 'fav'),
  interaction('o9', 3, 'purchase'), interaction('o9', 4, 'purchase'),
]);
/** As the model store gives it back: through JSON. */
const stored = (): Record<string, unknown> => JSON.parse(JSON.stringify(packCoOccurrence(LEARNT, 7))) as Record<string, unknown>;

describe('packed co-occurrence (the stored recommender)', () => {
  it('gives back the same neighbours, owners and buyers after a trip through JSON', () => {
    const unpacked = unpackCoOccurrence(stored());
    expect(unpacked?.interactions).toBe(7);
    expect(unpacked?.coOccurrence.neighbours).toEqual(LEARNT.neighbours);
    expect(unpacked?.coOccurrence.owners).toEqual(LEARNT.owners);
    expect(unpacked?.coOccurrence.buyers).toEqual(LEARNT.buyers);
    expect(LEARNT.neighbours.get(1)?.get(2)).toBeGreaterThan(0); // the fixture has real pairs to carry
  });

  it.each([
    ['the earlier tuple format', () => ({ neighbours: [[1, [[2, 0.5]]]], owners: [[1, 1]], buyers: [[1, 1]], interactions: 2 })],
    ['another format number', () => ({ ...stored(), format: PACKED_FORMAT + 1 })],
    ['a similarity that is not a number', () => ({ ...stored(), similarities: (stored().similarities as unknown[]).map((value, index) => (index === 0 ? 'x' : value)) })],
    ['a product id that is not an integer', () => ({ ...stored(), neighbourIds: (stored().neighbourIds as number[]).map((value, index) => (index === 0 ? 1.5 : value)) })],
    ['neighbour counts that do not add up', () => ({ ...stored(), neighbourCounts: (stored().neighbourCounts as number[]).map((value, index) => (index === 0 ? value + 1 : value)) })],
    ['ids and similarities of different lengths', () => ({ ...stored(), similarities: (stored().similarities as number[]).slice(1) })],
    ['owners without their counts', () => ({ ...stored(), owners: { products: [1, 2], counts: [1] } })],
  ])('refuses %s (the model is then retrained)', (_label, payload) => {
    expect(unpackCoOccurrence(payload())).toBeNull();
  });
});
