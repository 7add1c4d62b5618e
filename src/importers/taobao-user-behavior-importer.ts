import { ImportConflictError, ImportError } from './import-error.ts';
import type { ImportContext } from './import-context.ts';
import type { Importer } from './importer.ts';
import type { InvalidRowExample } from './import-report.ts';
import { checkSourceFile } from './source-file-check.ts';
import { readFirstCsvRecord } from './csv-first-record.ts';
import { stageCsvFile, type CsvStagingResult, type StagedColumn } from './csv-staging.ts';
import { locateStagedRows, toStagedRowReference, type StagedFile } from './staged-rows.ts';
import { addInvalid, emptyInvalidRows, settleInvalidRows } from './invalid-rows.ts';
import { enforceStrict } from './cleaning-rules.ts';
import { TAOBAO_DEFAULT_WINDOW } from './taobao-default-window.ts';

export const TAOBAO_SOURCE = 'taobao';
/** Behaviours are stored as small codes while sorting: NULL = empty field, 0 = unknown, EVENT_TYPES[code] otherwise. */
const EVENT_CODE = `(CASE WHEN behavior_type IS NULL THEN NULL WHEN lower(trim(behavior_type)) = 'pv' THEN 1 WHEN lower(trim(behavior_type)) = 'buy' THEN 2
  WHEN lower(trim(behavior_type)) = 'cart' THEN 3 WHEN lower(trim(behavior_type)) = 'fav' THEN 4 ELSE 0 END)::UTINYINT`;
const EVENT_TYPES = `['view', 'purchase', 'cart', 'fav']`;
const COLUMNS: readonly StagedColumn[] = [
  { name: 'user_id', type: 'BIGINT' },
  { name: 'item_id', type: 'BIGINT' },
  { name: 'category_id', type: 'BIGINT' },
  { name: 'behavior_type', type: 'VARCHAR', storeAs: 'event_code', expression: EVENT_CODE },
  { name: 'unix_seconds', type: 'BIGINT', label: 'timestamp' },
];
/** Staging column of each field (behaviour is stored as its code). */
const STORED = COLUMNS.map((column) => ({ column: column.storeAs ?? column.name, label: column.label ?? column.name }));
/** China Standard Time (UTC+8, no daylight saving since 1991): the dataset's own clock. */
const CHINA_OFFSET_SECONDS = 8 * 3600;
/** Naive China-time timestamp of the row's unix seconds (alias t). */
const EVENT_TIME = `make_timestamp((t.unix_seconds + ${CHINA_OFFSET_SECONDS}) * 1000000)`;

export interface TaobaoImportOptions {
  /** Valid event window in China time; rows outside are dropped as 'timestamp out of range'. */
  timeFrom?: string;
  timeTo?: string;
  /** Inactivity that starts a new session. */
  sessionGapMinutes?: number;
  /**
   * Import only the users with hash(user_id) % count = index (a batch of a resumable import): every event of a
   * user lands in the same batch, so sessions and duplicates are exact, and memory holds one batch at a time.
   */
  partition?: { index: number; count: number };
}

export { TAOBAO_DEFAULT_WINDOW };

function chinaTimeToUnixSeconds(text: string, option: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (!match) {
    throw new ImportError({ file: option, reason: `cannot read ${JSON.stringify(text)} as a date`, hint: 'Write it as YYYY-MM-DD or "YYYY-MM-DD HH:MM:SS" (China time).' });
  }
  const [, year, month, day, hour = '0', minute = '0', second = '0'] = match;
  return Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)) / 1000 - CHINA_OFFSET_SECONDS;
}

interface FilePlan {
  file: string;
  header: boolean;
}

const RAW = 'taobao_raw';
const ALL_PRESENT = STORED.map(({ column }) => `${column} IS NOT NULL`).join(' AND ');

