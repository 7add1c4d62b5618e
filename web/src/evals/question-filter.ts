import type { EvalQuestionIndexEntry, Tally } from '../../../src/server/web/web-api-schemas.ts';

export interface QuestionFilter {
  verdict: 'all' | 'passed' | 'failed';
  language: string;
  shape: string;
  planner: string;
  text: string;
}

export const NO_FILTER: QuestionFilter = { verdict: 'all', language: '', shape: '', planner: '', text: '' };

export function filterQuestions(questions: readonly EvalQuestionIndexEntry[], filter: QuestionFilter): EvalQuestionIndexEntry[] {
  const text = filter.text.trim().toLowerCase();
  return questions.filter(
    (entry) =>
      (filter.verdict === 'all' || (filter.verdict === 'passed') === entry.passed) &&
      (!filter.language || entry.language === filter.language) &&
      (!filter.shape || entry.shape === filter.shape) &&
      (!filter.planner || entry.planner === filter.planner) &&
      (!text || entry.id.toLowerCase().includes(text) || entry.question.toLowerCase().includes(text) || entry.reason.toLowerCase().includes(text)),
  );
}

/** Distinct values of one field, sorted, for the filter menus. */
export function distinctValues(questions: readonly EvalQuestionIndexEntry[], field: 'language' | 'shape' | 'planner'): string[] {
  return [...new Set(questions.map((entry) => entry[field]))].sort((left, right) => left.localeCompare(right));
}

function tallyOf(entries: readonly EvalQuestionIndexEntry[]): Tally {
  const passed = entries.filter((entry) => entry.passed).length;
  return { passed, total: entries.length, accuracy: entries.length === 0 ? 0 : passed / entries.length };
}

/** Accuracy per shape (rows) and language (columns), plus each row's total: the viewer's main table. */
export function accuracyMatrix(questions: readonly EvalQuestionIndexEntry[]): { languages: string[]; rows: { shape: string; cells: Record<string, Tally>; total: Tally }[]; totals: Record<string, Tally>; overall: Tally } {
  const languages = distinctValues(questions, 'language');
  const rows = distinctValues(questions, 'shape').map((shape) => {
    const ofShape = questions.filter((entry) => entry.shape === shape);
    const cells = Object.fromEntries(languages.map((language) => [language, tallyOf(ofShape.filter((entry) => entry.language === language))]));
    return { shape, cells, total: tallyOf(ofShape) };
  });
  const totals = Object.fromEntries(languages.map((language) => [language, tallyOf(questions.filter((entry) => entry.language === language))]));
  return { languages, rows, totals, overall: tallyOf(questions) };
}

export function percentText(tally: Tally): string {
  return tally.total === 0 ? '–' : `${(tally.accuracy * 100).toFixed(1)}%`;
}
