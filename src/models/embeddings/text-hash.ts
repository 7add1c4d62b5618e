import { createHash } from 'node:crypto';

/**
 * The cache key of a text: lowercase hex SHA-256 of its UTF-8 bytes. DuckDB's sha256(text) gives the same
 * string, so SQL can join any text column to cached embeddings without a mapping table.
 */
export function textHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * A vector as a DuckDB list literal ('[0.1,…]'). String() of a float32 widened to a double is exact, so the
 * FLOAT parsed back is the same float32; zeros (most of a hashed vector) are written as a bare '0'.
 */
export function vectorLiteral(vector: ArrayLike<number>): string {
  const parts: string[] = new Array(vector.length);
  for (let index = 0; index < vector.length; index++) {
    const value = vector[index] ?? 0;
    parts[index] = value === 0 ? '0' : String(value);
  }
  return `[${parts.join(',')}]`;
}
