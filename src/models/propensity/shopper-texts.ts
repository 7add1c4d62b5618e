import { behaviourDialect, behaviourReader } from '../../sql/engine/behaviour-reader.ts';
import type { Warehouse } from '../../sql/warehouse.ts';
import { ageBandOf } from './propensity-features.ts';

/** Most recent distinct search queries (last 30 days before the cutoff) put into a shopper's text. */
export const MAX_QUERIES_PER_TEXT = 20;

/**
 * Each user's profile and recent searches as of a cutoff, as one line of text for a text encoder, e.g.
 * "female, aged 25–34, tier1, ios, searched: 蓝牙耳机, nike running shoes". Only searches before the end of the
 * cutoff day are used, so the text route obeys the same no-leakage rule as the behaviour features. The queries come
 * back ranked and are joined here: an ordered string aggregate is spelt differently on every engine.
 */
export async function loadShopperTexts(warehouse: Warehouse, cutoff: string, userIds: readonly number[]): Promise<string[]> {
  const reader = behaviourReader(warehouse);
  const cutoffEnd = `${behaviourDialect(warehouse).parameter('cutoff', 'date')} + INTERVAL 1 DAY`;
  const searches = await reader.query(
    `WITH recent AS (
       SELECT user_id, search_query, max(event_time) AS last_time
       FROM events
       WHERE event_type = 'search' AND search_query IS NOT NULL
         AND event_time < ${cutoffEnd} AND event_time >= ${cutoffEnd} - INTERVAL 30 DAY
       GROUP BY user_id, search_query),
     ranked AS (SELECT user_id, search_query, row_number() OVER (PARTITION BY user_id ORDER BY last_time DESC, search_query) AS position FROM recent)
     SELECT user_id, search_query, position FROM ranked WHERE position <= ${MAX_QUERIES_PER_TEXT} ORDER BY user_id, position`,
    { cutoff },
  );
  const searched = new Map<number, string[]>();
  for (const row of searches.rows) {
    const list = searched.get(Number(row.user_id)) ?? [];
    list.push(String(row.search_query));
    searched.set(Number(row.user_id), list);
  }
  const profiles = await reader.query('SELECT user_id, gender, age, city_tier, preferred_device FROM users');
  const profileOf = new Map(profiles.rows.map((row) => [Number(row.user_id), row]));
  return userIds.map((userId) => {
    const row = profileOf.get(userId);
    const queries = searched.get(userId);
    if (!row && !queries) return 'unknown shopper, no searches';
    const band = ageBandOf(typeof row?.age === 'number' ? row.age : null);
    const profile = [row?.gender, band?.label_en, row?.city_tier, row?.preferred_device].filter((part) => typeof part === 'string' && part !== '');
    return [...profile, queries ? `searched: ${queries.join(', ')}` : 'no searches'].join(', ');
  });
}
