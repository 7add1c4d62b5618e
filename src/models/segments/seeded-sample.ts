/** mulberry32: small, fast, seeded; enough for picking samples reproducibly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `size` distinct indices out of `count`, ascending, the same for the same seed. Random rather than evenly
 * spaced, because evenly spaced picks alias with any periodic order in the data (ids assigned round-robin).
 */
export function seededSample(count: number, size: number, seed: number): number[] {
  if (count <= size) return Array.from({ length: count }, (_, index) => index);
  const random = seededRandom(seed);
  const indices = Array.from({ length: count }, (_, index) => index);
  // Partial Fisher–Yates: the first `size` slots end up a uniform sample.
  for (let slot = 0; slot < size; slot++) {
    const pick = slot + Math.floor(random() * (count - slot));
    const chosen = indices[pick] as number;
    indices[pick] = indices[slot] as number;
    indices[slot] = chosen;
  }
  return indices.slice(0, size).sort((left, right) => left - right);
}
