import type { ImportContext } from './import-context.ts';
import type { Mapping } from './mapping-schema.ts';
import { TARGETS, type TargetTable } from './mapping-targets.ts';
import { isMapped } from './mapping-keys.ts';
import { typedTable } from './mapping-typed-tables.ts';
import { quoteIdentifier, quoteLiteral } from './sql-text.ts';

/** `alias.column` when the mapping feeds it, else `fallback`. */
function valueOf(mapping: Mapping, table: TargetTable, column: string, alias: string, fallback = 'NULL'): string {
  return isMapped(mapping, table, column) ? `${alias}.${quoteIdentifier(column)}` : fallback;
}

/** Counts rows per drop reason of a write table into the report. */
async function reportDrops(context: ImportContext, writeTable: string): Promise<void> {
  for (const row of await context.rows(`SELECT drop_reason, count(*) AS rows FROM ${writeTable} WHERE drop_reason IS NOT NULL GROUP BY ALL`)) {
    context.report.drop(String(row.drop_reason), Number(row.rows));
  }
}

async function insertCounted(context: ImportContext, table: string, sql: string): Promise<number> {
  const before = await context.count(`SELECT count(*) FROM ${table}`);
  await context.run(sql);
  const inserted = (await context.count(`SELECT count(*) FROM ${table}`)) - before;
  context.report.addInserted(table, inserted);
  return inserted;
}

/**
 * users or products: the first row per key is written unless the warehouse already has that id (then it is
 * kept as it is and the row counted as already in warehouse); keys only referenced by other tables get a
 * placeholder row so that joins keep working.
 */
export async function writeEntities(context: ImportContext, mapping: Mapping, table: 'users' | 'products'): Promise<void> {
  const entity = table === 'users' ? 'user' : 'product';
  const idColumn = table === 'users' ? 'user_id' : 'product_id';
  const keyColumn = table === 'users' ? 'external_id' : 'sku';
  const source = quoteLiteral(mapping.source);
  const tableMapping = mapping.tables[table];
  if (tableMapping) {
    await context.run(`
      CREATE TEMP TABLE write_${table} AS
      SELECT m.*, k.id AS ref_id,
             CASE WHEN row_number() OVER (PARTITION BY m.${idColumn} ORDER BY m.row_index) > 1 THEN '${table}: duplicate key'
                  WHEN k.existing THEN '${table}: already in warehouse' END AS drop_reason
      FROM ${typedTable(table)} m JOIN key_${entity} k ON k.key = m.${idColumn}`);
    await reportDrops(context, `write_${table}`);
    context.report.addExisting(table, await context.count(`SELECT count(*) FROM write_${table} WHERE drop_reason = '${table}: already in warehouse'`));
    const columns = Object.keys(TARGETS[table]).filter((column) => column !== idColumn);
    const values = columns.map((column) =>
      column === keyColumn ? `coalesce(${valueOf(mapping, table, column, 'w')}, w.${idColumn})` : valueOf(mapping, table, column, 'w'),
    );
    await insertCounted(
      context,
      table,
      `INSERT INTO ${table} (${idColumn}, ${columns.join(', ')}, source)
       SELECT w.ref_id, ${values.join(', ')}, ${source} FROM write_${table} w WHERE w.drop_reason IS NULL`,
    );
  }
  const placeholders = await context.count(`SELECT count(*) FROM key_${entity} k WHERE NOT k.existing
    ${tableMapping ? `AND k.key NOT IN (SELECT ${idColumn} FROM ${typedTable(table)})` : ''}`);
  if (placeholders > 0) {
    await insertCounted(
      context,
      table,
      `INSERT INTO ${table} (${idColumn}, ${keyColumn}, source)
       SELECT k.id, k.key, ${source} FROM key_${entity} k WHERE NOT k.existing
       ${tableMapping ? `AND k.key NOT IN (SELECT ${idColumn} FROM ${typedTable(table)})` : ''}`,
    );
    context.report.notes.push(`${placeholders} ${table} are referenced by other tables but not in the ${table} data; they were added with only their id.`);
  }
}

