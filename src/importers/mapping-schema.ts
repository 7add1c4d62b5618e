import { readFile, stat } from 'node:fs/promises';
import { parse, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { MappingError } from './import-error.ts';
import { TARGET_TABLES, TARGETS, type TargetTable } from './mapping-targets.ts';

/** A mapping is a few kB; anything far bigger is a wrong path (a data file, /dev/zero), not a mapping. */
export const MAX_MAPPING_BYTES = 256 * 1024;
/** Names of source columns and files, and format strings: long enough for any real header, bounded for hostile ones. */
const name = z.string().min(1).max(300);
const scalar = z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]);
const format = z.string().min(1).max(100);
const formats = z.union([format, z.array(format).min(1).max(20)]);

/** One target column: a source column name, or {column, map, default, format}, or {constant}. */
const columnSourceSchema = z.preprocess(
  (value) => (typeof value === 'string' ? { column: value } : value),
  z
    .strictObject({
      column: name.optional(),
      constant: scalar.optional(),
      map: z.record(z.string().max(1000), scalar).refine((map) => Object.keys(map).length <= 10_000, { message: 'at most 10,000 entries in a map' }).optional(),
      default: scalar.optional(),
      format: formats.optional(),
    })
    .refine((source) => (source.column === undefined) !== (source.constant === undefined), {
      message: 'give either "column" (a source column name) or "constant", exactly one of them',
    }),
);

const tableSchema = z.strictObject({
  file: name,
  columns: z.record(z.string().max(100), columnSourceSchema),
});

export const mappingSchema = z.strictObject({
  /** Written to the `source` column of users, products and orders. */
  source: z.string().regex(/^[A-Za-z0-9_-]+$/, 'use letters, digits, _ or -').default('import'),
  /** strptime formats tried in order, or unix_seconds / unix_milliseconds. */
  timestamp_format: formats.optional(),
  date_format: formats.optional(),
  session_gap_minutes: z.number().positive().default(30),
  tables: z
    .strictObject(Object.fromEntries(TARGET_TABLES.map((table) => [table, tableSchema.optional()])) as Record<TargetTable, z.ZodOptional<typeof tableSchema>>)
    .refine((tables) => Object.values(tables).some((table) => table !== undefined), { message: 'map at least one table' }),
});

export type Mapping = z.infer<typeof mappingSchema>;
export type TableMapping = z.infer<typeof tableSchema>;
export type ColumnSource = z.infer<typeof columnSourceSchema>;

export const DEFAULT_TIMESTAMP_FORMATS = ['%Y-%m-%d %H:%M:%S', '%Y-%m-%dT%H:%M:%S', '%Y-%m-%d %H:%M', '%Y/%m/%d %H:%M:%S', '%Y/%m/%d %H:%M', '%Y-%m-%d'];
export const DEFAULT_DATE_FORMATS = ['%Y-%m-%d', '%Y/%m/%d', '%Y%m%d'];

function keyOf(path: readonly PropertyKey[]): string {
  return path.map(String).join('.') || '(top level)';
}

/** Checks that zod cannot express: target columns exist, required ones are mapped, formats fit. */
function checkTargets(file: string, mapping: Mapping): void {
  const hint = 'See docs/importers.md for the mapping format.';
  for (const table of TARGET_TABLES) {
    const tableMapping = mapping.tables[table];
    if (!tableMapping) continue;
    const targets = TARGETS[table];
    for (const [column, source] of Object.entries(tableMapping.columns)) {
      const key = `tables.${table}.columns.${column}`;
      const target = targets[column];
      if (!target) {
        throw new MappingError({ file, key, reason: `${table} has no column ${column} (columns: ${Object.keys(targets).join(', ')})`, hint });
      }
      if (target.generated) {
        throw new MappingError({ file, key, reason: `${table}.${column} is assigned by the importer and cannot be mapped`, hint: 'Remove this key.' });
      }
      if (source.format !== undefined && target.kind !== 'timestamp' && target.kind !== 'date') {
        throw new MappingError({ file, key: `${key}.format`, reason: `"format" only applies to date and timestamp columns, and ${column} is ${target.kind}`, hint: 'Remove the format key.' });
      }
    }
    const required = Object.entries(targets).filter(([, target]) => target.required).map(([column]) => column);
    for (const column of required) {
      if (table === 'orders' && column === 'order_id' && tableMapping.columns.order_no) continue;
      if (!(column in tableMapping.columns)) {
        throw new MappingError({ file, key: `tables.${table}.columns`, reason: `required column ${column} is not mapped`, hint: `Add "${column}: <source column>" under tables.${table}.columns.` });
      }
    }
  }
}

/** Reads and validates a mapping YAML file; every problem is a MappingError naming the YAML key. */
export async function loadMapping(file: string): Promise<Mapping> {
  let text: string;
  try {
    const info = await stat(file);
    if (!info.isFile()) {
      throw new MappingError({ file, key: '(file)', reason: 'not a regular file', hint: 'Pass the path of the mapping YAML file to --mapping.' });
    }
    if (info.size > MAX_MAPPING_BYTES) {
      throw new MappingError({ file, key: '(file)', reason: `${info.size.toLocaleString('en-US')} bytes, over the ${MAX_MAPPING_BYTES / 1024} kB a mapping may have`, hint: 'Check the --mapping path: is this the mapping YAML, not a data file?' });
    }
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof MappingError) throw error;
    throw new MappingError({ file, key: '(file)', reason: 'mapping file not found or not readable', hint: 'Check the --mapping path.', cause: error });
  }
  let document: unknown;
  try {
    document = parse(text, { uniqueKeys: true });
  } catch (error) {
    const line = error instanceof YAMLParseError ? error.linePos?.[0]?.line : undefined;
    throw new MappingError({
      file,
      key: line === undefined ? '(yaml)' : `(yaml line ${line})`,
      reason: `not valid YAML: ${(error as Error).message.split('\n')[0]}`,
      hint: 'Fix the YAML syntax (indentation, colons, quotes).',
      cause: error,
    });
  }
  const parsed = mappingSchema.safeParse(document ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MappingError({
      file,
      key: keyOf(issue?.path ?? []),
      reason: issue?.message ?? 'invalid mapping',
      hint: 'See docs/importers.md for the mapping format.',
      cause: parsed.error,
    });
  }
  checkTargets(file, parsed.data);
  return parsed.data;
}
