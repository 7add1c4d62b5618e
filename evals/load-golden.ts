import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { GoldenFileError } from './golden-file-error.ts';
import {
  chainSchema,
  questionSchema,
  type ExpectedStatus,
  type ExpectedTool,
  type GoldenChain,
  type GoldenQuestion,
  type QuestionLanguage,
  type QuestionShape,
} from './golden-schema.ts';

export const DEFAULT_GOLDEN_DIRECTORY = fileURLToPath(new URL('./golden/', import.meta.url));
/** Questions written before the understanding they measure and never tuned on (see evals/README.md). */
export const DEFAULT_HELDOUT_DIRECTORY = fileURLToPath(new URL('./heldout/', import.meta.url));
/** More development sets, each written later by someone who had not seen the planner (evals/README.md). */
export const DEFAULT_FRESH_DIRECTORY = fileURLToPath(new URL('./fresh/', import.meta.url));

/** The warehouses a golden file can be asked against: the default demo, or the UCI Online Retail sample import. */
export const EVAL_WAREHOUSES = ['demo', 'online-retail-sample'] as const;
export type EvalWarehouse = (typeof EVAL_WAREHOUSES)[number];

/** One question to ask and score: a stand-alone question or one turn of a chain. */
export interface EvalItem {
  /** Question id, or `<chain id>-t<turn number>` for a turn. */
  id: string;
  chainId?: string;
  /** 1-based turn number within the chain. */
  turn?: number;
  language: QuestionLanguage;
  shape: QuestionShape;
  question: string;
  goldSql?: string;
  expectStatus?: ExpectedStatus;
  /** A behaviour-model tool call the answer must come from (shape model_tool). */
  expectTool?: ExpectedTool;
  ordered: boolean;
  allowEmpty: boolean;
  notes: string;
  /** Golden file the item came from, relative to the golden directory. */
  file: string;
  /** The warehouse the file's questions are asked against. */
  warehouse: EvalWarehouse;
}

/** What the runner asks in one go: a single question, or every turn of a chain in one conversation. */
export interface EvalUnit {
  id: string;
  kind: 'question' | 'chain';
  warehouse: EvalWarehouse;
  items: EvalItem[];
}

const fileEnvelopeSchema = z
  .object({ description: z.string().optional(), warehouse: z.enum(EVAL_WAREHOUSES).default('demo'), questions: z.array(z.unknown()).min(1) })
  .strict();

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(entry)'}: ${issue.message}`).join('; ');
}

function questionItem(entry: GoldenQuestion, file: string, warehouse: EvalWarehouse): EvalItem {
  return {
    id: entry.id,
    language: entry.language,
    shape: entry.shape,
    question: entry.question,
    goldSql: entry.gold_sql,
    expectStatus: entry.expect_status,
    expectTool: entry.expect_tool,
    ordered: entry.ordered,
    allowEmpty: entry.allow_empty,
    notes: entry.notes,
    file,
    warehouse,
  };
}

function chainItems(entry: GoldenChain, file: string, warehouse: EvalWarehouse): EvalItem[] {
  return entry.turns.map((turn, index) => ({
    id: `${entry.id}-t${index + 1}`,
    chainId: entry.id,
    turn: index + 1,
    language: entry.language,
    shape: entry.shape,
    question: turn.question,
    goldSql: turn.gold_sql,
    expectStatus: turn.expect_status,
    expectTool: turn.expect_tool,
    ordered: turn.ordered,
    allowEmpty: turn.allow_empty,
    notes: turn.notes ?? entry.notes,
    file,
    warehouse,
  }));
}

/** Parses one golden file's text; `file` is only used in messages and in the items. */
export function parseGoldenFile(text: string, file: string): EvalUnit[] {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    // The parser's message spans several lines with a code frame; its first line names the position.
    const firstLine = (error as Error).message.split('\n')[0] ?? '';
    throw new GoldenFileError(`${file} is not valid YAML: ${firstLine} Fix the indentation or quoting there (quote values that start with a quote).`, {
      file,
      cause: error,
    });
  }
  const envelope = fileEnvelopeSchema.safeParse(document);
  if (!envelope.success) {
    throw new GoldenFileError(
      `${file} must be a mapping with a non-empty "questions" list (see evals/README.md): ${describeIssues(envelope.error)}`,
      { file, cause: envelope.error },
    );
  }
  return envelope.data.questions.map((raw, index) => {
    // A chain is recognised by its turns, so that the error message speaks about the right kind of entry.
    const isChain = typeof raw === 'object' && raw !== null && 'turns' in raw;
    const parsed = isChain ? chainSchema.safeParse(raw) : questionSchema.safeParse(raw);
    if (!parsed.success) {
      const id = typeof raw === 'object' && raw !== null && 'id' in raw ? String((raw as { id: unknown }).id) : '?';
      throw new GoldenFileError(
        `${file}, entry ${index + 1} (id ${id}) is not a valid ${isChain ? 'chain' : 'question'}: ${describeIssues(parsed.error)}`,
        { file, entry: index, cause: parsed.error },
      );
    }
    const entry = parsed.data;
    const { warehouse } = envelope.data;
    return 'turns' in entry
      ? { id: entry.id, kind: 'chain' as const, warehouse, items: chainItems(entry, file, warehouse) }
      : { id: entry.id, kind: 'question' as const, warehouse, items: [questionItem(entry, file, warehouse)] };
  });
}

/** Loads every *.yaml file of the golden directory, in file-name order, and checks that ids are unique. */
export function loadGoldenSet(directory: string = DEFAULT_GOLDEN_DIRECTORY): EvalUnit[] {
  const files = readdirSync(directory)
    .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
    .sort();
  if (files.length === 0) {
    throw new GoldenFileError(`No *.yaml golden files in ${directory}. Pass the evals/golden directory.`, { file: directory });
  }
  const units: EvalUnit[] = [];
  const seen = new Map<string, string>();
  for (const name of files) {
    const parsedUnits = parseGoldenFile(readFileSync(path.join(directory, name), 'utf8'), name);
    for (const unit of parsedUnits) {
      const ids = unit.kind === 'chain' ? [unit.id, ...unit.items.map((item) => item.id)] : [unit.id];
      for (const id of ids) {
        const earlier = seen.get(id);
        if (earlier !== undefined) {
          throw new GoldenFileError(`Duplicate id "${id}" in ${name} (first used in ${earlier}). Give each question a unique id.`, {
            file: name,
          });
        }
        seen.set(id, name);
      }
      units.push(unit);
    }
  }
  return units;
}

export function itemsOf(units: readonly EvalUnit[]): EvalItem[] {
  return units.flatMap((unit) => unit.items);
}
