import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import {
  EvalQuestionDocumentSchema,
  TallySchema,
  type EvalQuestionDocument,
  type EvalQuestionIndexEntry,
  type EvalRunDetailResponse,
  type EvalRunOverview,
} from './web-api-schemas.ts';

/** Same rule as evals/run-files.ts: a run id is a plain folder name, so it can never climb out of the folder. */
const RUN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
/** summary.json names each question's file; only plain files inside questions/ are ever read. */
const QUESTION_FILE_PATTERN = /^questions\/[A-Za-z0-9._-]+\.json$/;

export function isSafeRunId(runId: string): boolean {
  return RUN_ID_PATTERN.test(runId);
}

const SummaryFileSchema = z
  .object({
    runId: z.string(),
    startedAt: z.string(),
    finishedAt: z.string(),
    planner: z.string(),
    filters: z.record(z.string(), z.string()).default({}),
    overall: TallySchema,
    byLanguage: z.record(z.string(), TallySchema),
    byShape: z.record(z.string(), TallySchema),
    byPlanner: z.record(z.string(), TallySchema),
    byTool: z.record(z.string(), TallySchema).default({}),
    byReason: z.record(z.string(), z.number()).default({}),
    agentMs: z.object({ median: z.number(), p95: z.number(), max: z.number() }),
    questions: z.array(z.object({ id: z.string(), passed: z.boolean(), reason: z.string(), file: z.string() })),
  })
  .loose();
type SummaryFile = z.infer<typeof SummaryFileSchema>;

/** The few fields of a question file the index needs (the whole file is validated only when it is opened). */
const QuestionIndexFileSchema = z
  .object({
    id: z.string(),
    question: z.string(),
    language: z.string(),
    shape: z.string(),
    planner: z.string(),
    verdict: z.object({ passed: z.boolean(), reason: z.string(), message: z.string() }).loose(),
    timing: z.object({ agent_ms: z.number().nullish() }).loose().optional(),
  })
  .loose();

/** A run folder or file that is missing or does not parse; `status` is the HTTP status to answer with. */
export class EvalRunError extends Error {
  override readonly name = 'EvalRunError';
  constructor(
    message: string,
    readonly status: 404 | 422,
    readonly file: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
  }
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new EvalRunError(`Cannot read ${path.basename(file)}; was the run deleted?`, 404, file, { cause: error });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new EvalRunError(`${path.basename(file)} is not valid JSON; re-run the eval to rewrite it.`, 422, file, { cause: error });
  }
}

function parseWith<Schema extends z.ZodType>(schema: Schema, value: unknown, file: string): z.infer<Schema> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.map(String).join('.') || '(root)' : '(root)';
    throw new EvalRunError(`${path.basename(file)} does not look like an eval run file (${where}: ${issue?.message ?? 'invalid'}).`, 422, file);
  }
  return parsed.data;
}

function overviewOf(summary: SummaryFile): EvalRunOverview {
  return {
    runId: summary.runId,
    startedAt: summary.startedAt,
    finishedAt: summary.finishedAt,
    planner: summary.planner,
    filters: summary.filters,
    overall: summary.overall,
    byLanguage: summary.byLanguage,
    byShape: summary.byShape,
    byPlanner: summary.byPlanner,
    byTool: summary.byTool,
    byReason: summary.byReason,
    agentMs: summary.agentMs,
    questionCount: summary.questions.length,
  };
}

