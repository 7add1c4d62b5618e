import type { Command } from 'commander';
import { resolveDatabasePath } from '../sql/database-path.ts';
import type { TextSentiment } from '../models/sentiment/analyse-text.ts';
import type { ServerLock } from '../server/server-lock-file.ts';
import { runServerJob, runningServerFor } from './running-server.ts';

/** The command line asked for neither a text nor a file, or for both, or the file cannot be read. */
export class SentimentInputError extends Error {
  override readonly name = 'SentimentInputError';
  constructor(
    message: string,
    readonly parameter: 'text' | '--file',
  ) {
    super(message);
  }
}

interface SentimentOptions {
  db?: string;
  file?: string;
  json?: boolean;
}

/** The texts to analyse, one per line of --file (blank lines kept, so output line n answers input line n). */
async function inputTexts(text: string | undefined, options: SentimentOptions): Promise<string[]> {
  if (text !== undefined && options.file !== undefined) throw new SentimentInputError('Give either a TEXT or --file TEXTS.txt, not both.', 'text');
  if (options.file !== undefined) {
    const { readFile } = await import('node:fs/promises');
    let content: string;
    try {
      content = await readFile(options.file, 'utf8');
    } catch (error) {
      throw new SentimentInputError(`Cannot read --file ${options.file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, '--file');
    }
    const lines = content.split(/\r?\n/);
    if (lines.at(-1) === '') lines.pop();
    return lines;
  }
  if (text === undefined || text.trim() === '') throw new SentimentInputError('Give a TEXT to analyse (shoplens sentiment "质量不错但是物流太慢") or --file TEXTS.txt with one text per line.', 'text');
  return [text];
}

/** The server's analysis of `texts`, in order; a request body is at most 64 kB, so long files go in slices. */
async function sentimentThroughServer(server: ServerLock, texts: string[]): Promise<TextSentiment[]> {
  const { z } = await import('zod');
  const AnswerSchema = z.object({
    note: z.string().optional(),
    results: z.array(z.object({ label: z.enum(['positive', 'negative']), score: z.number(), aspects: z.array(z.object({ aspect: z.string(), polarity: z.enum(['positive', 'negative', 'neutral']), clause: z.string() })) }).loose()),
  });
  const results: TextSentiment[] = [];
  for (let start = 0; start < texts.length; ) {
    let end = start + 1;
    let bytes = Buffer.byteLength(texts[start] as string);
    while (end < texts.length && end - start < 2000 && bytes + Buffer.byteLength(texts[end] as string) < 40_000) bytes += Buffer.byteLength(texts[end++] as string);
    const answer = AnswerSchema.parse(await runServerJob(server, 'sentiment', { texts: texts.slice(start, end) }));
    if (answer.note && start === 0) process.stderr.write(`sentiment: ${answer.note}\nsentiment: using the general zh/en lexicon alone until then\n`);
    results.push(...(answer.results as TextSentiment[]));
    start = end;
  }
  return results;
}

export function registerSentimentCommand(program: Command): void {
  program
    .command('sentiment')
    .description("Positive or negative, with a score and aspects, for a text or each line of a file, by the sentiment model trained on the warehouse's reviews.")
    .argument('[text]', 'the text to analyse')
    .option('--file <path>', 'a file with one text per line')
    .option('--json', 'one JSON object per text: label, score (probability positive), aspects')
    .option('--db <path>', 'warehouse file (default: $SHOPLENS_DB or data/shoplens.duckdb)')
    .action(async (text: string | undefined, options: SentimentOptions) => {
      const texts = await inputTexts(text, options);
      const databasePath = resolveDatabasePath(options.db);
      const [{ existsSync }, { analyseText }, { generalSentimentModel }] = await Promise.all([
        import('node:fs'),
        import('../models/sentiment/analyse-text.ts'),
        import('../models/sentiment/sentiment-model.ts'),
      ]);
      // No warehouse where none was named (the default path): the general model alone, said on stderr. A --db or
      // $SHOPLENS_DB that names a missing file is still an error (a typo must not silently change the model).
      const named = options.db !== undefined || process.env.SHOPLENS_DB !== undefined;
      let warehouse: import('../sql/warehouse.ts').Warehouse | undefined;
      let analyse: (line: string) => TextSentiment;
      const server = !named && !existsSync(databasePath) ? undefined : await runningServerFor(databasePath);
      if (!named && !existsSync(databasePath)) {
        process.stderr.write(`sentiment: no warehouse at ${databasePath}; using the general zh/en lexicon alone (no shop reviews to learn from)\n`);
        const model = generalSentimentModel();
        analyse = (line) => analyseText(model, line);
      } else if (server) {
        // The server owns the warehouse: its model, trained on the same reviews, analyses the texts.
        const results = await sentimentThroughServer(server, texts.filter((line) => line.trim() !== ''));
        let next = 0;
        analyse = () => results[next++] as TextSentiment;
      } else {
        const [{ Warehouse }, { sentimentModelFor }, { SentimentError }] = await Promise.all([
          import('../sql/warehouse.ts'),
          import('../models/sentiment/sentiment-model-store.ts'),
          import('../models/sentiment/sentiment-error.ts'),
        ]);
        warehouse = await Warehouse.open({ path: databasePath, mode: 'sandboxed', create: false });
        let model: import('../models/sentiment/sentiment-model.ts').SentimentModel;
        try {
          model = (await sentimentModelFor(warehouse)).model;
        } catch (error) {
          if (!(error instanceof SentimentError && error.kind === 'no_data')) throw error;
          process.stderr.write(`sentiment: ${error.message}\nsentiment: using the general zh/en lexicon alone until then\n`);
          model = generalSentimentModel();
        }
        analyse = (line) => analyseText(model, line);
      }
      try {
        texts.forEach((line, index) => {
          const where = options.file === undefined ? {} : { line: index + 1 };
          if (line.trim() === '') {
            // Kept as a line of its own so output line n still answers input line n.
            process.stdout.write(`${JSON.stringify({ ...where, text: line, error: 'empty line' })}\n`);
            return;
          }
          const result = analyse(line);
          if (options.json) process.stdout.write(`${JSON.stringify({ ...where, text: line, ...result })}\n`);
          else {
            const aspects = result.aspects.map((aspect) => `${aspect.aspect} ${aspect.polarity}`).join(', ');
            process.stdout.write(`${options.file === undefined ? '' : `${index + 1}: `}${result.label} (${result.score.toFixed(2)})${aspects ? ` · ${aspects}` : ''}\n`);
          }
        });
      } finally {
        warehouse?.close();
      }
    });
}
