import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HashingEncoder, HASHING_ENCODER_ID } from './hashing-encoder.ts';
import { dotProduct } from './text-encoder.ts';

const encoder = new HashingEncoder();
const norm = (vector: Float32Array): number => Math.sqrt(dotProduct(vector, vector));
const similarity = (left: string, right: string): number => dotProduct(encoder.encodeOne(left), encoder.encodeOne(right));

describe('HashingEncoder', () => {
  it('has a stable id and dimension, and says when its settings differ', () => {
    expect(encoder.id).toBe(HASHING_ENCODER_ID);
    expect(encoder.dimension).toBe(512);
    expect(new HashingEncoder({ dimension: 256 }).id).toBe('hashing-ngram-v1-d256');
    expect(() => new HashingEncoder({ dimension: 8 })).toThrow(/dimension must be/);
  });

  it('returns unit vectors for any text with letters, zero vectors for none, never NaN', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const vector = encoder.encodeOne(text);
        expect(vector).toHaveLength(512);
        expect(vector.every(Number.isFinite)).toBe(true);
        const length = norm(vector);
        if (/[\p{L}\p{N}]/u.test(text)) expect(length).toBeCloseTo(1, 5);
        else expect(length).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a text whose only two features cancel in one hashed slot non-zero', () => {
    // "p" and "taj" land in the same slot with opposite signs: found by the property above.
    expect(norm(encoder.encodeOne('P!TAj'))).toBeCloseTo(1, 5);
  });

  it('is deterministic and keeps input order', async () => {
    const texts = ['物流太慢', 'battery drains fast', '物流太慢'];
    const [first, second, third] = await encoder.encode(texts);
    expect(first).toEqual(third);
    expect(first).not.toEqual(second);
    expect(await encoder.encode(texts)).toEqual([first, second, third]);
  });

  it('ranks shared Chinese character n-grams above unrelated text', () => {
    expect(similarity('物流太慢', '物流太慢了，等了一周')).toBeGreaterThan(similarity('物流太慢', '口红颜色很正'));
  });

  it('matches English misspellings through subword n-grams', () => {
    expect(similarity('bluetooh earphones', 'bluetooth earphones')).toBeGreaterThan(similarity('bluetooh earphones', 'running shoes') + 0.3);
  });

  it('lines up Chinese and English wording of the same complaint through the thesaurus', () => {
    expect(similarity('物流太慢', 'delivery was slow')).toBeGreaterThan(similarity('物流太慢', 'great lipstick shade') + 0.2);
    // Negation: "not slow" is nearer "fast delivery" than "slow delivery".
    expect(similarity('delivery was not slow at all', 'fast delivery')).toBeGreaterThan(similarity('delivery was not slow at all', 'slow delivery'));
  });
});
