import type { WarehouseProfile } from '../../sql/semantic/index.ts';
import type { ValueIndex } from '../../sql/values/value-index.ts';
import type { AnalysisRequest } from '../analysis/analysis-request.ts';
import type { NextStep } from '../../agent/next-step.ts';
import type { AgentState, Planner } from '../../agent/planner.ts';
import type { DataWindow } from './build-request.ts';
import { readingOf } from './restate-request.ts';
import { understandQuestion, type Focus } from './understand-question.ts';
import { CONFIDENCE_THRESHOLD, type Understanding } from './understanding.ts';

const CONFIRM = /^\s*(yes|yep|yeah|sure|ok|okay|correct|right|yes, as understood|是|是的|对|对的|没错|好|好的|可以|嗯|就按这个理解)\s*[.!。!]?\s*$/i;

/** Memory of a turn: the request answered, or the reading offered in a clarifying question. */
export interface OfflineMemory {
  request?: AnalysisRequest;
  pending?: AnalysisRequest;
  /** The answer's leading row, for "that category" / "它" in the next question. */
  focus?: Focus;
}

function memoryParts(memory: unknown): OfflineMemory {
  if (typeof memory !== 'object' || memory === null) return {};
  const candidate = memory as OfflineMemory & { analysis?: string };
  if (candidate.analysis) return { request: memory as AnalysisRequest };
  return candidate;
}

/**
 * The built-in planner: a bilingual semantic parser, no network. One query_metrics call, then the
 * answer is narrated from the result rows. Low confidence becomes a clarifying question, never a guess.
 */
export class OfflinePlanner implements Planner {
  readonly id = 'offline';
  private readonly understandings = new WeakMap<AgentState, Understanding>();

  constructor(private readonly resources: { values: ValueIndex; window: DataWindow; llmAvailable?: boolean; hasSegments?: () => Promise<boolean>; profile?: WarehouseProfile; currency?: string | null }) {}

  /** A metrics request split or filtered by customer segment needs user_segments, which segment_customers writes. */
  private async needsSegmentation(request: AnalysisRequest): Promise<boolean> {
    const query = request.query as { dimensions?: string[]; filters?: { dimension: string }[] };
    const usesSegment = (query.dimensions ?? []).includes('segment') || (query.filters ?? []).some((filter) => filter.dimension === 'segment');
    return usesSegment && this.resources.hasSegments !== undefined && !(await this.resources.hasSegments());
  }

  private read(state: AgentState, fixedPhrasing = false): Understanding {
    const last = memoryParts(state.history[state.history.length - 1]?.memory);
    if (last.pending && CONFIRM.test(state.question)) {
      return { kind: 'analysis', request: last.pending, confidence: 0.9, notes: ['confirmed the reading offered in the previous turn'] };
    }
    // An answer to our clarifying question ("Women's Clothing" after "did you mean …?") refines the reading we
    // offered; otherwise a refused or clarifying turn in between does not break the thread.
    const previous = last.pending ? { request: last.pending, focus: undefined } : [...state.history].reverse().map((turn) => memoryParts(turn.memory)).find((memory) => memory.request);
    return understandQuestion({ question: state.question, language: state.language, window: this.resources.window, values: this.resources.values, previous: previous?.request, focus: previous?.focus, profile: this.resources.profile, fixedPhrasing, refinesOffered: last.pending !== undefined, currency: this.resources.currency });
  }

  /**
   * A reading of a state this planner is not running: a follow-up chip, checked for answerability before it is
   * offered. A chip is one of a few fixed phrasings, so the reading of its words alone is kept (word-readings.ts).
   */
  understandFresh(state: AgentState): Understanding {
    return this.read(state, true);
  }

  /** The reading of this run's question, computed once: the router asks first, then the loop reuses it. */
  understand(state: AgentState): Understanding {
    let understanding = this.understandings.get(state);
    if (!understanding) {
      understanding = this.read(state);
      this.understandings.set(state, understanding);
    }
    return understanding;
  }

