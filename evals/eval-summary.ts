import type { EvalRecord } from './evaluate-units.ts';

export interface Tally {
  passed: number;
  total: number;
  accuracy: number;
}

export interface FailureLine {
  id: string;
  language: string;
  shape: string;
  planner: string;
  reason: string;
  message: string;
}

export interface Thresholds {
  /** Minimum accuracy overall and in each language. */
  minAccuracy: number;
}

/**
 * What a miss cost the user. A clarifying question or a refusal where data was expected is a safe miss; data
 * where a different answer (or a clarification or refusal) was expected is confidently wrong — the worst case.
 */
export type OutcomeClass = 'correct' | 'safe_miss' | 'confidently_wrong' | 'error';

export function outcomeClassOf(record: EvalRecord): OutcomeClass {
  if (record.verdict.passed) return 'correct';
  if (record.goldError !== null || record.outcome === null) return 'error';
  return record.outcome.answer.status === 'answered' ? 'confidently_wrong' : 'safe_miss';
}

export interface EvalSummary {
  overall: Tally;
  /** Items answered with data but wrongly, as a share of all items. */
  confidentlyWrong: { count: number; total: number; rate: number };
  byOutcome: Record<OutcomeClass, number>;
  byLanguage: Record<string, Tally>;
  byShape: Record<string, Tally>;
  byPlanner: Record<string, Tally>;
  /** model_tool items by the tool they expect, so a tool that is missing or misrouted stands out. */
  byTool: Record<string, Tally>;
  byReason: Record<string, number>;
  goldErrors: number;
  agentErrors: number;
  agentMs: { median: number; p95: number; max: number };
  failures: FailureLine[];
  thresholds: Thresholds;
  /** Accuracy checks that fell below the threshold, e.g. "overall 0.85 < 0.9". */
  belowThreshold: string[];
}

function tally(records: readonly EvalRecord[]): Tally {
  const passed = records.filter((record) => record.verdict.passed).length;
  return { passed, total: records.length, accuracy: records.length === 0 ? 0 : passed / records.length };
}

function groupTally(records: readonly EvalRecord[], key: (record: EvalRecord) => string): Record<string, Tally> {
  const groups = new Map<string, EvalRecord[]>();
  for (const record of records) groups.set(key(record), [...(groups.get(key(record)) ?? []), record]);
  return Object.fromEntries([...groups].sort(([left], [right]) => left.localeCompare(right)).map(([name, group]) => [name, tally(group)]));
}

export function plannerOf(record: EvalRecord): string {
  return record.outcome?.answer.planner ?? 'none';
}

function percentile(values: readonly number[], fraction: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] as number;
}

export function summarize(records: readonly EvalRecord[], thresholds: Thresholds): EvalSummary {
  const overall = tally(records);
  const byLanguage = groupTally(records, (record) => record.item.language);
  const byReason: Record<string, number> = {};
  for (const record of records) byReason[record.verdict.reason] = (byReason[record.verdict.reason] ?? 0) + 1;
  const belowThreshold: string[] = [];
  const check = (name: string, value: Tally) => {
    if (value.total > 0 && value.accuracy < thresholds.minAccuracy) {
      belowThreshold.push(`${name} ${value.accuracy.toFixed(3)} < ${thresholds.minAccuracy}`);
    }
  };
  check('overall', overall);
  for (const [language, value] of Object.entries(byLanguage)) check(language, value);
  const times = records.map((record) => record.agentMs);
  const byOutcome: Record<OutcomeClass, number> = { correct: 0, safe_miss: 0, confidently_wrong: 0, error: 0 };
  for (const record of records) byOutcome[outcomeClassOf(record)] += 1;
  return {
    overall,
    confidentlyWrong: { count: byOutcome.confidently_wrong, total: records.length, rate: records.length === 0 ? 0 : byOutcome.confidently_wrong / records.length },
    byOutcome,
    byLanguage,
    byShape: groupTally(records, (record) => record.item.shape),
    byPlanner: groupTally(records, plannerOf),
    byTool: groupTally(
      records.filter((record) => record.item.expectTool !== undefined),
      (record) => record.item.expectTool?.name ?? '',
    ),
    byReason,
    goldErrors: records.filter((record) => record.goldError !== null).length,
    agentErrors: records.filter((record) => record.agentError !== null).length,
    agentMs: { median: percentile(times, 0.5), p95: percentile(times, 0.95), max: times.length === 0 ? 0 : Math.max(...times) },
    failures: records
      .filter((record) => !record.verdict.passed)
      .map((record) => ({
        id: record.item.id,
        language: record.item.language,
        shape: record.item.shape,
        planner: plannerOf(record),
        reason: record.verdict.reason,
        message: record.verdict.message,
      })),
    thresholds,
    belowThreshold,
  };
}