/** Maps over items with at most `limit` promises in flight (hundreds of small files, without exhausting handles). */
async function mapLimited<Item, Result>(items: readonly Item[], limit: number, work: (item: Item) => Promise<Result>): Promise<Result[]> {
  const results: Result[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as Item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Reads eval runs written by `npm run eval` (evals/runs/<run-id>/summary.json + questions/<id>.json). Read-only;
 * a run's question index is cached until its summary.json changes (runs are written once, atomically).
 */
export class EvalRunReader {
  private readonly detailCache = new Map<string, { modifiedMs: number; detail: EvalRunDetailResponse }>();

  constructor(readonly runsDirectory: string) {}

  private runFolder(runId: string): string {
    if (!isSafeRunId(runId)) throw new EvalRunError(`"${runId}" is not a run id (letters, digits, ".", "-", "_").`, 404, runId);
    return path.join(this.runsDirectory, runId);
  }

  private async summaryOf(runId: string): Promise<{ summary: SummaryFile; modifiedMs: number }> {
    const file = path.join(this.runFolder(runId), 'summary.json');
    const modifiedMs = await stat(file).then(
      (stats) => stats.mtimeMs,
      (error: unknown) => {
        throw new EvalRunError(`No eval run "${runId}" in ${this.runsDirectory}.`, 404, file, { cause: error });
      },
    );
    return { summary: parseWith(SummaryFileSchema, await readJson(file), file), modifiedMs };
  }

  /** Every readable run, newest first; unreadable folders are reported, not hidden. */
  async listRuns(): Promise<{ runs: EvalRunOverview[]; skipped: { runId: string; reason: string }[] }> {
    let entries: { name: string; isDirectory(): boolean }[];
    try {
      entries = await readdir(this.runsDirectory, { withFileTypes: true });
    } catch {
      return { runs: [], skipped: [] };
    }
    // Hidden folders are runs still being written (evals/run-files.ts stages them as .<id>.partial).
    const folders = entries.filter((entry) => entry.isDirectory() && isSafeRunId(entry.name)).map((entry) => entry.name);
    const runs: EvalRunOverview[] = [];
    const skipped: { runId: string; reason: string }[] = [];
    await mapLimited(folders, 8, async (runId) => {
      try {
        runs.push(overviewOf((await this.summaryOf(runId)).summary));
      } catch (error) {
        skipped.push({ runId, reason: error instanceof Error ? error.message : String(error) });
      }
    });
    runs.sort((left, right) => right.startedAt.localeCompare(left.startedAt) || right.runId.localeCompare(left.runId));
    skipped.sort((left, right) => left.runId.localeCompare(right.runId));
    return { runs, skipped };
  }

  /** A run's headline numbers and one index line per question (language, shape, planner, verdict, time). */
  async runDetail(runId: string): Promise<EvalRunDetailResponse> {
    const { summary, modifiedMs } = await this.summaryOf(runId);
    const cached = this.detailCache.get(runId);
    if (cached && cached.modifiedMs === modifiedMs) return cached.detail;
    const folder = this.runFolder(runId);
    const questions = await mapLimited(summary.questions, 16, async (line): Promise<EvalQuestionIndexEntry> => {
      const fallback = { id: line.id, question: '', language: 'unknown', shape: 'unknown', planner: 'unknown', passed: line.passed, reason: line.reason, message: '', agentMs: null };
      if (!QUESTION_FILE_PATTERN.test(line.file)) return { ...fallback, message: `unexpected file name ${line.file}` };
      try {
        const file = path.join(folder, line.file);
        const document = parseWith(QuestionIndexFileSchema, await readJson(file), file);
        return {
          id: document.id,
          question: document.question,
          language: document.language,
          shape: document.shape,
          planner: document.planner,
          passed: document.verdict.passed,
          reason: document.verdict.reason,
          message: document.verdict.message,
          agentMs: document.timing?.agent_ms ?? null,
        };
      } catch (error) {
        return { ...fallback, message: error instanceof Error ? error.message : String(error) };
      }
    });
    const detail = { run: overviewOf(summary), questions };
    this.detailCache.set(runId, { modifiedMs, detail });
    return detail;
  }

  /** One question's whole transcript document. */
  async question(runId: string, questionId: string): Promise<EvalQuestionDocument> {
    const { summary } = await this.summaryOf(runId);
    const line = summary.questions.find((candidate) => candidate.id === questionId);
    if (!line) throw new EvalRunError(`Run "${runId}" has no question "${questionId}".`, 404, questionId);
    if (!QUESTION_FILE_PATTERN.test(line.file)) throw new EvalRunError(`summary.json names an unexpected file for "${questionId}": ${line.file}.`, 422, line.file);
    const file = path.join(this.runFolder(runId), line.file);
    return parseWith(EvalQuestionDocumentSchema, await readJson(file), file);
  }
}
