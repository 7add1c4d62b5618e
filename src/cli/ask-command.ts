import type { Command } from 'commander';
import type { Answer } from '../analytics/answer/answer.ts';
import { commandWarehouse, openCommandWarehouse, WAREHOUSE_OPTION_DESCRIPTION } from './command-warehouse.ts';
import { createProgressReporter, type ProgressReporter } from './progress-reporter.ts';
import { postToServer, runningServerFor } from './running-server.ts';

/**
 * A question with something to answer: not empty, not only spaces or punctuation, not a novel. Built on first use:
 * `shoplens --help` imports this module and must not load zod.
 */
async function questionSchema() {
  const { z } = await import('zod');
  return z
    .string()
    .transform((text) => text.trim())
    .refine((text) => /[\p{L}\p{N}]/u.test(text), {
      message: 'The question is empty. Ask something, e.g. shoplens ask "GMV by city tier last month" or shoplens ask "上周哪个品类的转化率最高?"',
    })
    .refine((text) => text.length <= 4000, { message: 'The question is longer than 4000 characters. Ask a shorter question.' });
}

export class InvalidQuestionError extends Error {
  override readonly name = 'InvalidQuestionError';
  readonly parameter = 'question';
}

function printAnswer(answer: Answer, formatAnswerTable: (answer: Answer) => string): string {
  const lines = [answer.answer];
  if (answer.rows.length > 0) lines.push('', formatAnswerTable(answer));
  if (answer.clarification?.options.length) lines.push('', `→ ${answer.clarification.options.join(' | ')}`);
  if (answer.sql) lines.push('', 'SQL:', answer.sql);
  if (answer.assumptions.length) lines.push('', ...answer.assumptions.map((assumption) => `• ${assumption}`));
  if (answer.follow_ups.length) lines.push('', `${answer.language === 'zh' ? '接着问' : 'Next'}: ${answer.follow_ups.join(' | ')}`);
  lines.push('', `[${answer.status} · ${answer.planner} · ${answer.timings.total_ms} ms · conversation ${answer.conversation_id}]`);
  return lines.join('\n');
}

export function registerAskCommand(program: Command): void {
  program
    .command('ask')
    .description('Ask the analytics agent a question in Chinese or English.')
    .argument('<question>', 'e.g. "上周哪个品类的转化率最高?" or "GMV by city tier last month"')
    .option('--json', 'print one JSON object (status, answer, sql, columns, rows, chart, assumptions, planner, as_of …)')
    .option('--conversation <id>', 'continue a conversation (follow-up questions)')
    .option('--db <path>', 'warehouse file (default: $SHOPLENS_DB or data/shoplens.duckdb)')
    .option('--warehouse <url>', WAREHOUSE_OPTION_DESCRIPTION)
    .action(async (rawQuestion: string, options: { json?: boolean; conversation?: string; db?: string; warehouse?: string }) => {
      const parsed = (await questionSchema()).safeParse(rawQuestion);
      if (!parsed.success) throw new InvalidQuestionError(parsed.error.issues[0]?.message ?? 'The question is not valid.');
      const question = parsed.data;
      const target = commandWarehouse(options);
      const server = await runningServerFor(target.lockPath);
      const { formatAnswerTable } = await import('./format-answer-table.ts');
      if (server) {
        // The server owns the warehouse: ask it (same agent, same conversations), as the README's second terminal does.
        const { AnswerSchema } = await import('../analytics/answer/answer.ts');
        const answer = AnswerSchema.parse(await postToServer(server, '/api/ask', { question, ...(options.conversation ? { conversationId: options.conversation } : {}) }));
        process.stdout.write(options.json ? `${JSON.stringify(answer)}\n` : `${printAnswer(answer, formatAnswerTable)}\n`);
        if (answer.status === 'error') process.exitCode = 1;
        return;
      }
      const [{ AnalyticsAgent }, { llmConfigurationFromEnvironment }, { DEFAULT_QUERY_MEMORY_LIMIT }] = await Promise.all([
        import('../analytics/analytics-agent.ts'),
        import('../agent/llm/llm-configuration.ts'),
        import('../sql/guard/index.ts'),
      ]);
      const warehouse = await openCommandWarehouse(target, { mode: 'sandboxed', memoryLimit: DEFAULT_QUERY_MEMORY_LIMIT });
      try {
        const llm = llmConfigurationFromEnvironment();
        // LangChain is loaded only when an LLM is configured: the offline planner needs none of it.
        const chatModel = llm ? new (await import('../agent/llm/langchain-chat-model.ts')).LangChainChatModel(llm) : undefined;
        const agent = await AnalyticsAgent.create({ warehouse, chatModel });
        // A model trained at question time reports its progress on stderr (stdout keeps the answer).
        let reporter: Promise<ProgressReporter> | undefined;
        const outcome = await agent.ask(question, {
          conversationId: options.conversation,
          onEvent: (event) => {
            if (event.type !== 'tool-progress') return;
            reporter ??= createProgressReporter(`${event.toolName} training`);
            void reporter.then((progress) => progress.report({ phase: event.phase, done: event.percent, total: 100 }));
          },
        });
        if (reporter) (await reporter).done();
        process.stdout.write(options.json ? `${JSON.stringify(outcome.answer)}\n` : `${printAnswer(outcome.answer, formatAnswerTable)}\n`);
        if (outcome.answer.status === 'error') process.exitCode = 1;
      } finally {
        warehouse.close();
      }
    });
}