function percent(value: Tally): string {
  return `${value.passed}/${value.total}`.padStart(9) + `  ${(value.accuracy * 100).toFixed(1).padStart(5)}%`;
}

/** Plain-text report for the terminal: accuracy by language, shape and planner, then the failures. */
export function formatSummary(summary: EvalSummary, options: { maxFailures?: number; hideItems?: boolean } = {}): string {
  const lines: string[] = [];
  const section = (title: string, groups: Record<string, Tally>) => {
    lines.push(title);
    // Long names (frequently_bought_together) widen their own section only, so the usual layout stays put.
    const width = Math.max(16, ...Object.keys(groups).map((name) => name.length + 2));
    for (const [name, value] of Object.entries(groups)) lines.push(`  ${name.padEnd(width)}${percent(value)}`);
  };
  lines.push(`overall           ${percent(summary.overall)}`);
  const wrong = summary.confidentlyWrong;
  lines.push(
    `confidently wrong ${`${wrong.count}/${wrong.total}`.padStart(9)}  ${(wrong.rate * 100).toFixed(1).padStart(5)}%   (safe misses: ${summary.byOutcome.safe_miss} clarified or refused, errors: ${summary.byOutcome.error})`,
  );
  section('by language', summary.byLanguage);
  section('by shape', summary.byShape);
  section('by planner', summary.byPlanner);
  if (Object.keys(summary.byTool).length > 0) section('by model tool', summary.byTool);
  lines.push(
    `agent time: median ${Math.round(summary.agentMs.median)} ms, p95 ${Math.round(summary.agentMs.p95)} ms, max ${Math.round(summary.agentMs.max)} ms`,
  );
  if (summary.goldErrors > 0) lines.push(`gold SQL errors: ${summary.goldErrors} (fix the golden files)`);
  if (summary.agentErrors > 0) lines.push(`agent errors (exceptions): ${summary.agentErrors}`);
  const maxFailures = options.maxFailures ?? 60;
  if (summary.failures.length > 0 && options.hideItems) {
    // A held-out set must not be tuned on: the terminal shows how items failed, never which ones.
    const byReason = new Map<string, number>();
    for (const failure of summary.failures) {
      const key = `${failure.shape}/${failure.reason}`;
      byReason.set(key, (byReason.get(key) ?? 0) + 1);
    }
    const counts = [...byReason].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    lines.push(`failures (${summary.failures.length}, items hidden in a held-out set): ${counts.map(([key, count]) => `${key} ${count}`).join(', ')}`);
  } else if (summary.failures.length > 0) {
    lines.push(`failures (${summary.failures.length}):`);
    for (const failure of summary.failures.slice(0, maxFailures)) {
      lines.push(`  ✗ ${failure.id} [${failure.language}/${failure.shape}/${failure.planner}] ${failure.reason}: ${failure.message}`);
    }
    if (summary.failures.length > maxFailures) lines.push(`  … ${summary.failures.length - maxFailures} more in summary.json`);
  }
  lines.push(
    summary.belowThreshold.length === 0
      ? `accuracy meets the threshold (${summary.thresholds.minAccuracy} overall and per language)`
      : `BELOW THRESHOLD: ${summary.belowThreshold.join('; ')}`,
  );
  return lines.join('\n');
}
