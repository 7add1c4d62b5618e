import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { z } from 'zod';
import type { QueryReader } from '../sql/connection-reader.ts';

const checkpointSchema = z.object({ batches: z.number().int().positive(), done: z.array(z.number().int().nonnegative()) });

/**
 * The identity of a batched import: the same files (path, size, modification time), batch count and options.
 * A changed file gets a new key, so a resumed import never mixes batches of two different files.
 */
export function checkpointKey(files: readonly string[], batches: number, options: unknown): string {
  const identity = files.map((file) => {
    const stats = statSync(file);
    return [path.resolve(file), stats.size, stats.mtimeMs];
  });
  return `import_checkpoint:${createHash('sha256').update(JSON.stringify([identity, batches, options])).digest('hex').slice(0, 32)}`;
}

/** Batches already committed for this key (none for a new import). */
export async function doneBatches(reader: QueryReader, key: string): Promise<Set<number>> {
  const result = await reader.query('SELECT value FROM meta WHERE key = $1', [key]);
  const text = result.rows[0]?.value;
  if (typeof text !== 'string') return new Set();
  const parsed = checkpointSchema.safeParse(JSON.parse(text));
  return new Set(parsed.success ? parsed.data.done : []);
}

/** Records a finished batch inside the batch's own import transaction: it is done exactly when its rows are in. */
export async function markBatchDone(connection: DuckDBConnection, key: string, batch: number): Promise<void> {
  const reader = await connection.runAndReadAll('SELECT value FROM meta WHERE key = $1', [key]);
  const current = reader.getRows()[0]?.[0];
  const parsed = typeof current === 'string' ? checkpointSchema.safeParse(JSON.parse(current)) : undefined;
  const done = new Set(parsed?.success ? parsed.data.done : []);
  done.add(batch);
  const batches = parsed?.success ? parsed.data.batches : batch + 1;
  await connection.run('INSERT INTO meta VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [
    key,
    JSON.stringify({ batches: Math.max(batches, batch + 1), done: [...done].sort((left, right) => left - right) }),
  ]);
}
