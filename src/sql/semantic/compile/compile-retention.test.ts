import { sqlAndParameters } from '../testing/sql-and-parameters.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../warehouse.ts';
import { addDays, startOfIsoWeek } from '../time/calendar-date.ts';
import { compileRetention } from './compile-retention.ts';
import { CLICKHOUSE_DIALECT } from '../../engine/clickhouse-dialect.ts';
import { compileSemanticQuery } from './compile-query.ts';
import { buildRandomFixture } from '../testing/random-fixture.ts';
import { SemanticQueryError } from '../semantic-error.ts';
import { loadFixture, type Fixture } from '../testing/semantic-fixture.ts';

/** Plain-JS cohorts: activity = events and orders; first day = earliest activity anywhere in the data. */
function referenceCohorts(fixture: Fixture, window: { start: string; end: string }, keepUser: (userId: number) => boolean) {
  const days = new Map<number, Set<string>>();
  const add = (user: number | null, day: string) => {
    if (user !== null) days.set(user, (days.get(user) ?? new Set()).add(day));
  };
  for (const event of fixture.events) add(event.user_id, event.event_time.slice(0, 10));
  for (const order of fixture.orders) add(order.user_id, order.created_at.slice(0, 10));
  const asOf = [...days.values()].flatMap((set) => [...set]).sort().at(-1) as string;
  const cohorts = new Map<string, { first: string; days: Set<string> }[]>();
  for (const [user, set] of days) {
    const first = [...set].sort()[0] as string;
    if (first < window.start || first > window.end || !keepUser(user)) continue;
    const week = startOfIsoWeek(first);
    cohorts.set(week, [...(cohorts.get(week) ?? []), { first, days: set }]);
  }
  return { cohorts, asOf };
}

const WINDOW = { start: '2025-10-20', end: '2025-11-23' };

describe('compileRetention against plain-JS cohorts', () => {
  let warehouse: Warehouse;
  let fixture: Fixture;
  beforeAll(async () => {
    warehouse = await Warehouse.open({ path: ':memory:' });
    fixture = buildRandomFixture(7, 120);
    await loadFixture(warehouse, fixture);
  });
  afterAll(() => warehouse.close());

  it('computes day-N retention per weekly cohort, leaving unobservable users out', async () => {
    const offsets = [1, 3, 7, 14, 30];
    const { rows } = await warehouse.query(...sqlAndParameters(compileRetention({ timeRange: WINDOW, days: offsets })));
    const { cohorts, asOf } = referenceCohorts(fixture, WINDOW, () => true);
    expect(rows.map((row) => row.cohort_week)).toEqual([...cohorts.keys()].sort());
    for (const row of rows) {
      const users = cohorts.get(String(row.cohort_week)) ?? [];
      expect(row.cohort_users).toBe(users.length);
      for (const offset of offsets) {
        const eligible = users.filter((user) => addDays(user.first, offset) <= asOf);
        const retained = eligible.filter((user) => user.days.has(addDays(user.first, offset)));
        const value = row[`day_${offset}_retention`];
        if (eligible.length === 0) expect(value).toBeNull();
        else expect(value).toBeCloseTo(retained.length / eligible.length, 12);
      }
    }
  });

  it('computes week-N retention by calendar week, filtered by a user attribute', async () => {
    const compiled = compileRetention({
      timeRange: WINDOW,
      mode: 'weeks',
      weeks: 4,
      filters: [{ dimension: 'city_tier', operator: 'in', values: ['一线'] }],
    });
    const { rows } = await warehouse.query(compiled.sql, compiled.parameters);
    const tierOne = new Set(fixture.users.filter((user) => user.city_tier === 'tier1').map((user) => user.user_id));
    const { cohorts, asOf } = referenceCohorts(fixture, WINDOW, (user) => tierOne.has(user));
    expect(rows.map((row) => row.cohort_week)).toEqual([...cohorts.keys()].sort());
    let observed = 0;
    for (const row of rows) {
      const users = cohorts.get(String(row.cohort_week)) ?? [];
      for (let week = 1; week <= 4; week += 1) {
        const from = addDays(String(row.cohort_week), 7 * week);
        const to = addDays(from, 6);
        const value = row[`week_${week}_retention`];
        if (to > asOf) {
          expect(value).toBeNull();
          continue;
        }
        observed += 1;
        const retained = users.filter((user) => [...user.days].some((day) => day >= from && day <= to));
        expect(value).toBeCloseTo(retained.length / users.length, 12);
      }
    }
    expect(observed).toBeGreaterThan(5);
    expect(compiled.columns.map((column) => column.id)).toEqual([
      'cohort_week', 'cohort_users', 'week_1_retention', 'week_2_retention', 'week_3_retention', 'week_4_retention',
    ]);
  });

  it('accepts only user attributes as filters', () => {
    expect(() => compileRetention({ timeRange: WINDOW, filters: [{ dimension: 'category', operator: 'eq', values: ['Phones'] }] })).toThrow(
      SemanticQueryError,
    );
  });

  it('uses per-user activity arrays instead of a self-join on ClickHouse (answers compared in semantic-parity.int.test.ts)', () => {
    for (const mode of ['days', 'weeks'] as const) {
      const { sql } = compileRetention({ mode, timeRange: { start: '2025-10-01', end: '2025-11-30' }, filters: [{ dimension: 'gender', operator: 'in', values: ['male'] }] }, { dialect: CLICKHOUSE_DIALECT });
      expect(sql).toContain('groupUniqArray(activity_day) AS active_days');
      expect(sql).toMatch(mode === 'days' ? /has\(c\.active_days, c\.first_day \+ 1\) AS active_1/ : /arrayExists\(day -> day >= c\.cohort_week \+ 7 AND day < c\.cohort_week \+ 7 \+ 7, c\.active_days\) AS active_1/);
      expect(sql).not.toContain('JOIN activity');
      expect(sql).toContain('activity AS MATERIALIZED (');
      const duckdb = compileRetention({ mode, timeRange: { start: '2025-10-01', end: '2025-11-30' } }).sql;
      expect(duckdb).toContain('LEFT JOIN activity a ON a.user_id = c.user_id');
      expect(duckdb).not.toContain('active_days');
    }
    // The day-N retention metrics (次日留存率 …) read the user-cohort fact, which takes the same form on ClickHouse.
    const metrics = { metrics: ['day1_retention', 'month1_retention'], dimensions: ['device'], timeRange: { start: '2025-11-01', end: '2025-11-30' } };
    const clickhouse = compileSemanticQuery(metrics, { dialect: CLICKHOUSE_DIALECT }).sql;
    expect(clickhouse).toContain('has(activity_days, first_day + 1) AS active_day_1');
    expect(clickhouse).not.toContain('JOIN activity');
    expect(compileSemanticQuery(metrics).sql).toContain('JOIN activity a ON a.user_id = f.user_id');
  });
});
