import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { Warehouse } from '../sql/warehouse.ts';
import { readShopSettings } from '../sql/shop-settings.ts';
import { AnalyticsAgent } from '../analytics/analytics-agent.ts';
import { ImportError } from './import-error.ts';
import { runImport } from './run-import.ts';
import { temporaryFolder, warehouseFactory } from './test-files.ts';
import { warehouseChecksum } from './warehouse-checksum.ts';

const folder = temporaryFolder('olist');
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const warehouses = warehouseFactory(folder);
afterEach(warehouses.closeAll);

// Small files in the dataset's own layout (column names and order of the public CSVs), with its known quirks:
// one person with two customer_ids, a canceled order without items, an untranslated category, Portuguese reviews.
const FILES: Record<string, string[]> = {
  'olist_customers_dataset.csv': [
    'customer_id,customer_unique_id,customer_zip_code_prefix,customer_city,customer_state',
    'c1,u1,01310,sao paulo,SP',
    'c2,u1,01310,sao paulo,SP',
    'c3,u2,20040,rio de janeiro,RJ',
  ],
  'olist_orders_dataset.csv': [
    'order_id,customer_id,order_status,order_purchase_timestamp,order_approved_at,order_delivered_carrier_date,order_delivered_customer_date,order_estimated_delivery_date',
    'o1,c1,delivered,2017-10-02 10:56:33,2017-10-02 11:07:15,2017-10-04 19:55:00,2017-10-10 21:25:13,2017-10-18 00:00:00',
    'o2,c2,delivered,2018-01-15 09:00:00,2018-01-15 09:20:00,2018-01-16 10:00:00,2018-01-20 15:00:00,2018-02-01 00:00:00',
    'o3,c3,canceled,2018-02-01 12:00:00,,,,2018-02-20 00:00:00',
    'o4,c3,shipped,2018-03-05 08:00:00,2018-03-05 08:10:00,2018-03-06 09:00:00,,2018-03-20 00:00:00',
  ],
  'olist_order_items_dataset.csv': [
    'order_id,order_item_id,product_id,seller_id,shipping_limit_date,price,freight_value',
    'o1,1,p1,s1,2017-10-06 11:07:15,29.99,8.72',
    'o1,2,p2,s1,2017-10-06 11:07:15,118.70,22.76',
    'o2,1,p1,s1,2018-01-19 09:20:00,29.99,7.50',
    'o2,1,p1,s1,2018-01-19 09:20:00,29.99,7.50',
    'o4,1,p3,s2,2018-03-08 08:10:00,54.90,15.10',
    'o9,1,p3,s2,2018-03-08 08:10:00,10.00,1.00',
  ],
  'olist_order_payments_dataset.csv': [
    'order_id,payment_sequential,payment_type,payment_installments,payment_value',
    'o1,1,credit_card,2,180.17',
    'o2,1,boleto,1,37.49',
    'o4,1,voucher,1,20.00',
    'o4,2,credit_card,1,50.00',
  ],
  'olist_order_reviews_dataset.csv': [
    'review_id,order_id,review_score,review_comment_title,review_comment_message,review_creation_date,review_answer_timestamp',
    'r1,o1,5,Ótimo,"Produto chegou antes do prazo, recomendo!",2017-10-11 00:00:00,2017-10-12 03:43:48',
    'r2,o2,2,,"Não gostei, veio com defeito",2018-01-21 00:00:00,2018-01-22 10:00:00',
    'r3,o3,1,,Pedido cancelado sem aviso,2018-02-10 00:00:00,2018-02-11 00:00:00',
  ],
  'olist_products_dataset.csv': [
    'product_id,product_category_name,product_name_lenght,product_description_lenght,product_photos_qty,product_weight_g,product_length_cm,product_height_cm,product_width_cm',
    'p1,beleza_saude,40,287,1,225,16,10,14',
    'p2,informatica_acessorios,44,276,1,1000,30,18,20',
    'p3,categoria_sem_traducao,50,100,2,300,20,10,10',
  ],
  'product_category_name_translation.csv': [
    '\ufeffproduct_category_name,product_category_name_english',
    'beleza_saude,health_beauty',
    'informatica_acessorios,computers_accessories',
  ],
  'olist_sellers_dataset.csv': ['seller_id,seller_zip_code_prefix,seller_city,seller_state', 's1,13023,campinas,SP', 's2,13844,mogi guacu,SP'],
  'olist_geolocation_dataset.csv': [
    'geolocation_zip_code_prefix,geolocation_lat,geolocation_lng,geolocation_city,geolocation_state',
    '01037,-23.54562128115268,-46.63929204800168,sao paulo,SP',
  ],
};

