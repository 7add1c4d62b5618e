import { existsSync } from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { ImportError, MappingError } from './import-error.ts';
import type { ImportContext } from './import-context.ts';
import type { Mapping } from './mapping-schema.ts';
import { TARGET_TABLES, type TargetTable } from './mapping-targets.ts';
import { checkSourceFile } from './source-file-check.ts';
import { readFirstCsvRecord } from './csv-first-record.ts';
import { stageCsvFile, type CsvReject } from './csv-staging.ts';
import type { StagedFile } from './staged-rows.ts';
import { quoteIdentifier, quoteLiteral } from './sql-text.ts';

/** One distinct input file of a mapping import, with its header and (after staging) its staging table. */
export interface MappingSource {
  file: string;
  fileIndex: number;
  header: string[];
  table: string;
}

export interface StagedMappingSource extends StagedFile {
  table: string;
  rejects: CsvReject[];
}

/** Staging column for a header position: header texts may repeat or be empty, positions cannot. */
export function stagingColumn(index: number): string {
  return `c_${index + 1}`;
}

/** Source column name → staging column, exact match first, then ignoring case and surrounding spaces. */
export function findSourceColumn(source: MappingSource, name: string): string | undefined {
  let index = source.header.indexOf(name);
  if (index < 0) index = source.header.findIndex((cell) => cell.trim().toLowerCase() === name.trim().toLowerCase());
  return index < 0 ? undefined : stagingColumn(index);
}

async function parquetColumns(file: string): Promise<string[]> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1', autoload_known_extensions: 'false', autoinstall_known_extensions: 'false' });
  try {
    const connection = await instance.connect();
    try {
      const reader = await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${quoteLiteral(file)})`);
      return reader.getRowObjects().map((row) => String(row.column_name));
    } finally {
      connection.closeSync();
    }
  } catch (error) {
    throw new ImportError({ file, reason: `cannot read the Parquet schema: ${(error as Error).message.split('\n')[0]}`, hint: 'Check that the file is a complete Parquet file.', cause: error });
  } finally {
    instance.closeSync();
  }
}

/**
 * Resolves each mapped table's `file` to one of the given files (same base name, or the path relative to the
 * mapping file), checks every file and its header, and that every given file is used.
 */
export async function resolveMappingSources(
  format: 'csv' | 'parquet',
  mappingFile: string,
  mapping: Mapping,
  files: readonly string[],
): Promise<{ sources: MappingSource[]; tableSources: Map<TargetTable, MappingSource> }> {
  const sources: MappingSource[] = [];
  const tableSources = new Map<TargetTable, MappingSource>();
  for (const table of TARGET_TABLES) {
    const tableMapping = mapping.tables[table];
    if (!tableMapping) continue;
    const wanted = tableMapping.file;
    const besideMapping = path.resolve(path.dirname(mappingFile), wanted);
    const file =
      files.find((candidate) => candidate === besideMapping) ??
      files.find((candidate) => path.basename(candidate) === path.basename(wanted)) ??
      (existsSync(besideMapping) ? besideMapping : undefined);
    if (!file) {
      throw new MappingError({
        file: mappingFile,
        key: `tables.${table}.file`,
        reason: `${wanted} is neither among the files given nor next to the mapping`,
        hint: 'Pass that file on the command line or fix the file name in the mapping.',
      });
    }
    let source = sources.find((candidate) => candidate.file === file);
    if (!source) {
      await checkSourceFile(file, format === 'parquet' ? 'parquet' : 'text');
      const header = format === 'parquet' ? await parquetColumns(file) : await readFirstCsvRecord(file);
      source = { file, fileIndex: sources.length, header, table: `mapping_source_${sources.length}` };
      sources.push(source);
    }
    tableSources.set(table, source);
    for (const [column, columnSource] of Object.entries(tableMapping.columns)) {
      if (columnSource.column !== undefined && !findSourceColumn(source, columnSource.column)) {
        throw new MappingError({
          file: mappingFile,
          key: `tables.${table}.columns.${column}`,
          reason: `source column "${columnSource.column}" is not in ${path.basename(file)} (its columns: ${source.header.join(', ')})`,
          hint: 'Fix the column name in the mapping or check that the right file is mapped.',
        });
      }
    }
  }
  for (const file of files) {
    if (!sources.some((source) => source.file === file)) {
      throw new ImportError({ file, reason: 'the mapping does not use this file', hint: `Reference it under tables.<table>.file in ${path.basename(mappingFile)}, or leave it out.` });
    }
  }
  return { sources, tableSources };
}

/** Reads one source into a VARCHAR staging table (file_index, source_line, c_1..c_n). */
export async function stageMappingSource(context: ImportContext, format: 'csv' | 'parquet', source: MappingSource): Promise<StagedMappingSource> {
  const columns = source.header.map((_, index) => `${stagingColumn(index)} VARCHAR`).join(', ');
  await context.run(`CREATE TEMP TABLE ${source.table} (file_index UTINYINT, source_line BIGINT, ${columns})`);
  if (format === 'csv') {
    const result = await stageCsvFile(context, {
      file: source.file,
      fileIndex: source.fileIndex,
      table: source.table,
      columns: source.header.map((label, index) => ({ name: stagingColumn(index), type: 'VARCHAR', label })),
      header: true,
    });
    return { ...result, table: source.table };
  }
  // Parquet has no lines; its 1-based row number stands in for one in messages.
  const selected = source.header.map((name, index) => `CAST(${quoteIdentifier(name)} AS VARCHAR) AS ${stagingColumn(index)}`).join(', ');
  try {
    await context.run(
      `INSERT INTO ${source.table} SELECT ${source.fileIndex}, file_row_number + 1, ${selected} FROM read_parquet(${quoteLiteral(source.file)}, file_row_number = true)`,
    );
  } catch (error) {
    throw new ImportError({ file: source.file, reason: `cannot read the Parquet file: ${(error as Error).message.split('\n')[0]}`, hint: 'Check that the file is a complete Parquet file.', cause: error });
  }
  const rowsAccepted = await context.count(`SELECT count(*) FROM ${source.table}`);
  return { file: source.file, fileIndex: source.fileIndex, headerRecords: 0, rowsAccepted, rejectedRecords: [], rejects: [], table: source.table };
}
