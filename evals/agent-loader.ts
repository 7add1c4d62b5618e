import { z } from 'zod';
import type { Warehouse } from '../src/sql/warehouse.ts';

/** The part of an Answer the eval reads and stores; parsed loosely so the eval survives Answer additions. */
export const evalAnswerSchema = z
  .object({
    status: z.string(),
    answer: z.string().default(''),
    sql: z.string().nullable().default(null),
    columns: z.array(z.object({ id: z.string() }).loose()).default([]),
    rows: z.array(z.record(z.string(), z.unknown())).default([]),
    truncated: z.boolean().default(false),
    assumptions: z.array(z.string()).default([]),
    planner: z.string().default('unknown'),
    as_of: z.string().optional(),
    timings: z.object({ total_ms: z.number().optional(), duckdb_ms: z.number().optional() }).loose().default({}),
  })
  .loose();
export type EvalAnswer = z.infer<typeof evalAnswerSchema>;

export const evalOutcomeSchema = z
  .object({
    answer: evalAnswerSchema,
    transcript: z.array(z.unknown()).default([]),
    conversationId: z.string(),
    routing: z.string().optional(),
  })
  .loose();
export type EvalOutcome = z.infer<typeof evalOutcomeSchema>;

export type PlannerChoice = 'auto' | 'offline' | 'llm';

/** What the eval needs from the analytics agent. */
export interface EvalAgent {
  ask(question: string, options: { conversationId?: string }): Promise<EvalOutcome>;
}

export class AgentLoadError extends Error {
  override readonly name = 'AgentLoadError';
  readonly modulePath: string;

  constructor(message: string, options: { modulePath: string; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.modulePath = options.modulePath;
  }
}

type AgentClass = { create(options: unknown): Promise<unknown> };
// A class is a function, so its static create is checked by hand rather than with z.object.
const agentModuleSchema = z.object({
  AnalyticsAgent: z.custom<AgentClass>(
    (value) => typeof value === 'function' && typeof (value as { create?: unknown }).create === 'function',
    { message: 'AnalyticsAgent must be a class with a static create(options) method' },
  ),
});
const agentInstanceSchema = z.object({ ask: z.custom<(question: string, options: unknown) => Promise<unknown>>((value) => typeof value === 'function') }).loose();
const llmConfigurationModuleSchema = z.object({ llmConfigurationFromEnvironment: z.custom<() => unknown>((value) => typeof value === 'function') }).loose();
const chatModelModuleSchema = z.object({ LangChainChatModel: z.custom<new (configuration: unknown) => unknown>((value) => typeof value === 'function') }).loose();

const AGENT_MODULE = new URL('../src/analytics/analytics-agent.ts', import.meta.url).href;
const LLM_CONFIGURATION_MODULE = new URL('../src/agent/llm/llm-configuration.ts', import.meta.url).href;
const CHAT_MODEL_MODULE = new URL('../src/agent/llm/langchain-chat-model.ts', import.meta.url).href;

async function importModule<T>(href: string, schema: z.ZodType<T>, what: string): Promise<T> {
  let loaded: unknown;
  try {
    loaded = await import(href);
  } catch (error) {
    throw new AgentLoadError(`Could not load ${what} from ${href}: ${(error as Error).message}. Is the agent in src/agent complete?`, {
      modulePath: href,
      cause: error,
    });
  }
  const parsed = schema.safeParse(loaded);
  if (!parsed.success) {
    throw new AgentLoadError(`${href} does not export ${what} in the shape the eval expects; see evals/README.md.`, {
      modulePath: href,
      cause: parsed.error,
    });
  }
  return parsed.data;
}

/** A chat model from SHOPLENS_LLM_* when configured, so `--planner auto|llm` can use the LLM planner. */
async function chatModelFromEnvironment(): Promise<unknown> {
  const { llmConfigurationFromEnvironment } = await importModule(LLM_CONFIGURATION_MODULE, llmConfigurationModuleSchema, 'llmConfigurationFromEnvironment');
  const configuration = llmConfigurationFromEnvironment();
  if (configuration === undefined) return undefined;
  const { LangChainChatModel } = await importModule(CHAT_MODEL_MODULE, chatModelModuleSchema, 'LangChainChatModel');
  return new LangChainChatModel(configuration);
}

/**
 * Loads src/analytics/analytics-agent.ts at run time (the eval's code does not depend on the agent's types, so it
 * builds and its unit tests run while the agent changes) and wraps it in the narrow EvalAgent interface.
 */
export async function loadAnalyticsAgent(options: { warehouse: Warehouse; planner: PlannerChoice }): Promise<EvalAgent> {
  const { AnalyticsAgent } = await importModule(AGENT_MODULE, agentModuleSchema, 'AnalyticsAgent');
  const chatModel = options.planner === 'offline' ? undefined : await chatModelFromEnvironment();
  if (options.planner === 'llm' && chatModel === undefined) {
    throw new AgentLoadError('--planner llm needs an LLM: set SHOPLENS_LLM_BASE_URL, SHOPLENS_LLM_MODEL and SHOPLENS_LLM_API_KEY.', {
      modulePath: LLM_CONFIGURATION_MODULE,
    });
  }
  const agent = agentInstanceSchema.parse(await AnalyticsAgent.create({ warehouse: options.warehouse, chatModel }));
  return {
    async ask(question, askOptions) {
      const outcome = await agent.ask(question, { conversationId: askOptions.conversationId, planner: options.planner });
      return evalOutcomeSchema.parse(outcome);
    },
  };
}