  async next(state: AgentState): Promise<NextStep> {
    const understanding = this.understand(state);
    const [first] = state.toolOutcomes;
    if (first?.toolName === 'segment_customers' && first.ok && state.toolOutcomes.length === 1 && understanding.kind === 'analysis') {
      return { type: 'tool-call', callId: 'offline-2', toolName: 'query_metrics', arguments: understanding.request, rationale: 'segments are computed; now the metric by segment' };
    }
    if (state.toolOutcomes.length > 0) return { type: 'answer' };
    switch (understanding.kind) {
      case 'refuse':
        return { type: 'refuse', reason: understanding.message };
      case 'clarify':
        return { type: 'clarify', question: understanding.question, options: understanding.options };
      case 'model': {
        if (!state.tools.some((tool) => tool.name === understanding.toolName)) {
          return {
            type: 'refuse',
            reason: state.language === 'zh' ? `这个问题需要 ${understanding.toolName} 模型,当前没有启用。` : `This question needs the ${understanding.toolName} model, which is not enabled here.`,
          };
        }
        return { type: 'tool-call', callId: 'offline-1', toolName: understanding.toolName, arguments: understanding.arguments, rationale: understanding.notes.join('; ') };
      }
      case 'analysis': {
        if (understanding.clarification) return { type: 'clarify', question: understanding.clarification.question, options: understanding.clarification.options };
        if (understanding.confidence < CONFIDENCE_THRESHOLD) {
          const reading = readingOf(understanding.request, state.language, (dimension, value, language) => this.resources.values.label(dimension, value, language)) ?? '';
          return {
            type: 'clarify',
            question: state.language === 'zh' ? `我不确定是否理解正确。您是想看:${reading}?` : `I am not sure I understood. Do you mean: ${reading}?`,
            options: state.language === 'zh' ? ['是', '换个问法'] : ['yes', 'rephrase'],
          };
        }
        if ((await this.needsSegmentation(understanding.request)) && state.tools.some((tool) => tool.name === 'segment_customers')) {
          return { type: 'tool-call', callId: 'offline-1', toolName: 'segment_customers', arguments: { method: 'rfm' }, rationale: 'no customer segments yet: compute them first' };
        }
        return {
          type: 'tool-call',
          callId: 'offline-1',
          toolName: 'query_metrics',
          arguments: understanding.request,
          rationale: `${understanding.notes.join('; ')}; confidence ${understanding.confidence.toFixed(2)}`,
        };
      }
    }
  }

  memoryOf(state: AgentState): OfflineMemory {
    const understanding = this.understand(state);
    if (understanding.kind !== 'analysis') return {};
    if (understanding.confidence < CONFIDENCE_THRESHOLD) return { pending: understanding.request };
    return { request: understanding.request, focus: focusOf(state) };
  }
}

const MAX_SHOWN_ROWS = 20;

/**
 * The answer's leading row: the value of its first non-time dimension (e.g. { category: 'Laptops' }) and the day,
 * week or month it stands for when the answer was over time.
 */
function focusOf(state: AgentState): Focus | undefined {
  const result = state.toolOutcomes.find((outcome) => outcome.ok)?.result as { columns?: { id: string; role: string }[]; rows?: Record<string, unknown>[] } | undefined;
  const first = result?.rows?.[0];
  const dimension = result?.columns?.find((column) => column.role === 'dimension' && !['day', 'week', 'month', 'hour', 'weekday'].includes(column.id));
  const value = dimension ? first?.[dimension.id] : undefined;
  const grain = result?.columns?.find((column) => column.role === 'dimension' && ['day', 'week', 'month'].includes(column.id))?.id as 'day' | 'week' | 'month' | undefined;
  const start = grain ? first?.[grain] : undefined;
  // The rows shown, for "each of them" (a long list is not one anybody points at).
  const shownValues = dimension ? (result?.rows ?? []).map((row) => row[dimension.id]).filter((cell): cell is string | number => typeof cell === 'string' || typeof cell === 'number').map(String) : [];
  const focus: Focus = {
    ...(dimension && (typeof value === 'string' || typeof value === 'number') ? { dimension: dimension.id, value: String(value) } : {}),
    ...(dimension && shownValues.length > 1 && shownValues.length <= MAX_SHOWN_ROWS ? { shown: { dimension: dimension.id, values: shownValues } } : {}),
    ...(grain && typeof start === 'string' ? { period: { grain, start: start.slice(0, 10) } } : {}),
  };
  return focus.dimension !== undefined || focus.period !== undefined ? focus : undefined;
}
