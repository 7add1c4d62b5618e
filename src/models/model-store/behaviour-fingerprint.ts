import type { Warehouse } from '../../sql/warehouse.ts';

/** Cheap summary of the behaviour data that changes whenever events, orders or users are re-seeded or imported. */
export async function behaviourFingerprint(warehouse: Warehouse): Promise<string> {
  const { rows } = await warehouse.query(
    `SELECT (SELECT count(*) FROM events) AS events, (SELECT max(event_time) FROM events) AS last_event,
            (SELECT count(*) FROM orders) AS orders, (SELECT max(created_at) FROM orders) AS last_order, (SELECT count(*) FROM users) AS users`,
  );
  return JSON.stringify(rows[0] ?? {});
}
