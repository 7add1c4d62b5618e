import type { ImportContext } from './import-context.ts';
import { ImportConflictError } from './import-error.ts';
import { OLIST_FILES, type OlistFileKind } from './olist-files.ts';

export const OLIST_SOURCE = 'olist';

const STATUS_SQL = `CASE lower(order_status) WHEN 'delivered' THEN 'delivered' WHEN 'shipped' THEN 'shipped'
  WHEN 'canceled' THEN 'cancelled' WHEN 'unavailable' THEN 'cancelled' WHEN 'created' THEN 'pending' ELSE 'paid' END`;

/** `olist_<kind>_clean`: the readable rows with `drop_reason` 'duplicate row' for exact copies (first kept). */
async function dedupe(context: ImportContext, kind: OlistFileKind, extra = ''): Promise<void> {
  const columns = OLIST_FILES[kind].columns.join(', ');
  await context.run(`
    CREATE TEMP TABLE olist_${kind}_clean AS
    SELECT *, CASE WHEN row_number() OVER (PARTITION BY ${columns} ORDER BY row_index) > 1 THEN 'duplicate row' END AS drop_reason ${extra}
    FROM olist_${kind}_checked WHERE invalid_reason IS NULL`);
}

/**
 * Cleans the staged Olist tables and writes the warehouse rows. A customer is the dataset's
 * customer_unique_id (its customer_id is one per order); every item row is one unit.
 */
