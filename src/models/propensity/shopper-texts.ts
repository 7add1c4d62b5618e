import type { Warehouse } from '../../sql/warehouse.ts';
import { ageBandOf } from './propensity-features.ts';

/** Most recent distinct search queries (last 30 days before the cutoff) put into a shopper's text. */
export const MAX_QUERIES_PER_TEXT = 20;

/**
 * Each user's profile and recent searches as of a cutoff, as one line of text for a text encoder, e.g.
 * "female, aged 25–34, tier1, ios, searched: 蓝牙耳机, nike running shoes". Only searches before the end of the
 * cutoff day are used, so the text route obeys the same no-leakage rule as the behaviour features.
 */
export async function loadShopperTexts(warehouse: Warehouse, cutoff: string, userIds: readonly number[]): Promise<string[]> {
  const { rows } = await warehouse.query(
    `WITH bounds AS (SELECT CAST($cutoff AS DATE) + INTERVAL 1 DAY AS cutoff_end),
     recent AS (
       SELECT e.user_id, e.search_query, max(e.event_time) AS last_time
       FROM events e, bounds b
       WHERE e.event_type = 'search' AND e.search_query IS NOT NULL
         AND e.event_time < b.cutoff_end AND e.event_time >= b.cutoff_end - INTERVAL 30 DAY
       GROUP BY e.user_id, e.search_query),
     ranked AS (SELECT *, row_number() OVER (PARTITION BY user_id ORDER BY last_time DESC, search_query) AS position FROM recent),
     queries AS (
       SELECT user_id, string_agg(search_query, ', ' ORDER BY position) AS searched
       FROM ranked WHERE position <= ${MAX_QUERIES_PER_TEXT} GROUP BY user_id)
     SELECT user_id, u.gender, u.age, u.city_tier, u.preferred_device, q.searched
     FROM users u FULL OUTER JOIN queries q USING (user_id)`,
    { cutoff },
  );
  const byUser = new Map(rows.map((row) => [Number(row.user_id), row]));
  return userIds.map((userId) => {
    const row = byUser.get(userId);
    if (!row) return 'unknown shopper, no searches';
    const age = typeof row.age === 'number' ? row.age : null;
    const band = ageBandOf(age);
    const profile = [row.gender, band?.label_en, row.city_tier, row.preferred_device].filter((part) => typeof part === 'string' && part !== '');
    const searched = typeof row.searched === 'string' ? `searched: ${row.searched}` : 'no searches';
    return [...profile, searched].join(', ');
  });
}