/** Tianchi UserBehavior.csv (no header): user_id,item_id,category_id,behavior_type,timestamp → users, products, events. */
export function taobaoUserBehaviorImporter(files: readonly string[], options: TaobaoImportOptions = {}): Importer {
  const plans: FilePlan[] = [];
  const fromSeconds = chinaTimeToUnixSeconds(options.timeFrom ?? TAOBAO_DEFAULT_WINDOW.timeFrom, '--time-from');
  const toSeconds = chinaTimeToUnixSeconds(options.timeTo ?? TAOBAO_DEFAULT_WINDOW.timeTo, '--time-to');
  const gapSeconds = (options.sessionGapMinutes ?? 30) * 60;
  const inRange = `unix_seconds >= ${fromSeconds} AND unix_seconds < ${toSeconds}`;
  const partition = options.partition;
  // Unreadable records and rows without a user are counted once, in the first batch.
  const partitionFilter = partition
    ? `(user_id IS NULL AND ${partition.index} = 0) OR (user_id IS NOT NULL AND hash(user_id) % ${partition.count} = ${partition.index})`
    : undefined;

  async function lineExamples(
    context: ImportContext,
    staged: readonly StagedFile[],
    where: string,
    reason: string,
    column: string | undefined,
    limit = 5,
  ): Promise<InvalidRowExample[]> {
    const rows = await context.rows(
      `SELECT file_index, NULL AS source_line, rowid - (SELECT min(rowid) FROM ${RAW}) AS row_index FROM ${RAW} WHERE ${where} ORDER BY rowid LIMIT ${limit}`,
    );
    // A batch holds some users' rows only, so a row's position in it is not its line in the file: name the file alone.
    if (partition) return rows.map((row) => ({ file: plans[Number(row.file_index)]?.file ?? '', column, reason }));
    const locations = await locateStagedRows(staged, rows.map(toStagedRowReference), column);
    return locations.map((location) => ({ ...location, reason }));
  }

  return {
    steps: 6,

    async validate() {
      if (!(fromSeconds < toSeconds)) {
        throw new ImportError({ file: '--time-from/--time-to', reason: 'the time window is empty', hint: 'Give a --time-from earlier than --time-to.' });
      }
      for (const file of files) {
        await checkSourceFile(file, 'text');
        const first = await readFirstCsvRecord(file);
        if (first.length !== COLUMNS.length) {
          throw new ImportError({
            file,
            line: 1,
            reason: `expected 5 comma-separated fields (user_id,item_id,category_id,behavior_type,timestamp) but found ${first.length}`,
            hint: 'This format reads the Tianchi UserBehavior.csv; for other layouts use --format csv with --mapping.',
          });
        }
        // The original file has no header; tolerate one that names the fields instead of failing on it.
        const header = !/^\s*-?\d+\s*$/.test(first[0] ?? '') && /^[a-z_ ]+$/i.test((first[0] ?? '').trim());
        plans.push({ file, header });
      }
    },

    async load(context) {
      const report = context.report;
      context.step('reading CSV');
      // Compact on purpose (codes, no text): on the 100M-row file every byte per row is 100 MB of memory.
      await context.run(
        `CREATE TEMP TABLE ${RAW} (file_index UTINYINT, user_id BIGINT, item_id BIGINT, category_id BIGINT, event_code UTINYINT, unix_seconds BIGINT)`,
      );
      const staged: CsvStagingResult[] = [];
      for (const [fileIndex, plan] of plans.entries()) {
        const result = await stageCsvFile(context, { file: plan.file, fileIndex, table: RAW, columns: COLUMNS, header: plan.header, where: partitionFilter });
        staged.push(partition && partition.index > 0 ? { ...result, rejectedRecords: [], rejects: [] } : result);
      }
      const accepted = staged.reduce((sum, result) => sum + result.rowsAccepted, 0);
      report.rowsRead = accepted + staged.reduce((sum, result) => sum + result.rejectedRecords.length, 0);
      const emptyFile = partition ? undefined : staged.find((result) => result.rowsAccepted + result.rejectedRecords.length === 0);
      if (emptyFile) {
        throw new ImportError({ file: emptyFile.file, line: emptyFile.headerRecords + 1, reason: 'the file has no data rows', hint: 'Export the data again; nothing was imported.' });
      }

      context.step('checking values');
      const missing = await context.row(
        `SELECT ${STORED.map(({ column }) => `count(*) FILTER (WHERE ${column} IS NULL) AS ${column}`).join(', ')}, ` +
          `count(*) FILTER (WHERE NOT (${ALL_PRESENT})) AS incomplete FROM ${RAW}`,
      );
      for (const { column, label } of STORED) report.addMissing(label, Number(missing[column] ?? 0));

      const invalid = emptyInvalidRows();
      for (const result of staged) {
        const byReason = new Map<string, number>();
        for (const reject of result.rejects) {
          const reason = reject.errorType === 'CAST' ? 'unparsable number' : reject.errorType.includes('COLUMNS') ? 'wrong number of fields' : 'malformed CSV record';
          byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
        }
        // Only the first rejects carry details; the rest are counted under the dominant reason.
        const detailed = [...byReason.values()].reduce((sum, count) => sum + count, 0);
        const rest = result.rejectedRecords.length - detailed;
        for (const [reason, count] of byReason) addInvalid(invalid, reason, count);
        if (rest > 0) addInvalid(invalid, [...byReason.keys()][0] ?? 'malformed CSV record', rest);
        invalid.examples.push(...result.rejects.map((reject) => ({ file: result.file, line: reject.line, column: reject.column, reason: reject.message })));
      }
      const incomplete = Number(missing.incomplete ?? 0);
      if (incomplete > 0) {
        const firstMissing = STORED.find(({ column }) => Number(missing[column] ?? 0) > 0);
        addInvalid(invalid, 'missing value', incomplete, await lineExamples(context, staged, `NOT (${ALL_PRESENT})`, 'missing value', firstMissing?.label));
      }
      settleInvalidRows(context, invalid, plans.map((plan) => plan.file));

      const classes = await context.row(
        `SELECT count(*) FILTER (WHERE event_code = 0) AS unknown_behavior, ` +
          `count(*) FILTER (WHERE event_code > 0 AND NOT (${inRange})) AS out_of_range, ` +
          `count(*) FILTER (WHERE event_code > 0 AND ${inRange}) AS valid FROM ${RAW} WHERE ${ALL_PRESENT}`,
      );
      const unknownBehaviour = Number(classes.unknown_behavior ?? 0);
      report.drop('unknown behavior type', unknownBehaviour);
      const window = `${options.timeFrom ?? TAOBAO_DEFAULT_WINDOW.timeFrom} .. ${options.timeTo ?? TAOBAO_DEFAULT_WINDOW.timeTo} (China time)`;
      report.cleaning.push({
        rule: 'unknown behavior type (not pv, buy, cart, fav)',
        action: 'dropped',
        rows: unknownBehaviour,
        examples: unknownBehaviour > 0 ? await lineExamples(context, staged, `${ALL_PRESENT} AND event_code = 0`, 'unknown behavior type', 'behavior_type') : [],
      });
      const outOfRange = Number(classes.out_of_range ?? 0);
      report.drop('timestamp out of range', outOfRange);
      const outOfRangeExamples = outOfRange > 0 ? await lineExamples(context, staged, `${ALL_PRESENT} AND event_code > 0 AND NOT (${inRange})`, 'timestamp out of range', 'timestamp') : [];
      report.cleaning.push({ rule: `event outside the documented window ${window}`, action: 'dropped', rows: outOfRange, examples: outOfRangeExamples });
      if (outOfRange > 0) {
        report.outliers.push({ column: 'timestamp', rule: `outside ${window}`, rows: outOfRange, action: 'dropped', examples: outOfRangeExamples });
      }

      context.step('sessionizing events');
      // One sort of each user's events by time gives exact duplicates (identical to the previous row) and session
      // starts (first event, or more than the gap after the previous one). A session's id is derived from the file
      // position of its first event, so no second numbering pass is needed.
      const order = 'PARTITION BY user_id ORDER BY unix_seconds, item_id, category_id, event_code, row_index';
      // Row order of the staged table no longer matters (positions are in row_index); not keeping it lets DuckDB
      // stream the big sort with far less memory. The setting lives on this import's own connection; a server's
      // sandboxed warehouse has its settings locked, so there the sort keeps the (slower, same-result) default.
      const locked = await context.connection.runAndReadAll("SELECT current_setting('lock_configuration') AS locked");
      if (locked.getRows()[0]?.[0] !== true) await context.run('SET preserve_insertion_order = false');
      await context.run(`
        CREATE TEMP TABLE taobao_events AS
        WITH valid AS (
          SELECT rowid - (SELECT min(rowid) FROM ${RAW}) AS row_index, user_id, item_id, category_id, event_code, unix_seconds
          FROM ${RAW} WHERE ${ALL_PRESENT} AND event_code > 0 AND ${inRange}
        ), compared AS (
          SELECT *,
                 lag(unix_seconds) OVER events_in_order AS previous_seconds,
                 lag(item_id) OVER events_in_order AS previous_item,
                 lag(category_id) OVER events_in_order AS previous_category,
                 lag(event_code) OVER events_in_order AS previous_code
          FROM valid
          WINDOW events_in_order AS (${order})
        ), distinct_events AS (
          SELECT row_index, user_id, item_id, category_id, event_code, unix_seconds,
                 previous_seconds IS NULL OR unix_seconds - previous_seconds > ${gapSeconds} AS starts_session
          FROM compared
          WHERE NOT coalesce(previous_seconds = unix_seconds AND previous_item = item_id AND previous_category = category_id
                             AND previous_code = event_code, false)
        )
        SELECT *, last_value(CASE WHEN starts_session THEN row_index END IGNORE NULLS)
                    OVER (${order} ROWS UNBOUNDED PRECEDING) AS session_first_row
        FROM distinct_events`);
      // The raw rows are no longer needed; on a 100M-row file that is gigabytes of buffer space.
      await context.run(`DROP TABLE ${RAW}`);
      const duplicates = Number(classes.valid ?? 0) - (await context.count('SELECT count(*) FROM taobao_events'));
      report.duplicates = duplicates;
      report.drop('duplicate row', duplicates);
      // Finding which lines were the duplicates would need a second pass over the whole file; the count is exact.
      report.cleaning.push({ rule: 'exact duplicate event (first kept; lines not listed)', action: 'dropped', rows: duplicates, examples: [] });
      enforceStrict(context);

      context.step('matching the warehouse');
      await context.run(`CREATE TEMP TABLE taobao_users AS SELECT DISTINCT user_id FROM taobao_events`);
      await context.run(`CREATE TEMP TABLE taobao_items AS
        SELECT item_id, first(category_id ORDER BY events DESC, category_id) AS category_id, count(*) AS categories
        FROM (SELECT item_id, category_id, count(*) AS events FROM taobao_events GROUP BY item_id, category_id)
        GROUP BY item_id`);
      for (const [table, key, staging] of [['users', 'user_id', 'taobao_users'], ['products', 'product_id', 'taobao_items']] as const) {
        const stagingKey = staging === 'taobao_users' ? 'user_id' : 'item_id';
        const conflict = await context.row(
          `SELECT t.${key} AS id, t.source FROM ${table} t JOIN ${staging} s ON t.${key} = s.${stagingKey} WHERE t.source <> '${TAOBAO_SOURCE}' LIMIT 1`,
        );
        if (conflict.id !== undefined) {
          throw new ImportConflictError({ table, id: String(conflict.id), existingSource: String(conflict.source), importSource: TAOBAO_SOURCE, databasePath: context.options.databasePath });
        }
        report.addExisting(table, await context.count(`SELECT count(*) FROM ${table} t JOIN ${staging} s ON t.${key} = s.${stagingKey}`));
      }
      const multiCategory = await context.count('SELECT count(*) FROM taobao_items WHERE categories > 1');
      if (multiCategory > 0) report.notes.push(`${multiCategory} items appear under more than one category; each keeps its most frequent one.`);

      // Re-importing the same file must not double the events: an event identical to one already stored is skipped.
      const overlapping = await context.count('SELECT count(*) FROM events e SEMI JOIN taobao_users u ON e.user_id = u.user_id');
      await context.run('CREATE TEMP TABLE taobao_existing (row_index BIGINT)');
      if (overlapping > 0) {
        await context.run(`INSERT INTO taobao_existing SELECT t.row_index FROM taobao_events t
          SEMI JOIN events e ON e.user_id = t.user_id AND e.product_id = t.item_id AND e.event_type = ${EVENT_TYPES}[t.event_code]
                            AND e.event_time = ${EVENT_TIME}`);
        const existingEvents = await context.count('SELECT count(*) FROM taobao_existing');
        report.drop('event already in warehouse', existingEvents);
        report.addExisting('events', existingEvents);
      }

      context.step('writing users and products');
      const usersBefore = await context.count('SELECT count(*) FROM users');
      await context.run(`INSERT INTO users (user_id, external_id, source)
        SELECT s.user_id, s.user_id::VARCHAR, '${TAOBAO_SOURCE}' FROM taobao_users s ANTI JOIN users u ON u.user_id = s.user_id`);
      report.addInserted('users', (await context.count('SELECT count(*) FROM users')) - usersBefore);
      const productsBefore = await context.count('SELECT count(*) FROM products');
      await context.run(`INSERT INTO products (product_id, sku, category, category_zh, source)
        SELECT s.item_id, s.item_id::VARCHAR, 'cat_' || s.category_id, '类目' || s.category_id, '${TAOBAO_SOURCE}'
        FROM taobao_items s ANTI JOIN products p ON p.product_id = s.item_id`);
      report.addInserted('products', (await context.count('SELECT count(*) FROM products')) - productsBefore);

      context.step('writing events');
      const bases = await context.row('SELECT coalesce(max(event_id), 0) AS event_base, coalesce(max(session_id), 0) AS session_base FROM events');
      const before = await context.count('SELECT count(*) FROM events');
      await context.run(
        `INSERT INTO events (event_id, user_id, session_id, product_id, event_type, event_time)
         SELECT $event_base + t.row_index + 1, t.user_id, $session_base + t.session_first_row + 1, t.item_id,
                ${EVENT_TYPES}[t.event_code], ${EVENT_TIME}
         FROM taobao_events t ANTI JOIN taobao_existing x ON x.row_index = t.row_index`,
        { event_base: BigInt(String(bases.event_base ?? 0)), session_base: BigInt(String(bases.session_base ?? 0)) },
      );
      report.addInserted('events', (await context.count('SELECT count(*) FROM events')) - before);
      const sessions = await context.count(
        'SELECT count(*) FROM taobao_events t ANTI JOIN taobao_existing x ON x.row_index = t.row_index WHERE t.starts_session',
      );
      report.notes.push(
        `${sessions} sessions (a new session starts after ${gapSeconds / 60} minutes without events); event_time is China time (UTC+8).`,
      );
    },
  };
}