export async function writeOlistData(context: ImportContext, present: ReadonlySet<OlistFileKind>): Promise<void> {
  const report = context.report;
  for (const kind of present) await dedupe(context, kind);
  const live = (kind: OlistFileKind) => `(SELECT * FROM olist_${kind}_clean WHERE drop_reason IS NULL)`;

  // Users: one per customer_unique_id, reusing ids of an earlier Olist import.
  const userBase = await context.count('SELECT coalesce(max(user_id), 0) FROM users');
  await context.run(`
    CREATE TEMP TABLE olist_people AS
    WITH people AS (
      SELECT trim(customer_unique_id) AS person, first(trim(customer_city) ORDER BY row_index) AS city, first(upper(trim(customer_state)) ORDER BY row_index) AS state
      FROM ${live('customers')} GROUP BY ALL
    ), existing AS (SELECT external_id, min(user_id) AS user_id FROM users WHERE source = '${OLIST_SOURCE}' GROUP BY external_id)
    SELECT p.*, e.user_id AS existing_id, coalesce(e.user_id, ${userBase} + row_number() OVER (PARTITION BY e.user_id IS NULL ORDER BY p.person)) AS user_id
    FROM people p LEFT JOIN existing e ON e.external_id = p.person`);
  await context.run(`CREATE TEMP TABLE olist_customer_ids AS SELECT DISTINCT trim(c.customer_id) AS customer_id, p.user_id FROM ${live('customers')} c JOIN olist_people p ON p.person = trim(c.customer_unique_id)`);
  report.addExisting('users', await context.count('SELECT count(*) FROM olist_people WHERE existing_id IS NOT NULL'));
  await context.run(`INSERT INTO users (user_id, external_id, city, province, country, source)
    SELECT user_id, person, city, state, 'Brazil', '${OLIST_SOURCE}' FROM olist_people WHERE existing_id IS NULL`);
  report.addInserted('users', await context.count('SELECT count(*) FROM olist_people WHERE existing_id IS NULL'));

  // Orders: skip those already imported; the customer is looked up through customer_id.
  await context.run(`UPDATE olist_orders_clean SET drop_reason = 'order already in warehouse'
    WHERE drop_reason IS NULL AND trim(order_id) IN (SELECT order_no FROM orders)`);
  for (const kind of (['items', 'payments', 'reviews'] as const).filter((candidate) => present.has(candidate))) {
    await context.run(`UPDATE olist_${kind}_clean SET drop_reason = 'order already in warehouse' WHERE drop_reason IS NULL AND trim(order_id) IN (SELECT order_no FROM orders)`);
  }
  await context.run(`UPDATE olist_items_clean SET drop_reason = 'order not found'
    WHERE drop_reason IS NULL AND trim(order_id) NOT IN (SELECT trim(order_id) FROM olist_orders_clean WHERE drop_reason IS NULL)`);
  if (present.has('payments')) {
    await context.run(`UPDATE olist_payments_clean SET drop_reason = 'order not found'
      WHERE drop_reason IS NULL AND trim(order_id) NOT IN (SELECT trim(order_id) FROM olist_orders_clean WHERE drop_reason IS NULL)`);
  }
  await context.run(`ALTER TABLE olist_orders_clean ADD COLUMN user_id BIGINT`);
  await context.run(`ALTER TABLE olist_orders_clean ADD COLUMN has_items BOOLEAN`);
  await context.run(`UPDATE olist_orders_clean o SET user_id = c.user_id FROM olist_customer_ids c WHERE c.customer_id = trim(o.customer_id)`);
  await context.run(`UPDATE olist_orders_clean SET has_items = trim(order_id) IN (SELECT trim(order_id) FROM olist_items_clean WHERE drop_reason IS NULL)`);

  // Products: English category from the translation file, else the Portuguese name; price = median item price.
  const translation = present.has('translation')
    ? `(SELECT trim(product_category_name) AS category_pt, first(trim(product_category_name_english) ORDER BY row_index) AS category_en FROM ${live('translation')} GROUP BY ALL)`
    : '(SELECT NULL::VARCHAR AS category_pt, NULL::VARCHAR AS category_en WHERE false)';
  const productBase = await context.count('SELECT coalesce(max(product_id), 0) FROM products');
  await context.run(`ALTER TABLE olist_products_clean ADD COLUMN category_pt VARCHAR`);
  await context.run(`ALTER TABLE olist_products_clean ADD COLUMN category_en VARCHAR`);
  await context.run(`UPDATE olist_products_clean SET category_pt = nullif(trim(product_category_name), '')`);
  await context.run(`UPDATE olist_products_clean p SET category_en = t.category_en FROM ${translation} t WHERE t.category_pt = p.category_pt`);
  await context.run(`
    CREATE TEMP TABLE olist_product_ids AS
    WITH catalogue AS (
      SELECT trim(product_id) AS sku, first(category_pt ORDER BY row_index) AS category_pt, first(category_en ORDER BY row_index) AS category_en
      FROM ${live('products')} GROUP BY ALL
      UNION ALL
      -- Items may name products missing from the products file: they still need a row.
      SELECT DISTINCT trim(i.product_id), NULL, NULL FROM ${live('items')} i WHERE trim(i.product_id) NOT IN (SELECT trim(product_id) FROM ${live('products')})
    ), prices AS (SELECT trim(product_id) AS sku, median(price::DECIMAL(12, 2))::DECIMAL(12, 2) AS price FROM ${live('items')} GROUP BY ALL),
    existing AS (SELECT sku, min(product_id) AS product_id, min(source) AS source FROM products WHERE sku IS NOT NULL GROUP BY sku)
    SELECT c.*, p.price, e.product_id AS existing_id, e.source AS existing_source,
           coalesce(e.product_id, ${productBase} + row_number() OVER (PARTITION BY e.product_id IS NULL ORDER BY c.sku)) AS product_id
    FROM catalogue c LEFT JOIN prices p USING (sku) LEFT JOIN existing e USING (sku)`);
  const conflict = await context.row(`SELECT sku, existing_source FROM olist_product_ids WHERE existing_id IS NOT NULL AND existing_source <> '${OLIST_SOURCE}' LIMIT 1`);
  if (conflict.sku !== undefined) {
    throw new ImportConflictError({ table: 'products', id: String(conflict.sku), existingSource: String(conflict.existing_source), importSource: OLIST_SOURCE, databasePath: context.options.databasePath });
  }
  report.addExisting('products', await context.count('SELECT count(*) FROM olist_product_ids WHERE existing_id IS NOT NULL'));
  await context.run(`INSERT INTO products (product_id, sku, category, category_zh, price, source)
    SELECT product_id, sku, coalesce(category_en, category_pt), NULL, price, '${OLIST_SOURCE}' FROM olist_product_ids WHERE existing_id IS NULL`);
  report.addInserted('products', await context.count('SELECT count(*) FROM olist_product_ids WHERE existing_id IS NULL'));
  const placeholders = await context.count('SELECT count(*) FROM olist_product_ids WHERE existing_id IS NULL AND category_pt IS NULL AND category_en IS NULL');
  if (placeholders > 0) report.notes.push(`${placeholders} products have no category in the products file (or are missing from it).`);

  const orderBase = await context.count('SELECT coalesce(max(order_id), 0) FROM orders');
  const payment = present.has('payments')
    ? `(SELECT trim(order_id) AS order_no, arg_max(lower(trim(payment_type)), payment_value::DECIMAL(12, 2)) AS payment_method FROM ${live('payments')} GROUP BY ALL)`
    : '(SELECT NULL::VARCHAR AS order_no, NULL::VARCHAR AS payment_method WHERE false)';
  await context.run(`
    CREATE TEMP TABLE olist_order_rows AS
    WITH amounts AS (
      SELECT trim(order_id) AS order_no, sum(price::DECIMAL(12, 2)) AS items_amount, sum(coalesce(TRY_CAST(nullif(trim(freight_value), '') AS DECIMAL(12, 2)), 0)) AS freight
      FROM ${live('items')} GROUP BY ALL
    ), kept AS (SELECT * FROM ${live('orders')})
    SELECT ${orderBase} + row_number() OVER (ORDER BY TRY_CAST(k.order_purchase_timestamp AS TIMESTAMP), trim(k.order_id)) AS order_id,
           trim(k.order_id) AS order_no, k.user_id, ${STATUS_SQL.replaceAll('order_status', 'k.order_status')} AS status,
           TRY_CAST(k.order_purchase_timestamp AS TIMESTAMP) AS created_at, TRY_CAST(nullif(trim(k.order_approved_at), '') AS TIMESTAMP) AS paid_at,
           TRY_CAST(nullif(trim(k.order_delivered_carrier_date), '') AS TIMESTAMP) AS shipped_at,
           TRY_CAST(nullif(trim(k.order_delivered_customer_date), '') AS TIMESTAMP) AS delivered_at,
           coalesce(a.items_amount, 0)::DECIMAL(12, 2) AS items_amount, coalesce(a.freight, 0)::DECIMAL(12, 2) AS freight,
           p.payment_method, c.city AS shipping_city
    FROM kept k LEFT JOIN amounts a ON a.order_no = trim(k.order_id) LEFT JOIN ${payment} p ON p.order_no = trim(k.order_id)
    LEFT JOIN olist_people c ON c.user_id = k.user_id`);
  await context.run(`
    INSERT INTO orders (order_id, order_no, user_id, status, created_at, paid_at, shipped_at, delivered_at, cancelled_at,
                        items_amount, discount_amount, shipping_fee, total_amount, payment_method, shipping_city, shipping_country, source)
    SELECT order_id, order_no, user_id, status, created_at, CASE WHEN status <> 'pending' THEN paid_at END, shipped_at, delivered_at,
           CASE WHEN status = 'cancelled' THEN coalesce(paid_at, created_at) END,
           items_amount, 0, freight, items_amount + freight, payment_method, shipping_city, 'Brazil', '${OLIST_SOURCE}'
    FROM olist_order_rows`);
  report.addInserted('orders', await context.count('SELECT count(*) FROM olist_order_rows'));
  report.addExisting('orders', await context.count(`SELECT count(*) FROM olist_orders_clean WHERE drop_reason = 'order already in warehouse'`));
  await context.run(`
    INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price, amount, returned_quantity)
    SELECT o.order_id, row_number() OVER (PARTITION BY o.order_id ORDER BY TRY_CAST(i.order_item_id AS INTEGER), i.row_index), p.product_id,
           1, i.price::DECIMAL(12, 2), i.price::DECIMAL(12, 2), 0
    FROM ${live('items')} i JOIN olist_order_rows o ON o.order_no = trim(i.order_id) JOIN olist_product_ids p ON p.sku = trim(i.product_id)`);
  report.addInserted('order_items', await context.count(`SELECT count(*) FROM ${live('items')}`));

  if (present.has('reviews')) {
    // A review is of an order; the warehouse's reviews are of a product, so it goes to the order's first item.
    await context.run(`UPDATE olist_reviews_clean SET drop_reason = 'order not found'
      WHERE drop_reason IS NULL AND trim(order_id) NOT IN (SELECT order_no FROM olist_order_rows WHERE items_amount > 0 AND user_id IS NOT NULL)`);
    const reviewBase = await context.count('SELECT coalesce(max(review_id), 0) FROM reviews');
    await context.run(`
      INSERT INTO reviews (review_id, user_id, product_id, order_id, rating, review_text, language, created_at, likes)
      SELECT ${reviewBase} + row_number() OVER (ORDER BY r.row_index), o.user_id, first_item.product_id, o.order_id, r.review_score::INTEGER,
             nullif(concat_ws(' — ', nullif(trim(r.review_comment_title), ''), nullif(trim(r.review_comment_message), '')), ''),
             NULL, TRY_CAST(r.review_creation_date AS TIMESTAMP), 0
      FROM ${live('reviews')} r JOIN olist_order_rows o ON o.order_no = trim(r.order_id)
      JOIN (SELECT order_id, arg_min(product_id, line_no) AS product_id FROM order_items GROUP BY ALL) first_item ON first_item.order_id = o.order_id`);
    report.addInserted('reviews', await context.count(`SELECT count(*) FROM ${live('reviews')}`));
  }
  for (const kind of ['sellers', 'geolocation'] as const) {
    if (present.has(kind)) report.notes.push(`${OLIST_FILES[kind].name}: ${await context.count(`SELECT count(*) FROM ${live(kind)}`)} rows read and checked; the warehouse has no table for them, so they are not stored.`);
  }
  const summary = await context.row(`SELECT coalesce(sum(items_amount) FILTER (WHERE status = 'delivered'), 0)::VARCHAR AS revenue, count(*) FILTER (WHERE user_id IS NULL) AS without_customer FROM olist_order_rows`);
  report.notes.push(`Revenue of delivered orders (item prices, freight excluded): ${summary.revenue} BRL.`, 'Review texts are Portuguese (reviews.language NULL: the schema knows zh and en only).');
}
