import type { EvalQuestionIndexEntry } from '../../../src/server/web/web-api-schemas.ts';

export interface VerdictChange {
  id: string;
  question: string;
  language: string;
  shape: string;
  before: EvalQuestionIndexEntry;
  after: EvalQuestionIndexEntry;
}

export interface RunComparison {
  /** Failed in the base run, passes in the other. */
  fixed: VerdictChange[];
  /** Passed in the base run, fails in the other. */
  regressed: VerdictChange[];
  /** Failing in both, but for a different reason (worth a look: the failure moved). */
  reasonChanged: VerdictChange[];
  /** Only in the other run / only in the base run. */
  added: EvalQuestionIndexEntry[];
  removed: EvalQuestionIndexEntry[];
  unchanged: { passing: number; failing: number };
}

/** Which questions changed verdict between two runs, matched by question id. */
export function compareRuns(base: readonly EvalQuestionIndexEntry[], other: readonly EvalQuestionIndexEntry[]): RunComparison {
  const before = new Map(base.map((entry) => [entry.id, entry]));
  const after = new Map(other.map((entry) => [entry.id, entry]));
  const comparison: RunComparison = { fixed: [], regressed: [], reasonChanged: [], added: [], removed: [], unchanged: { passing: 0, failing: 0 } };
  for (const entry of other) {
    const previous = before.get(entry.id);
    if (!previous) {
      comparison.added.push(entry);
      continue;
    }
    const change = { id: entry.id, question: entry.question || previous.question, language: entry.language, shape: entry.shape, before: previous, after: entry };
    if (!previous.passed && entry.passed) comparison.fixed.push(change);
    else if (previous.passed && !entry.passed) comparison.regressed.push(change);
    else if (!entry.passed && previous.reason !== entry.reason) comparison.reasonChanged.push(change);
    else if (entry.passed) comparison.unchanged.passing += 1;
    else comparison.unchanged.failing += 1;
  }
  for (const entry of base) if (!after.has(entry.id)) comparison.removed.push(entry);
  const byId = (left: { id: string }, right: { id: string }) => left.id.localeCompare(right.id);
  for (const list of [comparison.fixed, comparison.regressed, comparison.reasonChanged, comparison.added, comparison.removed]) list.sort(byId);
  return comparison;
}
