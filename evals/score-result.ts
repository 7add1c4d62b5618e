import type { JsonRow, JsonValue } from '../src/sql/json-values.ts';
import type { DisplayNames } from './display-names.ts';
import type { ExpectedStatus } from './golden-schema.ts';
import { compareValues, formatNormalized, normalizeValue, valuesEqual, type NormalizedValue } from './normalize-value.ts';
import type { ToolCheck } from './score-tool-call.ts';

/** What a golden item expects: the gold query's result, or a status such as refused. */
export type Expectation =
  | { kind: 'rows'; columns: readonly string[]; rows: readonly JsonRow[]; ordered: boolean }
  | { kind: 'status'; status: ExpectedStatus };

/** The parts of an Answer the scorer reads (see src/analytics/answer/answer.ts). */
export interface ScoredAnswer {
  status: string;
  columns: readonly { id: string }[];
  rows: readonly Record<string, unknown>[];
  truncated?: boolean;
}

export type VerdictReason =
  | 'match'
  | 'status_mismatch'
  | 'row_count_mismatch'
  | 'missing_columns'
  | 'row_mismatch'
  | 'order_mismatch'
  // Behaviour-model items (score-tool-call.ts): the expected tool was not called, failed, got other arguments,
  // or its answer had no rows.
  | 'tool_not_called'
  | 'tool_failed'
  | 'argument_mismatch'
  | 'empty_result'
  // Set by the runner, never by the scorer: the gold SQL or the agent itself failed.
  | 'gold_error'
  | 'agent_error';

export interface ColumnDiagnosis {
  goldColumn: string;
  /** Answer column sharing the most values with it, if any. */
  closestAnswerColumn: string | null;
  sharedValues: number;
  goldSample: string[];
}

export interface ResultDiff {
  goldRowCount: number;
  answerRowCount: number;
  answerColumns: string[];
  unmatchedGoldColumns: ColumnDiagnosis[];
  /** Gold rows (gold column names) with no equal answer row, at most a few. */
  goldRowsMissing: JsonRow[];
  /** Answer rows (projected on the matched columns, named as in the gold) that equal no gold row. */
  unexpectedAnswerRows: JsonRow[];
  firstOrderDifference: { position: number; gold: JsonRow; answer: JsonRow } | null;
  hints: string[];
}

export interface Verdict {
  passed: boolean;
  reason: VerdictReason;
  message: string;
  /** Gold column → answer column, when every gold column found a partner. */
  columnMapping: Record<string, string> | null;
  diff: ResultDiff | null;
  /** Set for model_tool items: the calls seen and the argument differences. */
  toolCheck?: ToolCheck;
}

const SAMPLE_SIZE = 5;
const MAX_MAPPING_ATTEMPTS = 2_000;

type Table = { columns: string[]; cells: NormalizedValue[][] };

function normalizeTable(columns: readonly string[], rows: readonly Record<string, unknown>[], names: DisplayNames): Table {
  return {
    columns: [...columns],
    cells: rows.map((row) => columns.map((column) => normalizeValue(row[column] as JsonValue | undefined, names))),
  };
}

function answerColumnsOf(answer: ScoredAnswer): string[] {
  const columns = answer.columns.map((column) => column.id);
  // Keys present in rows but not declared still count: the scorer judges the data, not the metadata.
  for (const row of answer.rows) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  return columns;
}

function columnValues(table: Table, index: number): NormalizedValue[] {
  return table.cells.map((row) => row[index] as NormalizedValue);
}

function sameMultiset(left: NormalizedValue[], right: NormalizedValue[]): boolean {
  if (left.length !== right.length) return false;
  const sortedLeft = [...left].sort(compareValues);
  const sortedRight = [...right].sort(compareValues);
  return sortedLeft.every((value, index) => valuesEqual(value, sortedRight[index] as NormalizedValue));
}

function rowsEqual(left: NormalizedValue[], right: NormalizedValue[]): boolean {
  return left.length === right.length && left.every((value, index) => valuesEqual(value, right[index] as NormalizedValue));
}

// Rows are bucketed by their non-numeric cells, then matched greedily within a bucket within tolerance.
function bucketKey(row: NormalizedValue[]): string {
  return JSON.stringify(row.map((value) => (value.kind === 'number' ? '#' : formatNormalized(value))));
}

/** Pairs each gold row with an equal, unused answer row; returns the indices left over on both sides. */
function matchRowSets(gold: NormalizedValue[][], answer: NormalizedValue[][]): { goldLeft: number[]; answerLeft: number[] } {
  const buckets = new Map<string, number[]>();
  answer.forEach((row, index) => {
    const key = bucketKey(row);
    buckets.set(key, [...(buckets.get(key) ?? []), index]);
  });
  const goldLeft: number[] = [];
  gold.forEach((row, index) => {
    const candidates = buckets.get(bucketKey(row)) ?? [];
    const position = candidates.findIndex((candidate) => rowsEqual(row, answer[candidate] as NormalizedValue[]));
    if (position < 0) goldLeft.push(index);
    else candidates.splice(position, 1);
  });
  const answerLeft = [...buckets.values()].flat().sort((left, right) => left - right);
  return { goldLeft, answerLeft };
}

