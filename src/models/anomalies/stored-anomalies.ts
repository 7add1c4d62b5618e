import { z } from 'zod';
import type { Warehouse } from '../../sql/warehouse.ts';
import { behaviourFingerprint } from '../model-store/behaviour-fingerprint.ts';
import { ensureTrained, type EnsuredModel } from '../model-store/ensure-trained.ts';
import type { TrainingProgressListener } from '../model-store/training-progress.ts';
import type { DateRange } from './anomaly-scope.ts';
import { findBrowsingAnomalies, type BrowsingAnomalies } from './browsing-anomalies.ts';
import { findOrderAnomalies, type OrderAnomalies } from './order-anomalies.ts';

export interface AnomalyRunOptions {
  range?: DateRange;
  onProgress?: TrainingProgressListener;
  signal?: AbortSignal;
}

/** What a question needs of the browsing scan: every scored session is dropped, the flagged users are kept. */
export type StoredBrowsingAnomalies = Omit<BrowsingAnomalies, 'sessions'>;
/** Of the order scan: the flagged users and buckets (the tool lists nothing else) and the counts. */
export type StoredOrderAnomalies = OrderAnomalies;

const numberRecord = z.record(z.string(), z.number());
const browsingSchema = z.object({
  sessionsScored: z.number(),
  typical: numberRecord,
  users: z.array(z.object({ userId: z.number(), score: z.number(), flaggedSessions: z.number(), sessions: z.number(), worst: z.object({ session: z.object({ sessionId: z.number() }).passthrough(), reasons_en: z.array(z.string()), reasons_zh: z.array(z.string()) }).passthrough() })),
});
const ordersSchema = z.object({
  usersWithOrders: z.number(),
  typicalMaxOrdersInHour: z.number(),
  typicalMaxOrdersInDay: z.number(),
  users: z.array(z.object({ userId: z.number(), flagged: z.boolean(), reason_en: z.string(), reason_zh: z.string() }).passthrough()),
  buckets: z.array(z.object({ bucket: z.string(), flagged: z.boolean(), reason_en: z.string(), reason_zh: z.string() }).passthrough()),
});

function rangeParameters(range: DateRange | undefined): Record<string, unknown> {
  return { start: range?.start ?? null, end: range?.end ?? null };
}

/**
 * Bot-like browsing for a date range: the scan over every session (tens of seconds on the default demo) runs once
 * per data fingerprint and range; its findings are kept in shoplens_cache and answer later questions at once.
 */
export async function storedBrowsingAnomalies(warehouse: Warehouse, options: AnomalyRunOptions = {}): Promise<EnsuredModel<StoredBrowsingAnomalies>> {
  return ensureTrained<StoredBrowsingAnomalies>({
    warehouse,
    model: 'browsing_anomalies',
    parameters: rangeParameters(options.range),
    fingerprint: await behaviourFingerprint(warehouse),
    async train(control) {
      control.report('scoring every session', 10);
      const found = await findBrowsingAnomalies(warehouse, { range: options.range });
      control.throwIfCancelled();
      const { sessions, ...kept } = found;
      const dates = sessions.map((entry) => entry.session.started.slice(0, 10)).sort();
      return {
        payload: kept,
        dataWindow: { start: dates[0] ?? null, end: dates.at(-1) ?? null },
        metrics: { sessions_scored: found.sessionsScored, users_flagged: found.users.length },
      };
    },
    parsePayload: (payload) => (browsingSchema.safeParse(payload).success ? (payload as StoredBrowsingAnomalies) : null),
    onProgress: options.onProgress,
    signal: options.signal,
  });
}

/** Order-velocity users and order spikes for a date range, kept like the browsing findings. */
export async function storedOrderAnomalies(warehouse: Warehouse, options: AnomalyRunOptions = {}): Promise<EnsuredModel<StoredOrderAnomalies>> {
  return ensureTrained<StoredOrderAnomalies>({
    warehouse,
    model: 'order_anomalies',
    parameters: rangeParameters(options.range),
    fingerprint: await behaviourFingerprint(warehouse),
    async train(control) {
      control.report('scoring order velocity and spikes', 10);
      const found = await findOrderAnomalies(warehouse, { range: options.range });
      control.throwIfCancelled();
      const payload: StoredOrderAnomalies = { ...found, users: found.users.filter((user) => user.flagged), buckets: found.buckets.filter((bucket) => bucket.flagged) };
      const days = found.buckets.map((bucket) => bucket.bucket.slice(0, 10)).sort();
      return {
        payload,
        dataWindow: { start: days[0] ?? null, end: days.at(-1) ?? null },
        metrics: { users_with_orders: found.usersWithOrders, users_flagged: payload.users.length, buckets_flagged: payload.buckets.length },
      };
    },
    parsePayload: (payload) => (ordersSchema.safeParse(payload).success ? (payload as StoredOrderAnomalies) : null),
    onProgress: options.onProgress,
    signal: options.signal,
  });
}
