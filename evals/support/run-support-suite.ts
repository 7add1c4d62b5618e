import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { z } from 'zod';
import { startRealSupportServer } from '../../src/server/testing/real-support-kit.ts';
import { defaultRunId, isSafeRunId, RunFilesError } from '../run-files.ts';
import { DEFAULT_SUPPORT_TASK_DIRECTORY, loadSupportTasks } from './load-support-tasks.ts';
import { playSupportTask, type TaskResult } from './play-support-task.ts';
import { DemoCatalogue, FixturePicker } from './task-fixtures.ts';

/** Demo size the tasks are written for: enough shoppers with open orders for every task to get its own. */
export const SUPPORT_SUITE_USERS = 5000;

const optionsSchema = z.object({
  tasks: z.string().default(DEFAULT_SUPPORT_TASK_DIRECTORY),
  out: z.string(),
  runId: z.string().optional(),
  only: z.string().optional(),
  language: z.enum(['zh', 'en'], { message: '--language must be zh or en' }).optional(),
  minSuccess: z.coerce.number().min(0).max(1, '--min-success is a share from 0 to 1, e.g. 0.9').default(0),
  quiet: z.boolean().default(false),
});

interface Tally {
  passed: number;
  total: number;
  accuracy: number;
}

function tally(results: readonly TaskResult[]): Tally {
  const passed = results.filter((result) => result.passed).length;
  return { passed, total: results.length, accuracy: results.length === 0 ? 0 : passed / results.length };
}

function groupTally(results: readonly TaskResult[], key: (result: TaskResult) => string): Record<string, Tally> {
  const groups = new Map<string, TaskResult[]>();
  for (const result of results) groups.set(key(result), [...(groups.get(key(result)) ?? []), result]);
  return Object.fromEntries([...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, group]) => [name, tally(group)]));
}

const percent = (value: Tally) => `${value.passed}/${value.total} (${(value.accuracy * 100).toFixed(1)}%)`;

export function formatSupportSummary(results: readonly TaskResult[]): string {
  const lines = [`success ${percent(tally(results))}`];
  lines.push(`by language: ${Object.entries(groupTally(results, (result) => result.task.language)).map(([name, value]) => `${name} ${percent(value)}`).join(', ')}`);
  lines.push('by class:');
  for (const [name, value] of Object.entries(groupTally(results, (result) => result.task.class))) lines.push(`  ${name.padEnd(16)} ${percent(value)}`);
  lines.push(`failures by reason: ${Object.entries(countBy(results.filter((result) => !result.passed), (result) => result.reason)).map(([name, count]) => `${name} ${count}`).join(', ') || 'none'}`);
  return lines.join('\n');
}

function countBy<Item>(items: readonly Item[], key: (item: Item) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

function quantile(values: number[], share: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] as number);
}

/** A task's transcript in the shape the eval viewer reads (questions/<id>.json of evals/run-files.ts). */
function taskDocument(result: TaskResult): Record<string, unknown> {
  const { task } = result;
  return {
    id: task.id,
    chain_id: null,
    turn: null,
    language: task.language,
    shape: task.class,
    file: task.file,
    question: task.say.map((step) => (typeof step === 'string' ? step : step.interrupt)).join(' ⏎ '),
    notes: `${task.persona} — ${task.goal}`,
    planner: 'offline',
    conversation_id: result.conversationId,
    customer_id: result.customerId,
    verdict: { passed: result.passed, reason: result.reason, message: result.problems.join('; ') },
    expected: { status: task.expect.handoff ? 'handoff' : 'resolved', support_expectation: task.expect },
    actual: { status: result.passed ? 'passed' : result.reason, answer: result.lines.map((line) => `${line.who}: ${line.text}${line.card ? `\n  [card] ${line.card}` : ''}`).join('\n') },
    diff: null,
    transcript: result.lines.map((line) => ({ type: 'planner-step', planner: line.who, ...(line.elapsedMs !== undefined ? { elapsedMs: Math.round(line.elapsedMs) } : {}), step: { type: 'message', text: [line.text, line.card ? `[card] ${line.card}` : '', line.table ? `[table]\n${line.table}` : ''].filter(Boolean).join('\n'), ...(line.intent ? { rationale: `intent ${line.intent}` } : {}) } })),
    timing: { agent_ms: Math.round(result.botMs.reduce((sum, value) => sum + value, 0)), gold_ms: null },
  };
}

