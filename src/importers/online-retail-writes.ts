import { ImportConflictError } from './import-error.ts';
import type { ImportContext } from './import-context.ts';
import { quoteLiteral } from './sql-text.ts';

export const RETAIL_SOURCE = 'online_retail';

/** Stock codes that are postage, fees, discounts or manual corrections rather than goods. */
export const NON_MERCHANDISE_CODES = ['POST', 'DOT', 'M', 'D', 'S', 'C2', 'CRUK', 'PADS', 'B', 'BANK CHARGES', 'AMAZONFEE'] as const;

/**
 * Products of the kept lines (temp table `retail_lines`) → `retail_products` (product_key, product_id, ...)
 * and new rows in `products`. Ids are stable: a key imported before keeps its id.
 */
export async function writeRetailProducts(context: ImportContext, hasStockCode: boolean): Promise<void> {
  const report = context.report;
  const existingProducts = hasStockCode
    ? `SELECT sku AS product_key, min(product_id) AS product_id FROM products WHERE source = '${RETAIL_SOURCE}' AND sku IS NOT NULL GROUP BY sku`
    : `SELECT title_en AS product_key, min(product_id) AS product_id FROM products WHERE source = '${RETAIL_SOURCE}' AND sku IS NULL GROUP BY title_en`;
  const productBase = await context.count('SELECT coalesce(max(product_id), 0) FROM products');
  await context.run(`
    CREATE TEMP TABLE retail_products AS
    WITH kept AS (SELECT * FROM retail_lines WHERE drop_reason IS NULL),
    titles AS (
      SELECT product_key, first(description ORDER BY uses DESC, description) AS title
      FROM (SELECT product_key, description, count(*) AS uses FROM kept WHERE description IS NOT NULL GROUP BY ALL)
      GROUP BY product_key
    ),
    prices AS (SELECT product_key, median(unit_price)::DECIMAL(12, 2) AS price FROM kept GROUP BY product_key),
    existing AS (${existingProducts})
    SELECT p.product_key, t.title, p.price, e.product_id AS existing_id,
           coalesce(e.product_id, ${productBase} + row_number() OVER (PARTITION BY e.product_id IS NULL ORDER BY p.product_key)) AS product_id
    FROM prices p LEFT JOIN titles t USING (product_key) LEFT JOIN existing e USING (product_key)`);
  report.addExisting('products', await context.count('SELECT count(*) FROM retail_products WHERE existing_id IS NOT NULL'));
  const nonMerchandise = NON_MERCHANDISE_CODES.map(quoteLiteral).join(', ');
  const productsBefore = await context.count('SELECT count(*) FROM products');
  await context.run(`
    INSERT INTO products (product_id, sku, title_en, category, category_zh, price, source)
    SELECT product_id, ${hasStockCode ? 'product_key' : 'NULL'}, ${hasStockCode ? 'title' : 'product_key'},
           CASE WHEN upper(product_key) IN (${nonMerchandise}) THEN 'non_merchandise' END,
           CASE WHEN upper(product_key) IN (${nonMerchandise}) THEN '非商品（运费/手续费/折扣）' END,
           price, '${RETAIL_SOURCE}'
    FROM retail_products WHERE existing_id IS NULL`);
  report.addInserted('products', (await context.count('SELECT count(*) FROM products')) - productsBefore);
}

