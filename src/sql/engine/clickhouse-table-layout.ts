/**
 * MergeTree layout of the behaviour tables on ClickHouse (see docs/clickhouse.md for the reasoning): the sort key
 * puts the columns questions filter on first (event type, then time) and the user last, so a funnel or a trend
 * reads a few contiguous ranges; big time-ordered tables are partitioned by month so old months can be dropped or
 * moved whole. Columns of a sort key must not be Nullable, so they are keyed through assumeNotNull/ifNull only when
 * the DuckDB column allows NULL.
 */
export interface ClickHouseTableLayout {
  orderBy: string;
  partitionBy?: string;
}

export const CLICKHOUSE_TABLE_LAYOUTS: Readonly<Record<string, ClickHouseTableLayout>> = {
  events: { orderBy: '(event_type, toDate(event_time), user_id, event_time)', partitionBy: 'toYYYYMM(event_time)' },
  orders: { orderBy: '(toDate(created_at), order_id)', partitionBy: 'toYYYYMM(created_at)' },
  order_items: { orderBy: '(order_id, line_no)' },
  users: { orderBy: 'user_id' },
  products: { orderBy: 'product_id' },
  reviews: { orderBy: '(product_id, created_at)' },
  support_events: { orderBy: '(occurred_at, event_id)' },
};

/** ClickHouse column type for a DuckDB column type, or undefined when it has no faithful counterpart. */
export function clickHouseColumnType(duckdbType: string, nullable: boolean): string | undefined {
  const type = duckdbType.toUpperCase();
  let base: string | undefined;
  const decimal = /^DECIMAL\((\d+),\s*(\d+)\)$/.exec(type);
  if (decimal) base = `Decimal(${decimal[1]}, ${decimal[2]})`;
  else {
    base = {
      BIGINT: 'Int64',
      INTEGER: 'Int32',
      SMALLINT: 'Int16',
      TINYINT: 'Int8',
      UBIGINT: 'UInt64',
      UINTEGER: 'UInt32',
      USMALLINT: 'UInt16',
      UTINYINT: 'UInt8',
      HUGEINT: 'Int128',
      DOUBLE: 'Float64',
      FLOAT: 'Float32',
      BOOLEAN: 'Bool',
      VARCHAR: 'String',
      JSON: 'String',
      UUID: 'UUID',
      DATE: 'Date32',
      TIMESTAMP: "DateTime64(6, 'UTC')",
      'TIMESTAMP WITH TIME ZONE': "DateTime64(6, 'UTC')",
    }[type];
  }
  if (base === undefined) return undefined;
  return nullable ? `Nullable(${base})` : base;
}