function writeDataset(name: string, changes: Record<string, string[]> = {}): string {
  const dataset = path.join(folder, name);
  mkdirSync(dataset, { recursive: true });
  for (const [file, lines] of Object.entries({ ...FILES, ...changes })) writeFileSync(path.join(dataset, file), `${lines.join('\n')}\n`);
  return dataset;
}

describe('olist importer', () => {
  it('imports the folder: customers by unique id, orders with statuses, items, payments, translated categories, Portuguese reviews, in BRL', async () => {
    const warehouse = await warehouses.fresh();
    const report = await runImport(warehouse, { format: 'olist', files: [writeDataset('full')] });
    expect(await readShopSettings(warehouse)).toEqual({ currency: 'BRL', timeZone: 'America/Sao_Paulo', locale: 'pt-BR' });

    const users = await warehouse.query('SELECT external_id, city, province, country FROM users ORDER BY external_id');
    expect(users.rows).toEqual([
      { external_id: 'u1', city: 'sao paulo', province: 'SP', country: 'Brazil' },
      { external_id: 'u2', city: 'rio de janeiro', province: 'RJ', country: 'Brazil' },
    ]);
    const orders = await warehouse.query(`SELECT o.order_no, u.external_id AS person, o.status, o.items_amount, o.shipping_fee, o.total_amount, o.payment_method,
      strftime(o.paid_at, '%Y-%m-%d %H:%M') AS paid, o.shipping_country FROM orders o LEFT JOIN users u USING (user_id) ORDER BY o.created_at`);
    expect(orders.rows).toEqual([
      { order_no: 'o1', person: 'u1', status: 'delivered', items_amount: 148.69, shipping_fee: 31.48, total_amount: 180.17, payment_method: 'credit_card', paid: '2017-10-02 11:07', shipping_country: 'Brazil' },
      { order_no: 'o2', person: 'u1', status: 'delivered', items_amount: 29.99, shipping_fee: 7.5, total_amount: 37.49, payment_method: 'boleto', paid: '2018-01-15 09:20', shipping_country: 'Brazil' },
      { order_no: 'o3', person: 'u2', status: 'cancelled', items_amount: 0, shipping_fee: 0, total_amount: 0, payment_method: null, paid: null, shipping_country: 'Brazil' },
      { order_no: 'o4', person: 'u2', status: 'shipped', items_amount: 54.9, shipping_fee: 15.1, total_amount: 70, payment_method: 'credit_card', paid: '2018-03-05 08:10', shipping_country: 'Brazil' },
    ]);
    const categories = await warehouse.query('SELECT sku, category, price FROM products ORDER BY sku');
    expect(categories.rows).toEqual([
      { sku: 'p1', category: 'health_beauty', price: 29.99 },
      { sku: 'p2', category: 'computers_accessories', price: 118.7 },
      { sku: 'p3', category: 'categoria_sem_traducao', price: 54.9 },
    ]);
    const reviews = await warehouse.query('SELECT rating, review_text, language FROM reviews ORDER BY created_at');
    expect(reviews.rows).toEqual([
      { rating: 5, review_text: 'Ótimo — Produto chegou antes do prazo, recomendo!', language: null },
      { rating: 2, review_text: 'Não gostei, veio com defeito', language: null },
    ]);

    const rule = (prefix: string) => report.cleaning.find((entry) => entry.rule.startsWith(prefix));
    expect(rule('exact duplicate row in olist_order_items_dataset.csv')).toMatchObject({ rows: 1, examples: [expect.objectContaining({ line: 5 })] });
    expect(rule('order line of an order not in the orders file')).toMatchObject({ rows: 1, examples: [expect.objectContaining({ line: 7 })] });
    expect(rule('review of an order not imported or without items')).toMatchObject({ rows: 1, examples: [expect.objectContaining({ line: 4 })] });
    expect(rule('order without items')?.rows).toBe(1);
    expect(rule('product category without English translation')?.rows).toBe(1);
    const read = Object.values(FILES).reduce((sum, lines) => sum + lines.length - 1, 0);
    expect(report.rowsRead).toBe(read);
    expect(report.rowsKept).toBe(read - 3);
    expect(report.inserted).toMatchObject({ users: 2, products: 3, orders: 4, order_items: 4, reviews: 2 });
    expect(report.notes.join(' ')).toContain('Revenue of delivered orders (item prices, freight excluded): 178.68 BRL.');

    // A second import of the same folder adds nothing.
    const again = await runImport(warehouse, { format: 'olist', files: [writeDataset('full')] });
    expect(again.inserted).toMatchObject({ users: 0, orders: 0, order_items: 0 });
    expect(again.alreadyInWarehouse).toMatchObject({ users: 2, orders: 4 });
  });

  it('answers revenue questions on the import in reais', async () => {
    const writer = await warehouses.fresh();
    await runImport(writer, { format: 'olist', files: [writeDataset('agent')] });
    writer.close();
    // The agent runs its SQL only on a sandboxed warehouse.
    const warehouse = await Warehouse.open({ path: writer.path, mode: 'sandboxed' });
    onTestFinished(() => warehouse.close());
    const agent = await AnalyticsAgent.create({ warehouse });
    const { answer } = await agent.ask('GMV by province', { planner: 'offline' });
    expect(answer.status, answer.answer).toBe('answered');
    // Paid orders: o1 and o2 (SP, 148.69 + 29.99) and o4 (RJ, 54.90); the canceled o3 was never paid.
    expect(answer.rows).toEqual([
      { province: 'SP', gmv: 178.68 },
      { province: 'RJ', gmv: 54.9 },
    ]);
    expect(answer.answer).toContain('R$178.68');
  });

  it('fails atomically with file, line and column on a malformed file, and names a missing file or column', async () => {
    const warehouse = await warehouses.fresh();
    await runImport(warehouse, { format: 'olist', files: [writeDataset('base')] });
    const before = await warehouseChecksum(warehouse);
    const badDate = writeDataset('bad-date', { 'olist_orders_dataset.csv': [...(FILES['olist_orders_dataset.csv'] as string[]).slice(0, 2), 'o5,c1,delivered,2018-13-45 25:00:00,,,,'] });
    await expect(runImport(warehouse, { format: 'olist', files: [badDate] })).rejects.toThrow(/olist_orders_dataset\.csv, line 3, column "order_purchase_timestamp"/);
    const noColumn = writeDataset('no-column', { 'olist_order_items_dataset.csv': ['order_id,product_id,price', 'o1,p1,29.99'] });
    await expect(runImport(warehouse, { format: 'olist', files: [noColumn] })).rejects.toThrow(/line 1, column "order_item_id"/);
    const missing = writeDataset('missing');
    rmSync(path.join(missing, 'olist_products_dataset.csv'));
    await expect(runImport(warehouse, { format: 'olist', files: [missing] })).rejects.toThrow(ImportError);
    await expect(runImport(warehouse, { format: 'olist', files: [missing] })).rejects.toThrow(/olist_products_dataset\.csv is missing/);
    expect(await warehouseChecksum(warehouse)).toEqual(before);
  });
});
