import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../warehouse.ts';
import { compileSemanticQuery } from './compile-query.ts';
import { METRICS } from '../catalogue/metrics.ts';
import { buildRandomFixture } from '../testing/random-fixture.ts';
import { referenceMetric } from '../testing/semantic-reference.ts';
import { SemanticQueryError } from '../semantic-error.ts';
import { loadFixture, type Fixture } from '../testing/semantic-fixture.ts';

const DIMENSION_SETS = [
  [],
  ['category'],
  ['brand'],
  ['device'],
  ['city'],
  ['gender', 'channel'],
  ['age_band'],
  ['day'],
  ['week'],
  ['hour'],
  ['weekday'],
  ['new_vs_returning'],
  ['new_vs_returning', 'week'],
  ['payment_method'],
  ['language'],
  ['support_intent'],
  ['support_outcome'],
  ['support_intent', 'language'],
];

const WINDOWS = [
  { start: '2025-11-01', end: '2025-11-30' },
  { start: '2025-10-20', end: '2025-11-09' },
];

function close(actual: unknown, expected: number | null): boolean {
  if (expected === null) return actual === null;
  return typeof actual === 'number' && Math.abs(actual - expected) < 1e-9 * Math.max(1, Math.abs(expected));
}

describe('compileSemanticQuery against a plain-JS reference', () => {
  let warehouse: Warehouse;
  let fixture: Fixture;
  beforeAll(async () => {
    warehouse = await Warehouse.open({ path: ':memory:' });
    fixture = buildRandomFixture(20251111);
    await loadFixture(warehouse, fixture);
  });
  afterAll(() => warehouse.close());

  it('matches the reference for every metric × dimension set that the catalogue supports', async () => {
    let checked = 0;
    let nonEmpty = 0;
    const mismatches: string[] = [];
    for (const window of WINDOWS) {
      for (const dimensions of DIMENSION_SETS) {
        for (const metric of METRICS) {
          let sql: string;
          try {
            sql = compileSemanticQuery({ metrics: [metric.id], dimensions, timeRange: window }).sql;
          } catch (error) {
            if (error instanceof SemanticQueryError && error.parameter === 'dimensions') continue;
            throw error;
          }
          const { rows } = await warehouse.query(sql);
          const expected = referenceMetric(fixture, { metric: metric.id, dimensions, window });
          // DAU's denominator (days with any event) is window-wide, so a group idle in an active bucket is 0, not empty.
          const timeDimensions = dimensions.filter((dimension) => ['day', 'week', 'month', 'hour', 'weekday'].includes(dimension));
          const activeBuckets = referenceMetric(fixture, { metric: 'dau', dimensions: timeDimensions, window });
          const fallback = (row: Record<string, unknown>) => {
            if (metric.id !== 'dau') return metric.formula.kind === 'ratio' ? null : 0;
            return activeBuckets.has(JSON.stringify(timeDimensions.map((dimension) => row[dimension]))) ? 0 : null;
          };
          const actualKeys = new Set<string>();
          for (const row of rows) {
            const key = JSON.stringify(dimensions.map((dimension) => row[dimension]));
            // Each group once: a repeated key is a fan-out, even when its values are right.
            if (actualKeys.has(key)) mismatches.push(`${metric.id} by [${dimensions}] ${window.start}: group ${key} appears twice`);
            actualKeys.add(key);
            const want = expected.has(key) ? (expected.get(key) ?? null) : fallback(row);
            if (!close(row[metric.id], want)) mismatches.push(`${metric.id} by [${dimensions}] ${window.start} ${key}: got ${row[metric.id]}, want ${want}`);
            if (want !== null && want !== 0) nonEmpty += 1;
          }
          for (const key of expected.keys()) {
            if (!actualKeys.has(key)) mismatches.push(`${metric.id} by [${dimensions}] ${window.start}: missing group ${key}`);
          }
          checked += 1;
        }
      }
    }
    expect(mismatches.slice(0, 20)).toEqual([]);
    expect(checked).toBeGreaterThan(500);
    expect(nonEmpty).toBeGreaterThan(3000);
    // About 1,400 queries: well under a minute alone, but the suite runs it beside the chDB parity files.
  }, 180_000);
});