/**
 * Ordered comparison that lets tied rows swap: consecutive gold rows whose numeric cells are all equal form a
 * group, and each group must match the answer rows at the same positions as a set.
 */
function firstOrderViolation(gold: NormalizedValue[][], answer: NormalizedValue[][]): number | null {
  const signatures = gold.map((row) => row.filter((value) => value.kind === 'number'));
  const tied = (left: number, right: number) => {
    const leftSignature = signatures[left] as NormalizedValue[];
    return leftSignature.length > 0 && rowsEqual(leftSignature, signatures[right] as NormalizedValue[]);
  };
  let start = 0;
  while (start < gold.length) {
    let end = start + 1;
    while (end < gold.length && tied(start, end)) end += 1;
    const { goldLeft } = matchRowSets(gold.slice(start, end), answer.slice(start, end));
    if (goldLeft.length > 0) return start + (goldLeft[0] as number);
    start = end;
  }
  return null;
}

function project(table: Table, indices: readonly number[]): NormalizedValue[][] {
  return table.cells.map((row) => indices.map((index) => row[index] as NormalizedValue));
}

function toJsonRow(columns: readonly string[], row: readonly NormalizedValue[]): JsonRow {
  return Object.fromEntries(columns.map((column, index) => {
    const value = row[index] as NormalizedValue;
    return [column, value.kind === 'null' ? null : value.value];
  }));
}

/** Candidate answer columns for each gold column: those holding the same multiset of values. */
function candidateColumns(gold: Table, answer: Table): number[][] {
  return gold.columns.map((_, goldIndex) => {
    const goldValues = columnValues(gold, goldIndex);
    return answer.columns
      .map((_, answerIndex) => answerIndex)
      .filter((answerIndex) => sameMultiset(goldValues, columnValues(answer, answerIndex)));
  });
}

/** Depth-first search for an injective gold → answer column mapping whose rows agree. */
function findMapping(
  candidates: number[][],
  accept: (mapping: number[]) => boolean,
): number[] | null {
  const order = candidates.map((list, index) => ({ index, size: list.length })).sort((left, right) => left.size - right.size);
  const mapping = new Array<number>(candidates.length).fill(-1);
  const used = new Set<number>();
  let attempts = 0;
  const search = (position: number): boolean => {
    if (attempts > MAX_MAPPING_ATTEMPTS) return false;
    if (position === order.length) {
      attempts += 1;
      return accept(mapping);
    }
    const goldIndex = (order[position] as { index: number }).index;
    for (const answerIndex of candidates[goldIndex] as number[]) {
      if (used.has(answerIndex)) continue;
      used.add(answerIndex);
      mapping[goldIndex] = answerIndex;
      if (search(position + 1)) return true;
      used.delete(answerIndex);
    }
    mapping[goldIndex] = -1;
    return false;
  };
  return search(0) ? [...mapping] : null;
}

function diagnoseColumn(gold: Table, answer: Table, goldIndex: number): ColumnDiagnosis {
  const goldValues = columnValues(gold, goldIndex);
  let best: { column: string | null; shared: number } = { column: null, shared: 0 };
  answer.columns.forEach((column, answerIndex) => {
    const remaining = columnValues(answer, answerIndex);
    let shared = 0;
    for (const value of goldValues) {
      const position = remaining.findIndex((candidate) => valuesEqual(value, candidate));
      if (position >= 0) {
        shared += 1;
        remaining.splice(position, 1);
      }
    }
    if (shared > best.shared) best = { column, shared };
  });
  return {
    goldColumn: gold.columns[goldIndex] as string,
    closestAnswerColumn: best.column,
    sharedValues: best.shared,
    goldSample: goldValues.slice(0, SAMPLE_SIZE).map(formatNormalized),
  };
}

function emptyDiff(gold: Table, answer: Table): ResultDiff {
  return {
    goldRowCount: gold.cells.length,
    answerRowCount: answer.cells.length,
    answerColumns: answer.columns,
    unmatchedGoldColumns: [],
    goldRowsMissing: [],
    unexpectedAnswerRows: [],
    firstOrderDifference: null,
    hints: [],
  };
}

function scoreStatus(expected: ExpectedStatus, answer: ScoredAnswer): Verdict {
  const passed = answer.status === expected;
  return {
    passed,
    reason: passed ? 'match' : 'status_mismatch',
    message: passed ? `status ${expected} as expected` : `expected status ${expected}, got ${answer.status}`,
    columnMapping: null,
    diff: null,
  };
}

