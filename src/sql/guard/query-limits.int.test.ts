import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../warehouse.ts';
import { ForbiddenFunctionError, QueryTimeoutError } from './guard-errors.ts';
import { openGuardTestWarehouse } from './guard-test-warehouse.ts';
import { QueryGate } from './query-gate.ts';
import { INTERRUPT_GRACE_MS, runGuardedSql } from './run-guarded-sql.ts';

const TIMEOUT_MS = 1000;
let warehouse: Warehouse;
beforeAll(async () => {
  ({ warehouse } = await openGuardTestWarehouse('limits-canary', '1GB'));
});
afterAll(() => warehouse.close());

async function timed(sql: string, options: Parameters<typeof runGuardedSql>[2] = {}): Promise<{ error: unknown; ms: number }> {
  const started = performance.now();
  const error = await runGuardedSql(warehouse, sql, { timeoutMs: TIMEOUT_MS, ...options }).then(() => undefined, (caught: unknown) => caught);
  return { error, ms: performance.now() - started };
}

describe('every guarded query has a timeout that really interrupts', () => {
  it.each([
    ['range with a computed 1e12 bound', 'SELECT count(*) FROM range((SELECT 1000000000000))'],
    ['a self cross join of events', 'SELECT count(*) FROM events a, events b, events c'],
    ['an infinite recursive CTE', 'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r'],
    ['repeat() of 2e9 characters with a computed count', "SELECT length(repeat('x', (SELECT 2000000000))) AS n"],
  ])('%s stops with a timeout error by the deadline (+ grace)', async (_name, sql) => {
    const { error, ms } = await timed(sql);
    expect(error).toBeInstanceOf(QueryTimeoutError);
    expect(ms).toBeLessThan(TIMEOUT_MS + INTERRUPT_GRACE_MS + 300);
  });

  it.each([
    ['range(1e12)', 'SELECT count(*) FROM range(1e12)', 'range_too_large'],
    ["repeat('x', 2e9)", "SELECT repeat('x', 2e9)", 'value_too_large'],
    ['lpad to 1e9', "SELECT lpad('x', 1000000000, 'y')", 'value_too_large'],
    ['list_resize to 1e9', 'SELECT list_resize([1], 1000000000)', 'value_too_large'],
  ])('literal %s is refused before it runs', async (_name, sql, reason) => {
    const { error, ms } = await timed(sql);
    expect(error).toBeInstanceOf(ForbiddenFunctionError);
    expect(error).toMatchObject({ reason });
    expect(ms).toBeLessThan(500);
  });
});

describe('heavy queries cannot starve health checks or other users', () => {
  it('four cross joins from one analyst: a second analyst and SELECT 1 are answered at once; the extra heavy ones wait their turn', async () => {
    const gate = new QueryGate(2, 1);
    // Four different queries: callers of one same query share its run (kept-results.test.ts).
    const heavy = Array.from({ length: 4 }, (_, index) =>
      runGuardedSql(warehouse, `SELECT count(*) FROM events a, events b, events c WHERE a.event_id > ${index}`, { timeoutMs: 1500, gate, user: 'analyst-a' }).then(
        () => 'done',
        (error: unknown) => (error as QueryTimeoutError).phase,
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(gate.running).toBe(1);
    const started = performance.now();
    const light = await runGuardedSql(warehouse, 'SELECT count(*) AS n FROM orders', { gate, user: 'analyst-b' });
    const lightMs = performance.now() - started;
    const healthStarted = performance.now();
    const health = await warehouse.query('SELECT 1 AS ok');
    const healthMs = performance.now() - healthStarted;
    expect(light.rows).toEqual([{ n: 5 }]);
    expect(health.rows).toEqual([{ ok: 1 }]);
    expect(lightMs).toBeLessThan(500);
    expect(healthMs).toBeLessThan(500);
    // The first runs and is interrupted; the others never got a slot within their own deadline.
    expect(await Promise.all(heavy)).toEqual(['running', 'queued', 'queued', 'queued']);
  });
});