/** summary.json and questions/<id>.json, written to a staging folder and renamed into place (never half a run). */
export function writeSupportRun(runsDirectory: string, runId: string, startedAt: Date, results: readonly TaskResult[]): string {
  if (!isSafeRunId(runId)) throw new RunFilesError(`Run id "${runId}" cannot be a folder name; use letters, digits, ".", "-" and "_".`, { directory: runsDirectory });
  const target = path.join(runsDirectory, runId);
  const staging = path.join(runsDirectory, `.${runId}.partial`);
  const botMs = results.flatMap((result) => result.botMs);
  try {
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(path.join(staging, 'questions'), { recursive: true });
    const questions = results.map((result) => {
      const file = path.join('questions', `${result.task.id}.json`);
      writeFileSync(path.join(staging, file), `${JSON.stringify(taskDocument(result), null, 2)}\n`);
      return { id: result.task.id, passed: result.passed, reason: result.reason, file };
    });
    const summary = {
      runId,
      suite: 'support',
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      planner: 'offline',
      filters: {},
      overall: tally(results),
      byLanguage: groupTally(results, (result) => result.task.language),
      byShape: groupTally(results, (result) => result.task.class),
      byPlanner: { offline: tally(results) },
      byTool: {},
      byReason: countBy(results.filter((result) => !result.passed), (result) => result.reason),
      agentMs: { median: quantile(botMs, 0.5), p95: quantile(botMs, 0.95), max: quantile(botMs, 1) },
      questions,
    };
    writeFileSync(path.join(staging, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
    rmSync(target, { recursive: true, force: true });
    renameSync(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw new RunFilesError(`Could not write the support run to ${target}: ${(error as Error).message}. Check that the folder is writable.`, { directory: target, cause: error });
  }
  return target;
}

/** Seeds a demo, starts the real server with the real support agent, plays every selected task and scores it. */
export async function runSupportSuite(rawOptions: unknown): Promise<{ code: number; results: TaskResult[]; directory: string }> {
  const options = optionsSchema.parse(rawOptions);
  const prefixes = options.only?.split(',').map((prefix) => prefix.trim()).filter(Boolean) ?? [];
  const tasks = loadSupportTasks(options.tasks).filter((task) => (!options.language || task.language === options.language) && (prefixes.length === 0 || prefixes.some((prefix) => task.id.startsWith(prefix))));
  if (tasks.length === 0) throw new Error(`No support task matches --only/--language in ${options.tasks}`);
  const startedAt = new Date();
  process.stderr.write(`[support] seeding a ${SUPPORT_SUITE_USERS}-user demo and starting the server\n`);
  const real = await startRealSupportServer({ users: SUPPORT_SUITE_USERS });
  const results: TaskResult[] = [];
  try {
    const catalogue = await DemoCatalogue.load(real.server.warehouse, real.asOf);
    const picker = new FixturePicker(catalogue);
    // Every task's shopper is chosen before any task writes, so a task's data never depends on the ones before it.
    const picked = tasks.map((task) => ({ task, fixtures: picker.pick(task) }));
    for (const [index, { task, fixtures }] of picked.entries()) {
      const result = await playSupportTask(task, fixtures, catalogue, real.server);
      results.push(result);
      if (!options.quiet) process.stderr.write(`[${index + 1}/${picked.length}] ${result.passed ? '✓' : '✗'} ${task.id}${result.passed ? '' : ` (${result.reason}) ${result.problems[0] ?? ''}`}\n`);
    }
  } finally {
    await real.close();
  }
  const directory = writeSupportRun(options.out, options.runId ?? `support-${defaultRunId('offline', startedAt)}`, startedAt, results);
  const overall = tally(results);
  const languages = groupTally(results, (result) => result.task.language);
  process.stdout.write(`== support tasks (${path.relative(process.cwd(), options.tasks) || options.tasks})\n${formatSupportSummary(results)}\ntranscripts: ${path.relative(process.cwd(), directory) || directory}\n`);
  const below = overall.accuracy < options.minSuccess || Object.values(languages).some((value) => value.accuracy < options.minSuccess);
  return { code: below ? 1 : 0, results, directory };
}

export function supportEvalCommand(defaultRunsDirectory: string): Command {
  return new Command('support')
    .description('Play the customer-service task suite (evals/support-tasks) with a rule-based shopper over the real socket server; score final database state and stated facts.')
    .option('--tasks <dir>', 'folder of support task *.yaml files', DEFAULT_SUPPORT_TASK_DIRECTORY)
    .option('--out <dir>', 'folder for run outputs (<out>/<run-id>/summary.json and questions/*.json)', defaultRunsDirectory)
    .option('--run-id <id>', 'name of the run folder (default: support- + timestamp)')
    .option('--only <ids>', 'comma-separated task id prefixes, e.g. cancel-,wrong-target-en')
    .option('--language <language>', 'only zh or only en tasks')
    .option('--min-success <share>', 'exit non-zero when the success rate overall or in a language is below this share', '0')
    .option('--quiet', 'no per-task progress lines')
    .action(async (options: Record<string, unknown>) => {
      process.exitCode = (await runSupportSuite(options)).code;
    });
}