/** Would the gold rows match the first rows of the answer? Explains "which X" answered with a whole ranking. */
function prefixHint(gold: Table, answer: Table, ordered: boolean): string | null {
  if (answer.cells.length <= gold.cells.length || gold.cells.length === 0) return null;
  const prefix: Table = { columns: answer.columns, cells: answer.cells.slice(0, gold.cells.length) };
  const mapping = findMapping(candidateColumns(gold, prefix), (candidate) => {
    const projected = project(prefix, candidate);
    return ordered ? firstOrderViolation(gold.cells, projected) === null : matchRowSets(gold.cells, projected).goldLeft.length === 0;
  });
  return mapping ? `the gold rows equal the answer's first ${gold.cells.length} row(s): the answer is missing a LIMIT` : null;
}

/**
 * Execution accuracy by result-set equivalence: every gold column must be matched by some answer column with
 * equal values row by row (names may differ, extra answer columns are fine); rows are compared as a set unless
 * the question asks for an order. Numbers match within a relative 1e-6 / absolute 1e-9 tolerance, numeric
 * strings count as numbers, and known display names (手机, 一线城市) count as their stored values (Phones, tier1).
 */
export function scoreResult(expectation: Expectation, answer: ScoredAnswer, names: DisplayNames): Verdict {
  if (expectation.kind === 'status') return scoreStatus(expectation.status, answer);
  const gold = normalizeTable(expectation.columns, expectation.rows, names);
  const answerTable = normalizeTable(answerColumnsOf(answer), answer.rows, names);
  const diff = emptyDiff(gold, answerTable);
  const fail = (reason: VerdictReason, message: string, mapping: Record<string, string> | null = null): Verdict => ({
    passed: false,
    reason,
    message,
    columnMapping: mapping,
    diff,
  });
  if (answer.status !== 'answered') return fail('status_mismatch', `expected an answer with rows, got status ${answer.status}`);
  if (answer.truncated) diff.hints.push('the answer was truncated; only the rows it returned are compared');

  if (gold.cells.length !== answerTable.cells.length) {
    const hint = prefixHint(gold, answerTable, expectation.ordered);
    if (hint) diff.hints.push(hint);
    diff.goldRowsMissing = gold.cells.slice(0, SAMPLE_SIZE).map((row) => toJsonRow(gold.columns, row));
    return fail('row_count_mismatch', `gold has ${gold.cells.length} row(s), the answer has ${answerTable.cells.length}`);
  }
  if (gold.cells.length === 0) {
    return { passed: true, reason: 'match', message: 'both results are empty', columnMapping: {}, diff: null };
  }

  const candidates = candidateColumns(gold, answerTable);
  const missing = candidates.flatMap((list, index) => (list.length === 0 ? [index] : []));
  if (missing.length > 0) {
    diff.unmatchedGoldColumns = missing.map((index) => diagnoseColumn(gold, answerTable, index));
    const missingColumns = missing.map((index) => gold.columns[index]).join(', ');
    return fail('missing_columns', `no answer column holds the values of gold column(s) ${missingColumns}`);
  }

  if (findMapping(candidates, () => true) === null) {
    const shared = gold.columns.filter((_, index) => (candidates[index] as number[]).length === 1).join(', ');
    return fail('missing_columns', `gold columns ${shared} hold the same values and each needs its own answer column`);
  }

  const setMatches = (mapping: number[]) => matchRowSets(gold.cells, project(answerTable, mapping)).goldLeft.length === 0;
  const mapping = findMapping(candidates, (candidate) =>
    setMatches(candidate) && (!expectation.ordered || firstOrderViolation(gold.cells, project(answerTable, candidate)) === null),
  );
  const named = (indices: number[]) => Object.fromEntries(gold.columns.map((column, index) => [column, answerTable.columns[indices[index] as number] as string]));
  if (mapping) {
    return { passed: true, reason: 'match', message: 'result matches the gold', columnMapping: named(mapping), diff: null };
  }

  if (expectation.ordered) {
    const unordered = findMapping(candidates, setMatches);
    if (unordered) {
      const projected = project(answerTable, unordered);
      const position = firstOrderViolation(gold.cells, projected) ?? 0;
      diff.firstOrderDifference = {
        position,
        gold: toJsonRow(gold.columns, gold.cells[position] as NormalizedValue[]),
        answer: toJsonRow(gold.columns, projected[position] as NormalizedValue[]),
      };
      return fail('order_mismatch', `the rows match but not in the asked order (first difference at row ${position + 1})`, named(unordered));
    }
  }

  // Every column matches on its own but the rows do not line up: show the first candidate mapping's mismatches.
  const first = candidates.map((list) => list[0] as number);
  const { goldLeft, answerLeft } = matchRowSets(gold.cells, project(answerTable, first));
  const projected = project(answerTable, first);
  diff.goldRowsMissing = goldLeft.slice(0, SAMPLE_SIZE).map((index) => toJsonRow(gold.columns, gold.cells[index] as NormalizedValue[]));
  diff.unexpectedAnswerRows = answerLeft.slice(0, SAMPLE_SIZE).map((index) => toJsonRow(gold.columns, projected[index] as NormalizedValue[]));
  return fail('row_mismatch', `every gold column has a matching answer column, but ${goldLeft.length} gold row(s) have no equal answer row`, named(first));
}
