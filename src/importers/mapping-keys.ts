import { ImportConflictError } from './import-error.ts';
import type { ImportContext } from './import-context.ts';
import type { Mapping } from './mapping-schema.ts';
import type { TargetTable } from './mapping-targets.ts';
import { typedTable } from './mapping-typed-tables.ts';
import { quoteLiteral } from './sql-text.ts';

interface EntitySpec {
  entity: 'user' | 'product';
  table: 'users' | 'products';
  idColumn: 'user_id' | 'product_id';
  /** Where a surrogate-id row keeps its source key, so a later import finds the same id again. */
  keyColumn: 'external_id' | 'sku';
  references: readonly [TargetTable, string][];
}

export const USER_KEYS: EntitySpec = {
  entity: 'user',
  table: 'users',
  idColumn: 'user_id',
  keyColumn: 'external_id',
  references: [['users', 'user_id'], ['events', 'user_id'], ['orders', 'user_id'], ['reviews', 'user_id']],
};

export const PRODUCT_KEYS: EntitySpec = {
  entity: 'product',
  table: 'products',
  idColumn: 'product_id',
  keyColumn: 'sku',
  references: [['products', 'product_id'], ['events', 'product_id'], ['order_items', 'product_id'], ['reviews', 'product_id']],
};

export function isMapped(mapping: Mapping, table: TargetTable, column: string): boolean {
  return mapping.tables[table]?.columns[column] !== undefined;
}

/**
 * Builds `key_<entity>` (key, id, existing): every source key of users or products referenced anywhere in the
 * import, with its warehouse id. Integer keys are used as ids (a row with the same id from another source
 * is a conflict); otherwise ids are assigned and the key is stored in external_id / sku for the next import.
 */
export async function resolveEntityKeys(context: ImportContext, mapping: Mapping, spec: EntitySpec): Promise<void> {
  const keyTable = `key_${spec.entity}`;
  await context.run(`CREATE TEMP TABLE ${keyTable} (key VARCHAR, id BIGINT, existing BOOLEAN)`);
  const selects = spec.references
    .filter(([table, column]) => isMapped(mapping, table, column))
    .map(([table, column]) => `SELECT ${column} AS key FROM ${typedTable(table)}`);
  if (selects.length === 0) return;
  const keysSql = `SELECT DISTINCT key FROM (${selects.join(' UNION ALL ')}) WHERE key IS NOT NULL`;
  const source = quoteLiteral(mapping.source);
  const textual = await context.count(`SELECT count(*) FROM (${keysSql}) WHERE NOT regexp_full_match(key, '-?[0-9]{1,18}')`);
  if (textual === 0) {
    const conflict = await context.row(
      `SELECT t.${spec.idColumn} AS id, t.source FROM ${spec.table} t JOIN (${keysSql}) k ON t.${spec.idColumn} = k.key::BIGINT WHERE t.source <> ${source} LIMIT 1`,
    );
    if (conflict.id !== undefined) {
      throw new ImportConflictError({ table: spec.table, id: String(conflict.id), existingSource: String(conflict.source), importSource: mapping.source, databasePath: context.options.databasePath });
    }
    await context.run(`INSERT INTO ${keyTable}
      SELECT k.key, k.key::BIGINT, t.${spec.idColumn} IS NOT NULL FROM (${keysSql}) k LEFT JOIN ${spec.table} t ON t.${spec.idColumn} = k.key::BIGINT`);
    return;
  }
  const base = await context.count(`SELECT coalesce(max(${spec.idColumn}), 0) FROM ${spec.table}`);
  await context.run(`INSERT INTO ${keyTable}
    SELECT k.key, coalesce(e.id, ${base} + row_number() OVER (PARTITION BY e.id IS NULL ORDER BY k.key)), e.id IS NOT NULL
    FROM (${keysSql}) k
    LEFT JOIN (SELECT ${spec.keyColumn} AS key, min(${spec.idColumn}) AS id FROM ${spec.table}
               WHERE source = ${source} AND ${spec.keyColumn} IS NOT NULL GROUP BY 1) e USING (key)`);
  context.report.notes.push(
    `${spec.table}: ${textual} source keys are not integers, so ${spec.idColumn}s were assigned; the source key is kept in ${spec.table}.${spec.keyColumn}.`,
  );
}

/**
 * Builds `key_order` (key, order_no, id, existing) for orders in this import or already in the warehouse.
 * Orders always get new ids; an order_no the warehouse already holds keeps its id and is not written again.
 */
export async function resolveOrderKeys(context: ImportContext, mapping: Mapping): Promise<void> {
  await context.run('CREATE TEMP TABLE key_order (key VARCHAR, order_no VARCHAR, id BIGINT, existing BOOLEAN)');
  const orderKey = isMapped(mapping, 'orders', 'order_id') ? 'order_id' : 'order_no';
  const candidates: string[] = [];
  if (mapping.tables.orders) {
    const orderNo = isMapped(mapping, 'orders', 'order_no') ? 'order_no' : orderKey;
    candidates.push(`SELECT ${orderKey} AS key, first(${orderNo} ORDER BY row_index) AS order_no, true AS in_import FROM ${typedTable('orders')} GROUP BY 1`);
  }
  for (const table of ['order_items', 'reviews'] as const) {
    if (isMapped(mapping, table, 'order_id')) candidates.push(`SELECT DISTINCT order_id, order_id, false FROM ${typedTable(table)}`);
  }
  if (candidates.length === 0) return;
  const base = await context.count('SELECT coalesce(max(order_id), 0) FROM orders');
  await context.run(`INSERT INTO key_order
    WITH candidates AS (SELECT key, arg_max(order_no, in_import) AS order_no, bool_or(in_import) AS in_import
                        FROM (${candidates.join(' UNION ALL ')}) WHERE key IS NOT NULL GROUP BY key),
         matched AS (SELECT c.*, o.order_id AS existing_id FROM candidates c LEFT JOIN orders o ON o.order_no = c.order_no
                     WHERE c.in_import OR o.order_id IS NOT NULL)
    SELECT key, order_no, coalesce(existing_id, ${base} + row_number() OVER (PARTITION BY existing_id IS NULL ORDER BY key)), existing_id IS NOT NULL
    FROM matched`);
}