/** order_items first (their amounts feed order totals), then orders, then the items themselves. */
export async function writeOrders(context: ImportContext, mapping: Mapping): Promise<void> {
  const source = quoteLiteral(mapping.source);
  if (mapping.tables.order_items) {
    const lineNumber = valueOf(mapping, 'order_items', 'line_no', 'm', 'NULL');
    await context.run(`
      CREATE TEMP TABLE write_order_items AS
      WITH resolved AS (
        SELECT m.*, ko.id AS order_ref, ko.existing AS order_existing, kp.id AS product_ref,
               coalesce(${lineNumber}, row_number() OVER (PARTITION BY m.order_id ORDER BY m.row_index)) AS line_number,
               coalesce(${valueOf(mapping, 'order_items', 'amount', 'm')}, m.quantity * m.unit_price)::DECIMAL(12, 2) AS line_amount
        FROM ${typedTable('order_items')} m
        LEFT JOIN key_order ko ON ko.key = m.order_id LEFT JOIN key_product kp ON kp.key = m.product_id
      )
      SELECT *,
        CASE WHEN order_ref IS NULL THEN 'order_items: order not found'
             WHEN order_existing THEN 'order_items: order already in warehouse'
             WHEN quantity <= 0 THEN 'order_items: quantity not positive'
             WHEN row_number() OVER (PARTITION BY order_ref, line_number ORDER BY row_index) > 1 THEN 'order_items: duplicate line'
        END AS drop_reason
      FROM resolved`);
    await reportDrops(context, 'write_order_items');
  }
  if (mapping.tables.orders) {
    const orderKey = isMapped(mapping, 'orders', 'order_id') ? 'order_id' : 'order_no';
    const itemAmounts = mapping.tables.order_items
      ? `SELECT order_ref, sum(line_amount) AS amount FROM write_order_items WHERE drop_reason IS NULL GROUP BY order_ref`
      : 'SELECT NULL::BIGINT AS order_ref, NULL::DECIMAL(12, 2) AS amount WHERE false';
    await context.run(`
      CREATE TEMP TABLE write_orders AS
      SELECT m.*, k.id AS ref_id, k.order_no AS ref_order_no, ku.id AS user_ref,
             CASE WHEN k.id IS NULL THEN 'orders: missing order key'
                  WHEN row_number() OVER (PARTITION BY m.${orderKey} ORDER BY m.row_index) > 1 THEN 'orders: duplicate key'
                  WHEN k.existing THEN 'orders: already in warehouse' END AS drop_reason
      FROM ${typedTable('orders')} m LEFT JOIN key_order k ON k.key = m.${orderKey}
      ${isMapped(mapping, 'orders', 'user_id') ? 'LEFT JOIN key_user ku ON ku.key = m.user_id' : 'LEFT JOIN (SELECT NULL::BIGINT AS id) ku ON true'}`);
    await reportDrops(context, 'write_orders');
    context.report.addExisting('orders', await context.count(`SELECT count(*) FROM write_orders WHERE drop_reason = 'orders: already in warehouse'`));
    const items = `coalesce(${valueOf(mapping, 'orders', 'items_amount', 'w')}, a.amount, 0)`;
    const discount = `coalesce(${valueOf(mapping, 'orders', 'discount_amount', 'w')}, 0)`;
    const shipping = `coalesce(${valueOf(mapping, 'orders', 'shipping_fee', 'w')}, 0)`;
    const special: Record<string, string> = {
      order_id: 'w.ref_id',
      order_no: 'w.ref_order_no',
      user_id: 'w.user_ref',
      items_amount: items,
      discount_amount: discount,
      shipping_fee: shipping,
      total_amount: `coalesce(${valueOf(mapping, 'orders', 'total_amount', 'w')}, ${items} - ${discount} + ${shipping})`,
      exchange_count: `coalesce(${valueOf(mapping, 'orders', 'exchange_count', 'w')}, 0)`,
    };
    const columns = Object.keys(TARGETS.orders);
    await insertCounted(
      context,
      'orders',
      `INSERT INTO orders (${columns.join(', ')}, source)
       SELECT ${columns.map((column) => special[column] ?? valueOf(mapping, 'orders', column, 'w')).join(', ')}, ${source}
       FROM write_orders w LEFT JOIN (${itemAmounts}) a ON a.order_ref = w.ref_id WHERE w.drop_reason IS NULL`,
    );
  }
  if (mapping.tables.order_items) {
    await insertCounted(
      context,
      'order_items',
      `INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price, amount, returned_quantity)
       SELECT order_ref, line_number, product_ref, quantity, unit_price, line_amount,
              coalesce(${valueOf(mapping, 'order_items', 'returned_quantity', 'w')}, 0)
       FROM write_order_items w WHERE drop_reason IS NULL`,
    );
  }
}

/**
 * events: exact duplicates and events identical to stored ones are dropped; sessions come from the mapped
 * session key or, without one, from the inactivity rule (`session_gap_minutes`, default 30).
 */
