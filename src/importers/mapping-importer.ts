import type { Importer } from './importer.ts';
import { emptyInvalidRows, settleInvalidRows } from './invalid-rows.ts';
import { loadMapping, type Mapping } from './mapping-schema.ts';
import { resolveMappingSources, stageMappingSource, type MappingSource, type StagedMappingSource } from './mapping-sources.ts';
import { TARGET_TABLES, type TargetTable } from './mapping-targets.ts';
import { buildTypedTable } from './mapping-typed-tables.ts';
import { PRODUCT_KEYS, USER_KEYS, resolveEntityKeys, resolveOrderKeys } from './mapping-keys.ts';
import { writeEntities, writeEvents, writeOrders, writeReviews } from './mapping-writers.ts';

/**
 * Any shop export (CSV or Parquet) described by a YAML mapping: per warehouse table, the source file and
 * the source column, constant or value map feeding each column. Format and rules: docs/importers.md.
 */
export function mappingImporter(format: 'csv' | 'parquet', mappingFile: string, files: readonly string[]): Importer {
  let mapping: Mapping | undefined;
  let sources: MappingSource[] = [];
  let tableSources = new Map<TargetTable, MappingSource>();

  return {
    steps: 4,

    async validate() {
      mapping = await loadMapping(mappingFile);
      ({ sources, tableSources } = await resolveMappingSources(format, mappingFile, mapping, files));
    },

    async load(context) {
      if (!mapping) throw new Error('mappingImporter.load called before validate');
      context.step('reading files');
      const staged = new Map<MappingSource, StagedMappingSource>();
      for (const source of sources) staged.set(source, await stageMappingSource(context, format, source));

      context.step('checking values');
      const invalid = emptyInvalidRows();
      let rowsRead = 0;
      for (const table of TARGET_TABLES) {
        const source = tableSources.get(table);
        const stagedSource = source && staged.get(source);
        if (!source || !stagedSource) continue;
        const rows = await buildTypedTable(context, mapping, table, source, stagedSource, invalid);
        if (rows === 0) context.report.notes.push(`${table}: ${source.file} has no data rows.`);
        rowsRead += rows;
      }
      // A file feeding two tables (orders and order_items from one export) is counted once per table.
      context.report.rowsRead = rowsRead;
      settleInvalidRows(context, invalid, sources.map((source) => source.file));

      context.step('matching keys with the warehouse');
      await resolveEntityKeys(context, mapping, USER_KEYS);
      await resolveEntityKeys(context, mapping, PRODUCT_KEYS);
      await resolveOrderKeys(context, mapping);

      context.step('writing tables');
      await writeEntities(context, mapping, 'users');
      await writeEntities(context, mapping, 'products');
      await writeOrders(context, mapping);
      await writeEvents(context, mapping);
      await writeReviews(context, mapping);
    },
  };
}
