import { z } from 'zod';
import { defineTool } from '../../agent/tool.ts';
import { ANALYTICS_SQL_POLICY } from '../analysis/run-analysis.ts';
import { currentProfile } from '../../sql/semantic/index.ts';
import { readShopSettings } from '../../sql/shop-settings.ts';

export const describeSchemaTool = defineTool({
  name: 'describe_schema',
  description:
    'Describe the warehouse tables that SQL may read: columns, their types, row counts, which columns hold no data, and the shop currency and time zone. Use before writing SQL for run_sql.',
  parameters: z.object({
    tables: z.array(z.string()).optional().describe('Only these tables; all readable tables when omitted'),
  }),
  async execute({ tables }, context) {
    const readable = [...ANALYTICS_SQL_POLICY.allowedTables].filter((table) => !tables || tables.includes(table));
    if (readable.length === 0) return { tables: [], note: `None of ${tables?.join(', ')} may be read. Readable: ${[...ANALYTICS_SQL_POLICY.allowedTables].join(', ')}.` };
    // Trusted code reads the catalogue directly; model SQL may not touch duckdb_columns().
    const result = await context.warehouse.query(
      `SELECT table_name, column_name, data_type FROM duckdb_columns()
       WHERE schema_name = 'main' AND list_contains($tables, table_name) ORDER BY table_name, column_index`,
      { tables: `[${readable.map((table) => `'${table.replace(/'/g, "''")}'`).join(',')}]` },
    );
    const grouped = new Map<string, { column: string; type: string }[]>();
    for (const row of result.rows) {
      const table = String(row.table_name);
      grouped.set(table, [...(grouped.get(table) ?? []), { column: String(row.column_name), type: String(row.data_type) }]);
    }
    const profile = await currentProfile(context.warehouse);
    const shop = await readShopSettings(context.warehouse);
    const emptyColumns = Object.entries(profile.filledColumns).filter(([, filled]) => !filled).map(([column]) => column);
    return {
      tables: [...grouped].map(([table, columns]) => ({ table, rows: profile.tableRows[table], columns })),
      // Columns of the catalogue that exist but hold no value here (e.g. order_items.amount on Taobao data).
      empty_columns: emptyColumns,
      currency: shop?.currency ?? null,
      time_zone: shop?.timeZone ?? null,
      as_of: context.asOf,
    };
  },
});