/** Customers of the kept lines → `retail_customers` and new rows in `users`; ids owned by another source are a conflict. */
export async function writeRetailCustomers(context: ImportContext): Promise<void> {
  const report = context.report;
  await context.run(`
    CREATE TEMP TABLE retail_customers AS
    SELECT customer_id, first(country ORDER BY country IS NULL, uses DESC, country) AS country, count(DISTINCT country) AS countries
    FROM (SELECT customer_id, country, count(*) AS uses FROM retail_lines
          WHERE drop_reason IS NULL AND customer_id IS NOT NULL GROUP BY ALL)
    GROUP BY customer_id`);
  const conflict = await context.row(
    `SELECT u.user_id, u.source FROM users u JOIN retail_customers c ON c.customer_id = u.user_id WHERE u.source <> '${RETAIL_SOURCE}' LIMIT 1`,
  );
  if (conflict.user_id !== undefined) {
    throw new ImportConflictError({ table: 'users', id: String(conflict.user_id), existingSource: String(conflict.source), importSource: RETAIL_SOURCE, databasePath: context.options.databasePath });
  }
  report.addExisting('users', await context.count('SELECT count(*) FROM retail_customers c SEMI JOIN users u ON u.user_id = c.customer_id'));
  const usersBefore = await context.count('SELECT count(*) FROM users');
  await context.run(`
    INSERT INTO users (user_id, external_id, country, city, source)
    SELECT c.customer_id, c.customer_id::VARCHAR, c.country, NULL, '${RETAIL_SOURCE}'
    FROM retail_customers c ANTI JOIN users u ON u.user_id = c.customer_id`);
  report.addInserted('users', (await context.count('SELECT count(*) FROM users')) - usersBefore);
  const multiCountry = await context.count('SELECT count(*) FROM retail_customers WHERE countries > 1');
  if (multiCountry > 0) report.notes.push(`${multiCountry} customers appear with more than one country; each keeps the most frequent.`);
}

/** Orders and order_items of the kept lines (needs `retail_products`); statuses as documented. */
export async function writeRetailOrders(context: ImportContext): Promise<void> {
  const report = context.report;
  const orderBase = await context.count('SELECT coalesce(max(order_id), 0) FROM orders');
  await context.run(`
    CREATE TEMP TABLE retail_kept AS
    SELECT l.*, p.product_id FROM retail_lines l JOIN retail_products p USING (product_key) WHERE l.drop_reason IS NULL`);
  // A cancellation is a return when the same customer bought that product earlier: in this import or in an
  // earlier Online Retail import already in the warehouse.
  await context.run(`
    CREATE TEMP TABLE retail_orders AS
    WITH purchases AS (
      SELECT customer_id AS user_id, product_id, invoice_date AS purchased_at FROM retail_kept
      WHERE NOT is_cancellation AND customer_id IS NOT NULL
      UNION ALL
      SELECT o.user_id, i.product_id, o.created_at FROM orders o JOIN order_items i ON i.order_id = o.order_id
      WHERE o.source = '${RETAIL_SOURCE}' AND o.status = 'delivered' AND o.user_id IS NOT NULL
    ), first_purchase AS (
      SELECT user_id, product_id, min(purchased_at) AS first_at FROM purchases GROUP BY ALL
    ), returns AS (
      SELECT DISTINCT k.order_no FROM retail_kept k
      JOIN first_purchase f ON f.user_id = k.customer_id AND f.product_id = k.product_id AND f.first_at < k.invoice_date
      WHERE k.is_cancellation
    ), grouped AS (
      SELECT order_no, min(customer_id) AS user_id, count(DISTINCT customer_id) AS customers, bool_or(is_cancellation) AS is_cancellation,
             min(invoice_date) AS created_at, sum(abs(quantity) * unit_price)::DECIMAL(12, 2) AS items_amount,
             mode(country) AS shipping_country
      FROM retail_kept GROUP BY order_no
    )
    SELECT g.*, ${orderBase} + row_number() OVER (ORDER BY g.created_at, g.order_no) AS order_id,
           CASE WHEN NOT g.is_cancellation THEN 'delivered' WHEN r.order_no IS NOT NULL THEN 'returned' ELSE 'cancelled' END AS status
    FROM grouped g LEFT JOIN returns r USING (order_no)`);
  await context.run(`
    INSERT INTO orders (order_id, order_no, user_id, status, created_at, paid_at, cancelled_at, returned_at,
                        items_amount, discount_amount, shipping_fee, total_amount, shipping_country, source)
    SELECT order_id, order_no, user_id, status, created_at,
           CASE WHEN status = 'delivered' THEN created_at END,
           CASE WHEN status = 'cancelled' THEN created_at END,
           CASE WHEN status = 'returned' THEN created_at END,
           items_amount, 0, 0, items_amount, shipping_country, '${RETAIL_SOURCE}'
    FROM retail_orders`);
  await context.run(`
    INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price, amount, returned_quantity)
    SELECT o.order_id, row_number() OVER (PARTITION BY k.order_no ORDER BY k.row_index), k.product_id,
           abs(k.quantity), k.unit_price, abs(k.quantity) * k.unit_price, 0
    FROM retail_kept k JOIN retail_orders o USING (order_no)`);
  await linkReturnsToPurchases(context);
  const summary = await context.row(`
    SELECT count(*) AS orders, count(*) FILTER (WHERE status = 'cancelled') AS cancelled,
           count(*) FILTER (WHERE status = 'returned') AS returned, count(*) FILTER (WHERE user_id IS NULL) AS guest_orders,
           coalesce(sum(items_amount) FILTER (WHERE status = 'delivered'), 0)::VARCHAR AS revenue,
           count(*) FILTER (WHERE customers > 1) AS mixed_customers
    FROM retail_orders`);
  report.addInserted('orders', Number(summary.orders ?? 0));
  report.addInserted('order_items', await context.count('SELECT count(*) FROM retail_kept'));
  report.notes.push(
    `${summary.cancelled} cancelled and ${summary.returned} returned orders (C invoices; never revenue, paid_at NULL).`,
    `${summary.guest_orders} orders have no CustomerID and were kept as guest orders (user_id NULL, country in orders.shipping_country).`,
    `Revenue after cleaning (delivered orders): ${summary.revenue}.`,
  );
  if (Number(summary.mixed_customers) > 0) report.notes.push(`${summary.mixed_customers} invoices name several customers; the lowest CustomerID is used.`);
}

