import { performance } from 'node:perf_hooks';
import { currentProfile, loadAsOfDate, loadAvailableTables } from '../sql/semantic/index.ts';
import { valueIndexFor, type ValueIndex } from '../sql/values/value-index.ts';
import type { Warehouse } from '../sql/warehouse.ts';
import { behaviourReader } from '../sql/engine/behaviour-reader.ts';
import { readShopSettings } from '../sql/shop-settings.ts';
import { withCurrency, withTimeZone } from '../presentation/result-table.ts';
import { ANALYTICS_TOOLS } from './tools/analytics-tools.ts';
import type { AgentEventListener } from '../agent/agent-events.ts';
import { runAgent } from '../agent/agent-loop.ts';
import type { Answer } from './answer/answer.ts';
import { buildAnswer } from './answer/build-answer.ts';
import { ConversationStore } from '../agent/conversation-store.ts';
import { detectLanguage } from '../text/detect-language.ts';
import { loadChineseReadings } from '../text/chinese-sound.ts';
import type { ChatModel } from '../agent/llm/chat-model.ts';
import { LlmPlanner } from '../agent/llm/llm-planner.ts';
import { analyticsSystemPrompt } from './analytics-system-prompt.ts';
import type { DataWindow } from './understanding/build-request.ts';
import { OfflinePlanner } from './understanding/offline-planner.ts';
import { warmUpPlanner } from './planner-warm-up.ts';
import { CONFIDENCE_THRESHOLD, type Understanding } from './understanding/understanding.ts';
import type { AgentState, Planner } from '../agent/planner.ts';
import type { AnyTool } from '../agent/tool.ts';
import type { TranscriptEntry } from '../agent/transcript.ts';

export interface AskOptions {
  conversationId?: string;
  onEvent?: AgentEventListener;
  /** Cancels the run: tools stop their long work (model training) and the loop ends the turn. */
  signal?: AbortSignal;
  /** 'auto' (default) routes by the offline planner's confidence; the others force a planner (evals, tests). */
  planner?: 'auto' | 'offline' | 'llm';
}

export interface AskOutcome {
  answer: Answer;
  transcript: TranscriptEntry[];
  conversationId: string;
  /** Why this planner answered, for the transcript. */
  routing: string;
}

/**
 * Tools whose reads of the behaviour tables go through the semantic layer, the SQL guard, the value index or
 * behaviourReader, and so work when those tables live in ClickHouse (every tool of ANALYTICS_TOOLS today). A tool
 * added without that would read the DuckDB state file's empty tables, so anything not listed refuses there. Models,
 * embeddings and their caches are stored in the DuckDB state file on every engine (docs/clickhouse.md).
 */
export const ENGINE_READY_TOOLS: ReadonlySet<string> = new Set([
  'query_metrics', 'run_sql', 'list_metrics', 'search_values', 'describe_schema', 'forecast_metric', 'frequently_bought_together',
  'search_reviews', 'cluster_queries', 'review_insights', 'recommend_products', 'predict_purchase', 'find_anomalies',
  'segment_customers',
]);

export class EngineToolUnavailableError extends Error {
  override readonly name = 'EngineToolUnavailableError';

  constructor(readonly toolName: string, location: string) {
    super(`${toolName} does not run on ClickHouse warehouses yet (${location}); ask it of a DuckDB warehouse, or ask a metrics question.`);
  }
}

/** Safety refusals are always the offline planner's call; an LLM never gets a chance to talk itself past them. */
function llmShouldAnswer(understanding: Understanding): boolean {
  if (understanding.kind === 'refuse') return understanding.reason === 'off_topic';
  if (understanding.kind === 'clarify') return true;
  if (understanding.kind === 'model') return false;
  return understanding.confidence < CONFIDENCE_THRESHOLD;
}

export async function loadDataWindow(warehouse: Warehouse): Promise<DataWindow> {
  const asOf = await loadAsOfDate(warehouse);
  // Written to run on DuckDB and ClickHouse alike: a DATE comes back as YYYY-MM-DD from both.
  const result = await behaviourReader(warehouse).query(
    `SELECT CAST(least(coalesce((SELECT min(event_time) FROM events), (SELECT min(created_at) FROM orders)),
                       coalesce((SELECT min(created_at) FROM orders), (SELECT min(event_time) FROM events))) AS DATE) AS start`,
  );
  return { start: String(result.rows[0]?.start ?? asOf), asOf };
}

/**
 * The analytics agent: routes each question to the offline planner when it is confident, to the LLM
 * planner (when configured) otherwise, runs the agent loop, and persists the turn for follow-ups.
 */
export class AnalyticsAgent {
  private constructor(
    private readonly warehouse: Warehouse,
    private readonly window: DataWindow,
    private readonly values: ValueIndex,
    private readonly store: ConversationStore,
    private readonly tools: AnyTool[],
    private readonly llmPlanner?: LlmPlanner,
    private readonly currency: string | null = null,
  ) {}

