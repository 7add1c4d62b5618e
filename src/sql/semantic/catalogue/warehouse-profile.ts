import type { DuckDBConnection } from '@duckdb/node-api';
import { connectionReader, type QueryReader } from '../../connection-reader.ts';
import type { Warehouse } from '../../warehouse.ts';
import { loadAvailableTables } from './available-tables.ts';
import { CORE_TABLES, DIMENSIONS, dimensionFacts } from './dimensions.ts';
import { FACTS } from './facts.ts';
import { METRICS, metricFacts } from './metrics.ts';
import { loadDataDateRange, readStoredProfile, writeStoredProfile, type StoredProfile } from './profile-store.ts';
import { CACHE_TABLES_CONDITION, tableReference } from '../../cache-schema.ts';
import { behaviourReader, behaviourReaderOf } from '../../engine/behaviour-reader.ts';
import type { WarehouseEngine } from '../../engine/warehouse-engine.ts';

/** Why a metric or dimension cannot be answered on this warehouse, in both languages. */
export interface Unavailability {
  en: string;
  zh: string;
}

/**
 * What this warehouse can answer: row counts of the canonical tables, which columns hold data, and every
 * metric and dimension of the catalogue that is unavailable here, with the reason. A real shop's import has
 * only some of the demo's data (Online Retail has no browsing events, Taobao UserBehavior no prices), so the
 * catalogue adapts to the warehouse instead of answering with zeros.
 */
export interface WarehouseProfile {
  tableRows: Record<string, number>;
  /** "users.country" → true when at least 5% of the column's rows hold a value. */
  filledColumns: Record<string, boolean>;
  unavailableMetrics: Record<string, Unavailability>;
  unavailableDimensions: Record<string, Unavailability>;
}

// Aliases of the facts' base tables (facts.ts); derived facts such as sessions ('s') have no stored columns.
const TABLE_ALIASES: Record<string, string> = { u: 'users', p: 'products', e: 'events', o: 'orders', oi: 'order_items', r: 'reviews', se: 'support_events' };

const TABLE_NAMES_EN: Record<string, string> = {
  users: 'customer', products: 'product', events: 'browsing-event', orders: 'order', order_items: 'order-line', reviews: 'review', support_events: 'customer-service', user_segments: 'customer-segment',
};

const TABLE_NAMES_ZH: Record<string, string> = {
  users: '用户', products: '商品', events: '行为事件', orders: '订单', order_items: '订单明细', reviews: '评价', support_events: '客服记录', user_segments: '客户分群',
};

// Columns a metric needs beyond its tables having rows: GMV needs amounts (Taobao UserBehavior has no prices).
const METRIC_COLUMNS: Record<string, string[]> = {
  gmv: ['order_items.amount'],
  aov: ['order_items.amount'],
  arpu: ['order_items.amount'],
  units: ['order_items.quantity'],
  avg_dwell_seconds: ['events.dwell_seconds'],
  avg_rating: ['reviews.rating'],
  positive_review_share: ['reviews.rating'],
};

const NO_PRICES: Unavailability = {
  en: 'this warehouse has no prices (no order amounts and no product prices)',
  zh: '这个仓库没有价格数据（没有订单金额，也没有商品价格）',
};

const COLUMN_NAMES: Record<string, Unavailability> = {
  'order_items.amount': { en: 'prices (order line amounts)', zh: '价格（订单金额）' },
  'order_items.quantity': { en: 'quantities', zh: '购买件数' },
  'events.dwell_seconds': { en: 'dwell times', zh: '停留时长' },
  'reviews.rating': { en: 'review ratings', zh: '评价星级' },
};

/** Table.column pairs an expression reads ("u.country" → users.country), for the columns-with-data check. */
function columnsOf(expression: string): string[] {
  return [...expression.matchAll(/\b([a-z]{1,2})\.([a-z_]+)\b/g)]
    .map((match) => (TABLE_ALIASES[match[1] as string] ? `${TABLE_ALIASES[match[1] as string]}.${match[2]}` : undefined))
    .filter((column): column is string => column !== undefined);
}