/**
 * A return's credit note (C invoice) is its own unpaid order, so the catalogue's return metrics (paid orders with a
 * returned_at time) would count none. Each returned line is linked to the customer's latest earlier purchase of that
 * product (this import or an earlier one): that purchase's line gets the returned quantity (capped at what was bought)
 * and its order the return's time, as the demo records a return on the order that was paid.
 */
async function linkReturnsToPurchases(context: ImportContext): Promise<void> {
  await context.run(`
    CREATE TEMP TABLE retail_return_links AS
    WITH return_lines AS (
      SELECT k.file_index, k.row_index, k.customer_id AS user_id, k.product_id, k.invoice_date AS returned_at, abs(k.quantity) AS quantity
      FROM retail_kept k JOIN retail_orders r USING (order_no)
      WHERE k.is_cancellation AND r.status = 'returned'
    ), candidates AS (
      SELECT l.file_index, l.row_index, l.returned_at, l.quantity, i.order_id, i.line_no,
             row_number() OVER (PARTITION BY l.file_index, l.row_index ORDER BY o.created_at DESC, o.order_id DESC, i.line_no) AS latest
      FROM return_lines l
      JOIN orders o ON o.user_id = l.user_id AND o.source = '${RETAIL_SOURCE}' AND o.status = 'delivered' AND o.created_at < l.returned_at
      JOIN order_items i ON i.order_id = o.order_id AND i.product_id = l.product_id
    )
    SELECT order_id, line_no, sum(quantity) AS quantity, max(returned_at) AS returned_at FROM candidates WHERE latest = 1 GROUP BY ALL`);
  await context.run(`
    UPDATE order_items SET returned_quantity = least(order_items.quantity, order_items.returned_quantity + l.quantity)
    FROM retail_return_links l WHERE order_items.order_id = l.order_id AND order_items.line_no = l.line_no`);
  await context.run(`
    UPDATE orders SET returned_at = greatest(coalesce(orders.returned_at, l.returned_at), l.returned_at)
    FROM (SELECT order_id, max(returned_at) AS returned_at FROM retail_return_links GROUP BY order_id) l
    WHERE orders.order_id = l.order_id`);
  const linked = await context.count('SELECT count(DISTINCT order_id) FROM retail_return_links');
  context.report.notes.push(`${linked} paid orders had items returned (returned_at and returned_quantity set from the credit notes).`);
  await context.run('DROP TABLE retail_return_links');
}