  static async create(options: { warehouse: Warehouse; chatModel?: ChatModel; tools?: AnyTool[] }): Promise<AnalyticsAgent> {
    const window = await loadDataWindow(options.warehouse);
    const values = await valueIndexFor(options.warehouse);
    const tables = await loadAvailableTables(options.warehouse);
    const llmPlanner = options.chatModel
      ? new LlmPlanner({ model: options.chatModel, systemPrompt: (state) => analyticsSystemPrompt(state, tables) })
      : undefined;
    // Amount columns of every tool result carry the shop's currency, for the planner, narrative, table and chart alike.
    const shop = await readShopSettings(options.warehouse);
    const currency = shop?.currency ?? null;
    const engine = options.warehouse.behaviourEngine;
    const tools = (options.tools ?? ANALYTICS_TOOLS).map((tool): AnyTool => ({
      ...tool,
      execute: async (argumentsValue, context) => {
        if (engine && !ENGINE_READY_TOOLS.has(tool.name)) throw new EngineToolUnavailableError(tool.name, engine.location);
        return withTimeZone(withCurrency(await tool.execute(argumentsValue, context), currency), shop?.timeZone);
      },
    }));
    // One-time setup a question would otherwise pay inside its reading (timings.planner_ms): the homophone table.
    loadChineseReadings();
    return new AnalyticsAgent(options.warehouse, window, values, new ConversationStore(options.warehouse), tools, llmPlanner, currency);
  }

  get asOf(): string {
    return this.window.asOf;
  }

  /**
   * Reads and compiles a fixed set of questions (planner-warm-up.ts) so a server's first answers do not pay the
   * planner's first-use costs; the server calls it once it is ready. Runs nothing in DuckDB, stores nothing.
   */
  async warmUp(): Promise<number> {
    const tables = await loadAvailableTables(this.warehouse);
    return warmUpPlanner({ values: this.values, window: this.window, tables });
  }

  async ask(question: string, options: AskOptions = {}): Promise<AskOutcome> {
    const started = performance.now();
    const language = detectLanguage(question);
    const conversationId = options.conversationId ?? (await this.store.create('analytics', { title: question.slice(0, 80), language }));
    const history = options.conversationId ? await this.store.history(conversationId) : [];
    const state: AgentState = {
      question,
      language,
      asOf: this.window.asOf,
      history,
      toolOutcomes: [],
      tools: this.tools,
      emitTextDelta: options.onEvent ? (delta) => options.onEvent?.({ type: 'text-delta', delta }) : undefined,
    };
    const offline = new OfflinePlanner({
      profile: await currentProfile(this.warehouse),
      values: this.values,
      window: this.window,
      llmAvailable: Boolean(this.llmPlanner),
      currency: this.currency,
      hasSegments: async () => (await this.warehouse.query("SELECT count(*) AS tables FROM duckdb_tables() WHERE schema_name = 'shoplens_cache' AND table_name = 'user_segments'")).rows[0]?.tables === 1,
    });
    const understandingStarted = performance.now();
    const understanding = offline.understand(state);
    const plannerMs = performance.now() - understandingStarted;
    let planner: Planner = offline;
    let routing = `offline (confidence ${understanding.confidence.toFixed(2)})`;
    const choice = options.planner ?? 'auto';
    if (choice === 'llm' && !this.llmPlanner) throw new Error('No LLM is configured: set SHOPLENS_LLM_BASE_URL, SHOPLENS_LLM_MODEL and SHOPLENS_LLM_API_KEY.');
    if (this.llmPlanner && (choice === 'llm' || (choice === 'auto' && llmShouldAnswer(understanding)))) {
      planner = this.llmPlanner;
      routing = choice === 'llm' ? 'llm: requested' : `llm: offline planner was not confident (${understanding.kind}, confidence ${understanding.confidence.toFixed(2)})`;
    }
    const context = { warehouse: this.warehouse, language, asOf: this.window.asOf, conversationId, signal: options.signal };
    const run = await runAgent({ planner, state, context, onEvent: options.onEvent });
    options.onEvent?.({ type: 'phase', phase: 'chart' });
    options.onEvent?.({ type: 'phase', phase: 'narrative' });
    const answer = buildAnswer({
      run,
      dataWindow: this.window,
      question,
      language,
      asOf: this.window.asOf,
      conversationId,
      totalMs: performance.now() - started,
      plannerMs,
      labelValue: (columnId, value, answerLanguage) => this.values.label(columnId, value, answerLanguage),
    });
    const memory = planner.memoryOf?.(state);
    // A follow-up chip is offered only if the offline planner would answer it, given this turn.
    if (answer.follow_ups.length > 0) {
      const checking = performance.now();
      const history = [...state.history, { question, memory }];
      const answerable: string[] = [];
      // In the chips' order, and only until three are found: each check is a full reading of the question.
      for (const chip of answer.follow_ups) {
        if (answerable.length === 3) break;
        const reading = offline.understandFresh({ ...state, question: chip, history, toolOutcomes: [] });
        // A comparison with a period the data does not cover would only ask back ("GMV by segment" over all the data).
        const compareTo = reading.kind === 'analysis' ? (reading.request.query as { compareTo?: { start?: string; end?: string } }).compareTo : undefined;
        const uncovered = compareTo?.start !== undefined && compareTo.end !== undefined && (compareTo.end < this.window.start || compareTo.start > this.window.asOf);
        if ((reading.kind === 'analysis' && !reading.clarification && reading.confidence >= CONFIDENCE_THRESHOLD && !uncovered) || reading.kind === 'model') answerable.push(chip);
      }
      answer.follow_ups = answerable;
      answer.timings.planner_ms = Math.round(((answer.timings.planner_ms ?? 0) + performance.now() - checking) * 100) / 100;
    }
    await this.store.append(conversationId, [
      { role: 'user', content: question },
      { role: 'assistant', content: answer.answer, payload: { memory, status: answer.status, planner: run.planner, sql: answer.sql } },
    ]);
    return { answer, transcript: run.transcript.entries, conversationId, routing };
  }
}