async function columnsWithData(warehouse: QueryReader, data: QueryReader, columns: readonly string[], tables: ReadonlySet<string>): Promise<Record<string, boolean>> {
  const filled: Record<string, boolean> = {};
  const probes = columns.filter((column) => tables.has(column.split('.')[0] as string));
  if (probes.length === 0) return filled;
  const existing = await warehouse.query(
    `SELECT table_name || '.' || column_name AS name FROM duckdb_columns() WHERE schema_name = 'main' OR ${CACHE_TABLES_CONDITION}`,
  );
  const known = new Set(existing.rows.map((row) => String(row.name)));
  const checks = probes.filter((column) => known.has(column));
  // Names come from the catalogue and duckdb_columns(), never from users, and are quoted.
  const selects = checks.map((column) => {
    const [table, name] = column.split('.') as [string, string];
    // A column counts as filled when at least 5% of rows have a value: an import where 8 of 2,618 products
    // carry a category cannot answer "by category".
    return `SELECT '${column}' AS name, coalesce(avg(CASE WHEN "${name}" IS NOT NULL AND CAST("${name}" AS VARCHAR) NOT IN ('', 'unknown') THEN 1 ELSE 0 END), 0) >= 0.05 AS filled FROM "${table}"`;
    return `SELECT '${column}' AS name, EXISTS (SELECT 1 FROM ${tableReference(table)} WHERE "${name}" IS NOT NULL AND CAST("${name}" AS VARCHAR) NOT IN ('', 'unknown')) AS filled`;
  });
  if (selects.length > 0) {
    // ClickHouse answers a comparison with 1 or 0 (UInt8), DuckDB with a boolean.
    for (const row of (await data.query(selects.join(' UNION ALL '))).rows) filled[String(row.name)] = row.filled === true || row.filled === 1;
  }
  // A column the expression derives (support_intent) is not stored: its fact's rows decide, not a probe.
  return filled;
}

async function tableRowCounts(warehouse: QueryReader, tables: readonly string[]): Promise<Record<string, number>> {
  if (tables.length === 0) return {};
  const counts = await warehouse.query(tables.map((table) => `SELECT '${table.replaceAll("'", "''")}' AS name, count(*) AS rows FROM ${tableReference(table)}`).join(' UNION ALL '));
  return Object.fromEntries(counts.rows.map((row) => [String(row.name), Number(row.rows)]));
}

function missingTables(required: readonly string[], rows: Record<string, number>): Unavailability | undefined {
  const empty = required.filter((table) => !(rows[table] && rows[table] > 0));
  if (empty.length === 0) return undefined;
  return {
    en: `this warehouse has no ${empty.map((table) => TABLE_NAMES_EN[table] ?? table).join(' or ')} data`,
    zh: `这个仓库没有${empty.map((table) => TABLE_NAMES_ZH[table] ?? table).join('或')}数据`,
  };
}

/**
 * `warehouse` answers catalogue questions (duckdb_columns() of the state file on a ClickHouse warehouse, which has
 * the same tables empty); the rows are counted and probed where they live (behaviourReaderOf).
 */
export async function profileWarehouse(warehouse: QueryReader): Promise<WarehouseProfile> {
  const data = behaviourReaderOf(warehouse);
  const tables = await loadAvailableTables(warehouse);
  const tableRows = await tableRowCounts(data, tables);
  const present = new Set(tables);
  const dimensionColumns = DIMENSIONS.flatMap((dimension) => Object.values(dimension.expressions).flatMap((expression) => columnsOf((expression as { value: string }).value)));
  const filledColumns = await columnsWithData(warehouse, data, [...new Set([...dimensionColumns, ...Object.values(METRIC_COLUMNS).flat(), 'products.price'])], present);

  const unavailableMetrics: Record<string, Unavailability> = {};
  for (const metric of METRICS) {
    const required = [...new Set(metricFacts(metric).flatMap((fact) => FACTS[fact].requiredTables))];
    const reason = missingTables(required, tableRows);
    if (reason) {
      // Purchases recorded only as events (Taobao UserBehavior) have no amounts: say prices are missing.
      const needsPrices = (METRIC_COLUMNS[metric.id] ?? []).includes('order_items.amount');
      unavailableMetrics[metric.id] = needsPrices && filledColumns['products.price'] === false ? NO_PRICES : reason;
      continue;
    }
    const emptyColumns = (METRIC_COLUMNS[metric.id] ?? []).filter((column) => filledColumns[column] === false);
    if (emptyColumns.length > 0) {
      unavailableMetrics[metric.id] = {
        en: `this warehouse has no ${emptyColumns.map((column) => COLUMN_NAMES[column]?.en ?? column).join(' or ')}`,
        zh: `这个仓库没有${emptyColumns.map((column) => COLUMN_NAMES[column]?.zh ?? column).join('或')}`,
      };
    }
  }

  const unavailableDimensions: Record<string, Unavailability> = {};
  for (const dimension of DIMENSIONS) {
    if (['day', 'week', 'month', 'hour', 'weekday'].includes(dimension.id)) continue;
    // Derived dimensions (segments) are computed first when a question needs them: their sources decide.
    const required = dimension.derived_from_tables ?? dimension.required_tables;
    const tableReason = missingTables(required, tableRows);
    if (tableReason) {
      unavailableDimensions[dimension.id] = tableReason;
      continue;
    }
    // Usable when some fact it supports has rows and reads a column that holds data there.
    const usable = dimensionFacts(dimension).some((fact) => {
      if (missingTables(FACTS[fact].requiredTables, tableRows)) return false;
      const columns = columnsOf((dimension.expressions[fact] as { value: string }).value);
      return columns.length === 0 || columns.some((column) => filledColumns[column] !== false);
    });
    if (!usable) {
      unavailableDimensions[dimension.id] = {
        en: `this warehouse has no ${dimension.name_en.toLowerCase()} data`,
        zh: `这个仓库没有${dimension.name_zh}数据`,
      };
    }
  }
  return { tableRows, filledColumns, unavailableMetrics, unavailableDimensions };
}