export async function writeEvents(context: ImportContext, mapping: Mapping): Promise<void> {
  if (!mapping.tables.events) return;
  const product = isMapped(mapping, 'events', 'product_id') ? 'kp.id' : 'NULL::BIGINT';
  const productJoin = isMapped(mapping, 'events', 'product_id') ? 'LEFT JOIN key_product kp ON kp.key = m.product_id' : '';
  const searchQuery = valueOf(mapping, 'events', 'search_query', 'm');
  await context.run(`
    CREATE TEMP TABLE write_events AS
    WITH resolved AS (
      SELECT m.*, ku.id AS user_ref, ${product} AS product_ref, ${searchQuery} AS query_text
      FROM ${typedTable('events')} m JOIN key_user ku ON ku.key = m.user_id ${productJoin}
    ), numbered AS (
      SELECT *, row_number() OVER (PARTITION BY user_ref, product_ref, event_type, event_time, query_text ORDER BY row_index) AS copy_number
      FROM resolved
    )
    SELECT n.* EXCLUDE (copy_number),
      CASE WHEN copy_number > 1 THEN 'events: duplicate row'
           WHEN EXISTS (SELECT 1 FROM events e WHERE e.user_id = n.user_ref AND e.product_id IS NOT DISTINCT FROM n.product_ref
                        AND e.event_type = n.event_type AND e.event_time = n.event_time) THEN 'events: already in warehouse'
      END AS drop_reason
    FROM numbered n`);
  await reportDrops(context, 'write_events');
  context.report.addExisting('events', await context.count(`SELECT count(*) FROM write_events WHERE drop_reason = 'events: already in warehouse'`));
  const bases = await context.row('SELECT coalesce(max(event_id), 0) AS event_base, coalesce(max(session_id), 0) AS session_base FROM events');
  const eventBase = Number(bases.event_base ?? 0);
  const sessionBase = Number(bases.session_base ?? 0);
  const gapSeconds = mapping.session_gap_minutes * 60;
  const session = isMapped(mapping, 'events', 'session_id')
    ? `${sessionBase} + dense_rank() OVER (ORDER BY user_ref, session_id)`
    : `${sessionBase} + sum(session_start) OVER (ORDER BY user_ref, event_time, row_index ROWS UNBOUNDED PRECEDING)`;
  const columns = ['device', 'page', 'dwell_seconds'].map((column) => valueOf(mapping, 'events', column, 'w'));
  await insertCounted(
    context,
    'events',
    `INSERT INTO events (event_id, user_id, session_id, product_id, event_type, search_query, event_time, device, page, dwell_seconds)
     WITH kept AS (
       SELECT *, CASE WHEN lag(event_time) OVER (PARTITION BY user_ref ORDER BY event_time, row_index) IS NULL
                        OR epoch(event_time) - epoch(lag(event_time) OVER (PARTITION BY user_ref ORDER BY event_time, row_index)) > ${gapSeconds}
                      THEN 1 ELSE 0 END AS session_start
       FROM write_events WHERE drop_reason IS NULL
     )
     SELECT ${eventBase} + row_number() OVER (ORDER BY row_index), user_ref, ${session}, product_ref, event_type, query_text, event_time,
            ${columns.join(', ')}
     FROM kept w`,
  );
}

/** reviews: one per (user, product, created_at); one the warehouse already holds is skipped. */
export async function writeReviews(context: ImportContext, mapping: Mapping): Promise<void> {
  if (!mapping.tables.reviews) return;
  const order = isMapped(mapping, 'reviews', 'order_id') ? 'ko.id' : 'NULL::BIGINT';
  const orderJoin = isMapped(mapping, 'reviews', 'order_id') ? 'LEFT JOIN key_order ko ON ko.key = m.order_id' : '';
  await context.run(`
    CREATE TEMP TABLE write_reviews AS
    WITH resolved AS (
      SELECT m.*, ku.id AS user_ref, kp.id AS product_ref, ${order} AS order_ref
      FROM ${typedTable('reviews')} m JOIN key_user ku ON ku.key = m.user_id JOIN key_product kp ON kp.key = m.product_id ${orderJoin}
    )
    SELECT r.*,
      CASE WHEN row_number() OVER (PARTITION BY user_ref, product_ref, created_at ORDER BY row_index) > 1 THEN 'reviews: duplicate review'
           WHEN EXISTS (SELECT 1 FROM reviews v WHERE v.user_id = r.user_ref AND v.product_id = r.product_ref AND v.created_at = r.created_at)
             THEN 'reviews: already in warehouse'
      END AS drop_reason
    FROM resolved r`);
  await reportDrops(context, 'write_reviews');
  context.report.addExisting('reviews', await context.count(`SELECT count(*) FROM write_reviews WHERE drop_reason = 'reviews: already in warehouse'`));
  const base = await context.count('SELECT coalesce(max(review_id), 0) FROM reviews');
  await insertCounted(
    context,
    'reviews',
    `INSERT INTO reviews (review_id, user_id, product_id, order_id, rating, review_text, language, created_at, likes)
     SELECT ${base} + row_number() OVER (ORDER BY row_index), user_ref, product_ref, order_ref, rating,
            ${valueOf(mapping, 'reviews', 'review_text', 'w')}, ${valueOf(mapping, 'reviews', 'language', 'w')}, created_at,
            coalesce(${valueOf(mapping, 'reviews', 'likes', 'w')}, 0)
     FROM write_reviews w WHERE drop_reason IS NULL`,
  );
}
