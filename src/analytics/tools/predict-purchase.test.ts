import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PropensityError } from '../../models/propensity/propensity-error.ts';
import { Warehouse } from '../../sql/warehouse.ts';
import { createDemoWarehouseFile } from '../../testing/demo-warehouse.ts';
import { predictPurchaseParameters, predictPurchaseTool } from './predict-purchase.ts';

let demo: { path: string; remove: () => void };
let warehouse: Warehouse;
let asOf: string;

beforeAll(async () => {
  demo = await createDemoWarehouseFile({ users: 500, days: 30, seed: 7 });
  // The agent runs tools on a sandboxed warehouse.
  warehouse = await Warehouse.open({ path: demo.path, mode: 'sandboxed' });
  const { rows } = await warehouse.query(`SELECT CAST(max(event_time) AS DATE) AS as_of FROM events`);
  asOf = String(rows[0]?.as_of);
}, 60_000);

afterAll(() => {
  warehouse?.close();
  demo?.remove();
});

interface Row {
  rank: number;
  user_id: number;
  probability: number;
  reason_1: string | null;
  reason_2: string | null;
  reason_details: { feature: string; direction: string; text_en: string; text_zh: string }[];
}
interface Result {
  rows: Row[];
  columns: { id: string; unit: string; role: string }[];
  evaluation: Record<string, unknown> & { auc: number; base_rate: number; evaluation_users: number; evaluation_cutoff: string };
  model: { kind: string; reused: boolean };
  candidates: number;
}

const run = async (argumentsValue: Record<string, unknown>, language: 'en' | 'zh' = 'en'): Promise<Result> =>
  (await predictPurchaseTool.execute(predictPurchaseParameters.parse(argumentsValue), { warehouse, language, asOf })) as Result;

describe('predict_purchase tool', () => {
  it('lists the top-k users by probability with reasons and the measured evaluation metrics', async () => {
    const result = await run({});
    expect(result.rows).toHaveLength(20);
    const probabilities = result.rows.map((row) => row.probability);
    expect(probabilities).toEqual([...probabilities].sort((left, right) => right - left));
    expect(new Set(result.rows.map((row) => row.user_id)).size).toBe(20);
    for (const row of result.rows) {
      expect(row.probability).toBeGreaterThan(0);
      expect(row.probability).toBeLessThan(1);
      expect(row.reason_details.length).toBeGreaterThan(0);
      // The two strongest reasons, each in its own column, in the order the model ranks them.
      expect([row.reason_1, row.reason_2]).toEqual([0, 1].map((index) => row.reason_details[index]?.text_en ?? null));
    }
    expect(result.columns.map((column) => column.id)).toEqual(['rank', 'user_id', 'probability', 'reason_1', 'reason_2']);

    // Base rate of the evaluation window, counted independently (demo users first appear on their sign-up day).
    const cutoff = result.evaluation.evaluation_cutoff;
    const { rows } = await warehouse.query(
      `SELECT count(*) AS users,
              count(*) FILTER (WHERE user_id IN (SELECT user_id FROM orders WHERE paid_at IS NOT NULL
                AND CAST(created_at AS DATE) > CAST($cutoff AS DATE) AND CAST(created_at AS DATE) <= CAST($as_of AS DATE))) AS buyers
       FROM users WHERE signup_date <= CAST($cutoff AS DATE)`,
      { cutoff, as_of: asOf },
    );
    expect(result.evaluation.evaluation_users).toBe(Number(rows[0]?.users));
    expect(result.evaluation.base_rate).toBeCloseTo(Number(rows[0]?.buyers) / Number(rows[0]?.users), 4);
    console.log(`500-user demo: ${result.model.kind} AUC ${result.evaluation.auc}, base rate ${result.evaluation.base_rate}, precision ${result.evaluation.precision}, recall ${result.evaluation.recall}`);
    expect(result.evaluation.auc).toBeGreaterThan(0.5);
  }, 60_000);

  it('returns user ids only: no names, e-mails or phone numbers', async () => {
    const result = await run({ top_k: 50 });
    const text = JSON.stringify(result);
    const { rows } = await warehouse.query(`SELECT user_name, email, phone FROM users WHERE user_id IN (${result.rows.map((row) => row.user_id).join(', ')})`);
    for (const row of rows) for (const value of [row.user_name, row.email, row.phone]) if (typeof value === 'string') expect(text).not.toContain(value);
    expect(text).not.toMatch(/@/);
  });

  it('ranks consistently: the top 5 are the first 5 of the top 100, and the trained model is reused', async () => {
    const small = await run({ top_k: 5 });
    const large = await run({ top_k: 100 });
    expect(small.model.reused).toBe(true);
    expect(small.rows.map((row) => row.user_id)).toEqual(large.rows.slice(0, 5).map((row) => row.user_id));
  });

  it('applies city tier, device and category filters', async () => {
    const tier = await run({ city_tier: 'tier1', top_k: 200 });
    const tierUsers = await warehouse.query(`SELECT count(*) AS users FROM users WHERE city_tier = 'tier1' AND signup_date <= CAST($as_of AS DATE)`, { as_of: asOf });
    expect(tier.candidates).toBe(Number(tierUsers.rows[0]?.users));
    const listed = tier.rows.map((row) => row.user_id).join(', ');
    const other = await warehouse.query(`SELECT count(*) AS n FROM users WHERE user_id IN (${listed}) AND city_tier <> 'tier1'`);
    expect(Number(other.rows[0]?.n)).toBe(0);

    const device = await run({ device: 'pc' });
    const notPc = await warehouse.query(`SELECT count(*) AS n FROM users WHERE user_id IN (${device.rows.map((row) => row.user_id).join(', ')}) AND preferred_device <> 'pc'`);
    expect(Number(notPc.rows[0]?.n)).toBe(0);

    const category = await run({ category: '耳机', top_k: 30 }, 'zh');
    expect(category.rows.length).toBeGreaterThan(0);
    const interested = await warehouse.query(
      `SELECT count(DISTINCT e.user_id) AS n FROM events e JOIN products p USING (product_id)
       WHERE p.category = 'Headphones' AND e.event_type IN ('view', 'cart', 'fav', 'purchase')
         AND CAST(e.event_time AS DATE) > CAST($as_of AS DATE) - 30 AND CAST(e.event_time AS DATE) <= CAST($as_of AS DATE)
         AND e.user_id IN (${category.rows.map((row) => row.user_id).join(', ')})`,
      { as_of: asOf },
    );
    expect(Number(interested.rows[0]?.n)).toBe(category.rows.length);
    // Chinese answers carry Chinese reasons.
    for (const row of category.rows) expect(row.reason_1).toMatch(/[\u4e00-\u9fff]/);
  });

  it('rejects an unknown category with the list of valid ones', async () => {
    await expect(run({ category: 'Spaceships' })).rejects.toThrow(PropensityError);
    await expect(run({ category: 'Spaceships' })).rejects.toThrow(/Headphones/);
  });
});
