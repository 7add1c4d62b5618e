import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../sql/warehouse.ts';
import { insertSyntheticAnomalies } from '../../testing/insert-synthetic-anomalies.ts';
import { createDemoWarehouseFile } from '../../testing/demo-warehouse.ts';
import { findBrowsingAnomalies } from './browsing-anomalies.ts';
import { findOrderAnomalies } from './order-anomalies.ts';
import { buildSyntheticAnomalies, type SyntheticAnomalies } from './synthetic-anomalies.ts';

let demo: { path: string; remove: () => void };
let warehouse: Warehouse;
let injected: SyntheticAnomalies;

beforeAll(async () => {
  demo = await createDemoWarehouseFile({ users: 500, days: 30, seed: 7 });
  warehouse = await Warehouse.open({ path: demo.path, mode: 'read-write' });
  injected = await buildSyntheticAnomalies(warehouse, { botUsers: 6, sessionsPerBot: 3, seed: 3 });
  await insertSyntheticAnomalies(warehouse, injected);
}, 60_000);

afterAll(() => {
  warehouse?.close();
  demo?.remove();
});

function precisionAtK(ranked: readonly number[], relevant: ReadonlySet<number>, k: number): number {
  return ranked.slice(0, k).filter((id) => relevant.has(id)).length / k;
}

describe('anomaly detectors on a demo warehouse with injected anomalies', () => {
  it('puts the injected bot sessions and bot users on top, and flags few ordinary users', async () => {
    const result = await findBrowsingAnomalies(warehouse);
    const botSessions = new Set(injected.botSessionIds);
    const botUsers = new Set(injected.botUserIds);
    const sessionPrecision = precisionAtK(result.sessions.map((entry) => entry.session.sessionId), botSessions, botSessions.size);
    const userPrecision = precisionAtK(result.users.map((user) => user.userId), botUsers, botUsers.size);
    const isolationRanked = [...result.sessions].sort((left, right) => right.isolationScore - left.isolationScore).map((entry) => entry.session.sessionId);
    const isolationPrecision = precisionAtK(isolationRanked, botSessions, botSessions.size);
    const ordinaryUsers = new Set(result.sessions.map((entry) => entry.session.userId).filter((id) => !botUsers.has(id)));
    const ordinaryFlagged = result.users.filter((user) => !botUsers.has(user.userId)).length;
    const botsFlagged = result.sessions.filter((entry) => botSessions.has(entry.session.sessionId) && entry.flagged).length;
    console.log(
      `browsing: ${result.sessionsScored} sessions scored; precision@${botSessions.size} sessions ${sessionPrecision.toFixed(3)} ` +
        `(isolation forest alone ${isolationPrecision.toFixed(3)}), precision@${botUsers.size} users ${userPrecision.toFixed(3)}, ` +
        `${botsFlagged}/${botSessions.size} bot sessions flagged, ${ordinaryFlagged}/${ordinaryUsers.size} ordinary users flagged`,
    );
    expect(sessionPrecision).toBeGreaterThanOrEqual(0.9);
    expect(userPrecision).toBe(1);
    expect(botsFlagged).toBe(botSessions.size);
    expect(ordinaryFlagged / ordinaryUsers.size).toBeLessThan(0.02);
    // Reasons are in words, in both languages.
    const top = result.sessions[0];
    expect(top?.reasons_en.length).toBeGreaterThan(1);
    expect(top?.reasons_zh.join('')).toMatch(/[\u4e00-\u9fff]/);
  });

  it('puts the order-burst user first and flags the injected spike hour above every other non-festival hour', async () => {
    const result = await findOrderAnomalies(warehouse);
    expect(result.users[0]?.userId).toBe(injected.burstUserId);
    expect(result.users[0]?.maxOrdersInHour).toBeGreaterThanOrEqual(Math.min(injected.burstOrders, 20));
    expect(result.users[0]?.flagged).toBe(true);
    const hours = result.buckets.filter((bucket) => bucket.granularity === 'hour' && !bucket.promotion);
    expect(hours[0]?.bucket).toBe(injected.spikeHour);
    expect(hours[0]?.flagged).toBe(true);
    // Orders in the spike hour counted independently.
    const counted = await warehouse.query(`SELECT count(*) AS n FROM orders WHERE strftime(date_trunc('hour', created_at), '%Y-%m-%d %H:00') = $hour`, { hour: injected.spikeHour });
    expect(hours[0]?.orders).toBe(Number(counted.rows[0]?.n));
    const ordinaryFlagged = result.users.filter((user) => user.flagged && user.userId !== injected.burstUserId).length;
    console.log(`orders: burst user rank 1 (score ${result.users[0]?.score.toFixed(1)}); spike hour ${injected.spikeHour} score ${hours[0]?.score.toFixed(1)}; ` +
      `${ordinaryFlagged}/${result.usersWithOrders - 1} other ordering users flagged (spike accounts included)`);
  });

  it('restricts detection to a date range', async () => {
    const day = injected.spikeHour.slice(0, 10);
    const result = await findOrderAnomalies(warehouse, { range: { start: day, end: day } });
    expect(result.buckets.filter((bucket) => bucket.granularity === 'day').map((bucket) => bucket.bucket)).toEqual([day]);
    expect(result.buckets.filter((bucket) => bucket.granularity === 'hour')).toHaveLength(24);
    await expect(findOrderAnomalies(warehouse, { range: { start: '2025-11-30', end: '2025-11-01' } })).rejects.toThrow(/swap them/);
  });
});
