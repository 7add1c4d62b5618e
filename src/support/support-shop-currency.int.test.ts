import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../importers/run-import.ts';
import { temporaryFolder } from '../importers/test-files.ts';
import { Warehouse } from '../sql/warehouse.ts';
import { SupportAgent } from './support-agent.ts';
import { customerSession, send, startConversation } from './support-test-kit.ts';

/**
 * Issue 10 (support part): replies are in the shop's own currency, read from the warehouse's shop settings that the
 * importer writes. On the real Online Retail sample (a British shop) amounts read £, never ¥. Before, support code
 * hard-coded CNY.
 */
const SAMPLE = path.resolve(process.cwd(), '../shared/data/online_retail_sample.csv');

describe.skipIf(!existsSync(SAMPLE))('support replies in the shop currency of an imported shop (GBP)', () => {
  const folder = temporaryFolder('support-currency');
  let warehouse: Warehouse;
  let agent: SupportAgent;

  beforeAll(async () => {
    const databasePath = path.join(folder, 'retail.duckdb');
    const writer = await Warehouse.open({ path: databasePath, mode: 'read-write' });
    try {
      await runImport(writer, { format: 'online-retail', files: [SAMPLE] });
    } finally {
      writer.close();
    }
    warehouse = await Warehouse.open({ path: databasePath, mode: 'sandboxed' });
    agent = await SupportAgent.create({ warehouse });
  }, 180_000);

  afterAll(() => warehouse?.close());

  it.each([
    ['en', (orderNo: string) => `What is the status of order #${orderNo}?`],
    ['zh', (orderNo: string) => `订单#${orderNo}的状态`],
  ] as const)('%s: an order status states its amount in £ and its table carries GBP', async (language, ask) => {
    const { rows } = await warehouse.query(`SELECT order_no, user_id, total_amount::DOUBLE AS total FROM orders WHERE user_id IS NOT NULL AND total_amount > 0 ORDER BY order_id LIMIT 1`);
    const order = rows[0] as { order_no: string; user_id: number; total: number };
    const conversationId = await startConversation(warehouse, Number(order.user_id));
    const reply = await send(agent, warehouse, conversationId, customerSession(Number(order.user_id), language), ask(String(order.order_no)));
    expect(reply.intent).toBe('order_status');
    expect(reply.text).toContain(`£${Number(order.total).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);
    expect(reply.text).not.toContain('¥');
    const amountColumns = (reply.table?.columns ?? []).filter((column) => (column as { unit?: string }).unit === 'currency');
    for (const column of amountColumns) expect((column as { currency?: string }).currency).toBe('GBP');
  });
});