const cache = new WeakMap<Warehouse, { fingerprint: string; profile: Promise<WarehouseProfile> }>();

/** Row-count estimates of the behaviour tables: cheap, and changes whenever an import, seed or support chat adds rows. */
async function fingerprintOf(warehouse: Warehouse): Promise<string> {
  // Only the tables metrics read: conversations and messages grow with every question and must not count.
  const names = CORE_TABLES.map((table) => `'${table}'`).join(', ');
  const result = await warehouse.query(
    `SELECT string_agg(schema_name || '.' || table_name || ':' || estimated_size, ',' ORDER BY schema_name, table_name) AS fingerprint FROM duckdb_tables() WHERE NOT temporary AND ((schema_name = 'main' AND table_name IN (${names})) OR ${CACHE_TABLES_CONDITION})`,
  );
  return String(result.rows[0]?.fingerprint ?? '');
}

/** The profile of an open warehouse, recomputed only when its tables changed since the last call. */
export async function currentProfile(warehouse: Warehouse): Promise<WarehouseProfile> {
  if (warehouse.behaviourEngine) return storedProfileOfEngine(warehouse, warehouse.behaviourEngine);
  const fingerprint = await fingerprintOf(warehouse);
  const cached = cache.get(warehouse);
  if (cached && cached.fingerprint === fingerprint) return cached.profile;
  // The profile stored by the last seed or import is used while the data is unchanged; otherwise computed.
  const profile = readStoredProfile(warehouse).then((stored) => stored?.profile ?? profileWarehouse(warehouse));
  cache.set(warehouse, { fingerprint, profile });
  return profile;
}

/**
 * With the behaviour tables in ClickHouse, the profile is the one stored next to the app state by the load that
 * filled them (seed/import --warehouse), valid while ClickHouse still has exactly the rows it describes. Tables
 * loaded by other means (or changed since) are profiled on ClickHouse itself, again only when their rows change.
 */
async function storedProfileOfEngine(warehouse: Warehouse, engine: WarehouseEngine): Promise<WarehouseProfile> {
  const stored = await readStoredProfile(warehouse, behaviourReader(warehouse));
  if (stored) return stored.profile;
  const counts = await engine.query("SELECT name, total_rows FROM system.tables WHERE database = currentDatabase() ORDER BY name");
  const fingerprint = JSON.stringify(counts.rows);
  const cached = cache.get(warehouse);
  if (cached && cached.fingerprint === fingerprint) return cached.profile;
  const profile = profileWarehouse(warehouse);
  cache.set(warehouse, { fingerprint, profile });
  return profile;
}

/** Profile of the data as a transaction sees it, for `shoplens describe` and the stored copy. */
export async function profileWithDates(reader: QueryReader): Promise<StoredProfile> {
  const profile = await profileWarehouse(reader);
  return { profile, dateRange: await loadDataDateRange(behaviourReaderOf(reader), profile.tableRows) };
}

/**
 * Recomputes the profile inside the seed's or import's own transaction and stores it in `meta`, so it is
 * committed together with the data it describes and readers need not profile a large warehouse again.
 */
export async function refreshStoredProfile(connection: DuckDBConnection): Promise<StoredProfile> {
  const stored = await profileWithDates(connectionReader(connection));
  await writeStoredProfile(connection, stored);
  return stored;
}
