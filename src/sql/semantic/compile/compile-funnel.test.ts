import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../warehouse.ts';
import { compileFunnel } from './compile-funnel.ts';
import { buildRandomFixture, FIXTURE_PRODUCTS } from '../testing/random-fixture.ts';
import { loadFixture, type Fixture, type FixtureEvent } from '../testing/semantic-fixture.ts';

const PHONE = 101;
const SNACK = 105;
let nextId = 0;
function event(user: number, type: FixtureEvent['event_type'], time: string, product: number | null = PHONE): FixtureEvent {
  nextId += 1;
  return { event_id: nextId, user_id: user, session_id: user, product_id: product, event_type: type, event_time: time, dwell_seconds: null, device: 'ios' };
}

// Hand-built: who reaches which step is known by construction.
const HAND_BUILT: Fixture = {
  users: [1, 2, 3, 4, 5, 6].map((user_id) => ({ user_id, gender: 'female', age: 30, city: 'Beijing', city_tier: 'tier1', channel: 'organic' })),
  products: FIXTURE_PRODUCTS,
  events: [
    event(1, 'view', '2025-11-05 10:00:00'), event(1, 'cart', '2025-11-05 10:05:00'), event(1, 'purchase', '2025-11-05 10:10:00'),
    event(2, 'cart', '2025-11-05 09:00:00'), event(2, 'view', '2025-11-05 10:00:00'), // carted before viewing: stops at step 1
    event(3, 'view', '2025-11-06 10:00:00'), event(3, 'cart', '2025-11-06 10:01:00'),
    event(4, 'purchase', '2025-11-06 12:00:00'), // never viewed: not in the funnel
    event(5, 'view', '2025-11-01 08:00:00'), event(5, 'cart', '2025-11-02 08:00:00'), event(5, 'purchase', '2025-11-03 08:00:00'),
    event(6, 'view', '2025-11-07 08:00:00'), event(6, 'cart', '2025-11-07 08:05:00', SNACK),
    event(7, 'view', '2025-10-30 08:00:00'), event(7, 'cart', '2025-11-02 08:00:00'), // viewed before the window
  ],
  orders: [],
  items: [],
  reviews: [],
};

const NOVEMBER = { start: '2025-11-01', end: '2025-11-30' };

describe('compileFunnel', () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await Warehouse.open({ path: ':memory:' });
    await loadFixture(warehouse, HAND_BUILT);
  });
  afterAll(() => warehouse.close());

  it('counts distinct users per ordered step with step and overall conversion', async () => {
    const compiled = compileFunnel({ timeRange: NOVEMBER });
    const { rows } = await warehouse.query(compiled.sql);
    expect(rows).toEqual([
      { step: 1, step_event: 'view', step_name: 'view', users: 5, step_conversion_rate: null, overall_conversion_rate: 1 },
      { step: 2, step_event: 'cart', step_name: 'add to cart', users: 4, step_conversion_rate: 4 / 5, overall_conversion_rate: 4 / 5 },
      { step: 3, step_event: 'purchase', step_name: 'purchase', users: 2, step_conversion_rate: 2 / 4, overall_conversion_rate: 2 / 5 },
    ]);
    expect(compiled.columns.map((column) => column.id)).toEqual([
      'step', 'step_event', 'step_name', 'users', 'step_conversion_rate', 'overall_conversion_rate',
    ]);
    expect(compiled.assumptions[1]?.zh).toContain('漏斗');
  });

  it('keeps every step inside the same dimension value, and shows zero steps', async () => {
    const { rows } = await warehouse.query(compileFunnel({ timeRange: NOVEMBER, dimension: 'category', language: 'zh' }).sql);
    expect(rows.map((row) => [row.category, row.step_name, row.users])).toEqual([
      ['手机', '浏览', 5],
      ['手机', '加购', 3],
      ['手机', '购买', 2],
    ]);
    const steps = await warehouse.query(compileFunnel({ timeRange: NOVEMBER, steps: ['view', 'purchase', 'cart'] }).sql);
    expect(steps.rows.map((row) => row.users)).toEqual([5, 2, 0]);
  });
});

describe('compileFunnel against a plain-JS funnel on random data', () => {
  let warehouse: Warehouse;
  let fixture: Fixture;
  beforeAll(async () => {
    warehouse = await Warehouse.open({ path: ':memory:' });
    fixture = buildRandomFixture(99, 80);
    await loadFixture(warehouse, fixture);
  });
  afterAll(() => warehouse.close());

  it('matches the reference for view → fav → cart → purchase by device', async () => {
    const steps = ['view', 'fav', 'cart', 'purchase'] as const;
    const window = { start: '2025-10-25', end: '2025-11-20' };
    const { rows } = await warehouse.query(compileFunnel({ timeRange: window, steps: [...steps], dimension: 'device' }).sql);
    const inWindow = fixture.events.filter((e) => e.event_time.slice(0, 10) >= window.start && e.event_time.slice(0, 10) <= window.end);
    const expected: [string, number, number][] = [];
    const devices = [...new Set(inWindow.filter((e) => e.event_type === 'view').map((e) => e.device ?? 'unknown'))].sort();
    for (const device of devices) {
      const counts = steps.map(() => 0);
      for (const user of new Set(inWindow.map((e) => e.user_id))) {
        const mine = inWindow.filter((e) => e.user_id === user && (e.device ?? 'unknown') === device).sort((a, b) => a.event_time.localeCompare(b.event_time));
        let reachedAt: string | undefined = '';
        steps.forEach((step, index) => {
          if (reachedAt === undefined) return;
          const hit = mine.find((e) => e.event_type === step && e.event_time >= (reachedAt as string));
          reachedAt = hit?.event_time;
          if (hit) counts[index] = (counts[index] ?? 0) + 1;
        });
      }
      counts.forEach((users, index) => expected.push([device, index + 1, users]));
    }
    expect(rows.map((row) => [row.device, row.step, row.users])).toEqual(expected);
  });
});
