import { DEMO_ORDER_NUMBER_PATTERN, OrderNumberFormat } from './orders/order-number-format.ts';
import type { AgentEventListener } from '../agent/agent-events.ts';
import { runAgent } from '../agent/agent-loop.ts';
import type { ChatModel } from '../agent/llm/chat-model.ts';
import { LlmPlanner } from '../agent/llm/llm-planner.ts';
import type { AgentState } from '../agent/planner.ts';
import { DEFAULT_RUN_LIMITS, type RunLimits } from '../agent/stop-rules.ts';
import type { Language } from '../text/language.ts';
import type { SelectEncoder } from '../models/recommendations/recommender-store.ts';
import { loadAsOfDate } from '../sql/semantic/index.ts';
import { readShopSettings } from '../sql/shop-settings.ts';
import type { Warehouse } from '../sql/warehouse.ts';
import { SUPPORT_TOOLS } from './tools/support-tools.ts';
import { commitReplyText } from './commit-reply.ts';
import { commitConfirmation, type CommitOutcome } from './confirmations/commit-confirmation.ts';
import { StaleOrderError } from './confirmations/apply-operation.ts';
import { contextWithDialogue, conversationOfRow, freshDialogue, readConversation, writeDialogue, type DialogueState, type SupportConversationRow } from './dialogue/dialogue-state.ts';
import { recognizeMessage, type Recognition } from './dialogue/recognize-message.ts';
import { threadHistory } from './dialogue/thread-history.ts';
import { currentHandoffTicket } from './handoff/handoff.ts';
import { CitationIndex } from './knowledge/citation-index.ts';
import { seedKnowledgeArticles } from './knowledge/seed-knowledge-articles.ts';
import { KeyedMutex } from '../concurrency/keyed-mutex.ts';
import { replyPartsFromOutcomes } from './llm/reply-from-outcomes.ts';
import { supportSystemPrompt } from './llm/support-system-prompt.ts';
import { claimsCompletedWrite, unsupportedNumbers } from './llm/verify-support-text.ts';
import { findOrderByIdInScope } from './orders/scoped-orders.ts';
import { prefetchOrderReads } from './orders/first-turn-reads.ts';
import { DEFAULT_ORDER_PROBE_LIMITS, OrderProbeThrottle, type OrderProbeLimits } from './orders/order-probe-throttle.ts';
import { probingReplyText } from './render/probing-texts.ts';
import { SupportOfflinePlanner } from './offline/support-offline-planner.ts';
import type { CategoryName, TurnResult } from './offline/turn.ts';
import { APOLOGY_TEXT, HUMAN_OFFER_TEXT, PRIVACY_TEXT, queuedText, say } from './render/reply-texts.ts';
import { systemClock, timestampText, type SupportClock } from './support-clock.ts';
import { SupportError } from './support-error.ts';
import { SupportEventLog, type SupportEvent, type SupportEventType } from './support-events.ts';
import { CONFIRMATION_ACTIONS, type ConfirmationAction, type SupportReply, type SupportMessageInput, type TurnWrites } from './support-reply.ts';
import { SupportSessionSchema, type SupportScope, type SupportSession } from './support-session.ts';
import { DEFAULT_CONFIRMATION_TTL_SECONDS, type SupportRuntime, type SupportToolContext } from './support-tool-context.ts';

export { requestHandoff, takeConversation, resolveConversation, listQueue } from './handoff/handoff.ts';
export type { SupportReply, TurnWrites } from './support-reply.ts';
export { loadCustomerContext, type CustomerContext } from './handoff/customer-context.ts';
export { recordCsatRating, csatRatingOf, CsatRatingError } from './handoff/csat-rating.ts';
export type { SupportScope, SupportSession } from './support-session.ts';

const isConfirmationAction = (intent: string): intent is ConfirmationAction => (CONFIRMATION_ACTIONS as readonly string[]).includes(intent);

/** A support turn runs a few tool calls at most: tighter than analytics, so a looping model stops early. */
export const SUPPORT_RUN_LIMITS: RunLimits = { ...DEFAULT_RUN_LIMITS, maxSteps: 8, maxToolCalls: 5 };
/** Longer messages are cut: nobody types more, and it bounds what reaches the planners. */
export const MAX_MESSAGE_CHARACTERS = 2000;

export interface SupportAgentOptions {
  warehouse: Warehouse;
  /** With a model, messages the offline planner does not understand go to the LLM planner ('auto'). */
  chatModel?: ChatModel;
  /** 'auto' (default): offline when it recognises the message, else the LLM if configured. */
  planner?: 'auto' | 'offline' | 'llm';
  /** Wall clock for confirmation expiry and write timestamps. */
  clock?: SupportClock;
  /** The date policy windows count to (YYYY-MM-DD); default: the data's latest date, re-read every message. */
  policyDate?: string;
  confirmationTtlSeconds?: number;
  /**
   * The shop's order-number format as a regular expression source (default the demo's "SL\\d{8,24}"); an
   * imported shop keeps its own ids, typed with or without "#". Order references in another format are still
   * looked up and reported as not found, never replaced by another order.
   */
  orderNumberPattern?: string;
  /** Text encoder for recommendations (tests pass the hashing encoder). */
  selectEncoder?: SelectEncoder;
  limits?: RunLimits;
  /** Pace of look-ups of order numbers that are not the shopper's, per identity (see OrderProbeThrottle). */
  orderProbeLimits?: OrderProbeLimits;
}

interface TurnContext {
  conversation: SupportConversationRow;
  scope: SupportScope;
  language: Language;
  policyDate: string;
  now: Date;
  /** Set by a server that writes the turn's dialogue state and events with its replies (TurnWrites). */
  deferWrites?: (writes: TurnWrites) => void;
}

function chooseLanguage(session: SupportSession, text: string, dialogue: DialogueState, recognition?: Recognition): Language {
  if (session.language) return session.language;
  // An address quoted in Chinese does not make an English message Chinese, nor an English address a Chinese one English.
  const ownWords = recognition?.address ? text.replace(recognition.address, ' ') : text;
  if (/\p{Script=Han}/u.test(ownWords)) return 'zh';
  if (dialogue.language && recognition && (recognition.yes || recognition.no)) return dialogue.language;
  if (/[a-z]{2,}/i.test(text.replace(/\bsl\d{6,}\b/gi, ''))) return 'en';
  return dialogue.language ?? 'zh';
}

/**
 * The customer-service agent. The server owns conversations and messages; this class answers one shopper
 * message at a time (offline planner by default, the LLM planner for what it does not recognise when a model is
 * configured), keeps the dialogue state in conversations.context, and commits writes only on the shopper's yes.
 */
export class SupportAgent {
  private readonly lock = new KeyedMutex();
  private readonly probes: OrderProbeThrottle;

  private constructor(
    private readonly options: SupportAgentOptions,
    private readonly citations: CitationIndex,
    private readonly categories: CategoryName[],
    private readonly orderNumbers: OrderNumberFormat,
    /** The shop's currency from the warehouse's shop settings (seed / import write them; null: none recorded). */
    private readonly currency: string | null,
  ) {
    this.probes = new OrderProbeThrottle(options.clock ?? systemClock, options.orderProbeLimits ?? DEFAULT_ORDER_PROBE_LIMITS);
  }

  static async create(options: SupportAgentOptions): Promise<SupportAgent> {
    const orderNumbers = new OrderNumberFormat(options.orderNumberPattern ?? DEMO_ORDER_NUMBER_PATTERN);
    if (options.planner === 'llm' && !options.chatModel) throw new SupportError('planner "llm" needs a chatModel: configure SHOPLENS_LLM_* or use planner "auto".', { kind: 'invalid_session' });
    await seedKnowledgeArticles(options.warehouse, { clock: options.clock });
    const citations = await CitationIndex.load(options.warehouse);
    const categories = await options.warehouse.query('SELECT DISTINCT category, any_value(category_zh) AS category_zh FROM products WHERE category IS NOT NULL GROUP BY category ORDER BY category');
    // Read once: seed refuses to run while a server holds the warehouse, and an import through the server creates a new agent.
    const currency = (await readShopSettings(options.warehouse))?.currency ?? null;
    return new SupportAgent(options, citations, categories.rows.map((row) => ({ en: String(row.category), zh: row.category_zh === null ? null : String(row.category_zh) })), orderNumbers, currency);
  }

  private get warehouse(): Warehouse {
    return this.options.warehouse;
  }

  private get clock(): SupportClock {
    return this.options.clock ?? systemClock;
  }

  /**
   * The data's as-of date moves only with seeds and imports (which build a new agent), a day at a time: read at most
   * once a minute instead of scanning events and orders on every turn.
   */
  private asOf: { date: Promise<string>; readAt: number } | undefined;
  /** The turn events of concurrent turns, written together (support-events.ts). */
  private readonly events = new SupportEventLog({ query: (sql, parameters) => this.warehouse.query(sql, parameters), run: (sql, parameters) => this.warehouse.run(sql, parameters) });

  private async policyDate(): Promise<string> {
    if (this.options.policyDate) return this.options.policyDate;
    const now = Date.now();
    if (!this.asOf || now - this.asOf.readAt > 60_000) {
      const date = loadAsOfDate(this.warehouse);
      this.asOf = { date, readAt: now };
      date.catch(() => (this.asOf = undefined));
    }
    return this.asOf.date;
  }

  private parseSession(session: SupportSession, conversationId: string): SupportSession {
    const parsed = SupportSessionSchema.safeParse(session);
    if (!parsed.success) throw new SupportError(`Invalid support session: ${parsed.error.issues.map((issue) => issue.message).join('; ')}. Pass { scope: { kind: 'customer', customerId } }.`, { kind: 'invalid_session', conversationId });
    return parsed.data;
  }

  /** The conversation, if it is a support chat of this shopper; otherwise the same error as a missing one. */
  private async conversationFor(conversationId: string, scope: SupportScope, committedRow?: () => Readonly<Record<string, unknown>> | undefined): Promise<SupportConversationRow> {
    const known = committedRow?.();
    const conversation = known ? conversationOfRow(known) : await readConversation(this.warehouse, conversationId);
    if (!conversation || conversation.customerId !== scope.customerId) {
      throw new SupportError(`No support conversation ${conversationId} for this shopper. The server creates it (conversations row with kind 'support' and customer_id) before the first message.`, { kind: 'conversation_not_found', conversationId });
    }
    if (conversation.kind !== 'support') throw new SupportError(`Conversation ${conversationId} is an ${conversation.kind} conversation, not a support chat. Start a support conversation.`, { kind: 'not_support_conversation', conversationId });
    return conversation;
  }

  /**
   * The shopper's message is stored and their turn will follow: starts reading what a question about their orders
   * reads (see prefetchOrderReads), so shoppers whose messages were stored together share those reads. Never throws:
   * a failed read is the turn's to report when it reads again.
   */
  prefetch(session: SupportSession): void {
    const parsed = SupportSessionSchema.safeParse(session);
    if (!parsed.success) return;
    prefetchOrderReads(this.warehouse, parsed.data.scope).catch(() => undefined);
  }

  /**
   * Answers one shopper message. With `deferWrites` the dialogue state and events are handed to the caller, who must
   * write them with the replies (see TurnWrites); without it they are written here before returning.
   */
  async handleMessage(input: SupportMessageInput): Promise<SupportReply[]> {
    const session = this.parseSession(input.session, input.conversationId);
    return this.lock.run(input.conversationId, async () => {
      const conversation = await this.conversationFor(input.conversationId, session.scope, input.committedRow);
      const text = input.text.normalize('NFC').slice(0, MAX_MESSAGE_CHARACTERS);
      const recognition = recognizeMessage(text, this.orderNumbers);
      const language = chooseLanguage(session, text, conversation.dialogue, recognition);
      if (conversation.state === 'human') return [];
      if (conversation.state === 'queued') {
        const ticketId = (await currentHandoffTicket(this.warehouse, input.conversationId)) ?? '';
        return [{ text: queuedText(ticketId, language), intent: 'handoff', handoff: { state: 'queued', ticketId } }];
      }
      const now = this.clock.now();
      if (conversation.state === 'resolved') {
        // A human closed the last thread: the bot starts over after it, with nothing carried across.
        await this.warehouse.run(`UPDATE conversations SET state = 'bot', updated_at = $now::TIMESTAMP WHERE conversation_id = $id AND state = 'resolved'`, { id: input.conversationId, now: timestampText(now) });
        conversation.state = 'bot';
        conversation.dialogue = freshDialogue(Math.max(conversation.dialogue.threadStartSeq, 0), conversation.dialogue.language);
      }
      const turn: TurnContext = { conversation, scope: session.scope, language, policyDate: await this.policyDate(), now, deferWrites: input.deferWrites };
      const pending = conversation.dialogue.confirmation;
      if (pending && (recognition.yes || recognition.no)) return this.answerConfirmation(turn, pending.confirmationId, recognition.yes);
      // "算了,不取消了" / "never mind, I'll keep it" with a card open declines it; a new request after "never mind" is planned.
      if (pending && recognition.abort && !recognition.intent) return this.answerConfirmation(turn, pending.confirmationId, false);
      const throttled = this.probingReply(turn, text, recognition);
      if (throttled) return this.finishTurn(turn, recognition, throttled, 'probe-throttle');
      const useLlm = this.options.chatModel && (this.options.planner === 'llm' || ((this.options.planner ?? 'auto') === 'auto' && !this.offlineRecognises(recognition, conversation.dialogue)));
      return useLlm ? this.llmTurn(turn, text, recognition, input.onEvent) : this.offlineTurn(turn, text, recognition, input.onEvent);
    });
  }

  async handleConfirmation(input: { conversationId: string; session: SupportSession; confirmationId: string; confirm: boolean; deferWrites?: (writes: TurnWrites) => void }): Promise<SupportReply[]> {
    const session = this.parseSession(input.session, input.conversationId);
    return this.lock.run(input.conversationId, async () => {
      const conversation = await this.conversationFor(input.conversationId, session.scope);
      const language = session.language ?? conversation.dialogue.language ?? 'zh';
      const turn: TurnContext = { conversation, scope: session.scope, language, policyDate: await this.policyDate(), now: this.clock.now(), deferWrites: input.deferWrites };
      return this.answerConfirmation(turn, input.confirmationId, input.confirm);
    });
  }

  /**
   * A message naming an order number, from an identity that looked up too many order numbers not its own: the
   * cooldown or refusal, with a person offered (a plain "yes" takes it up). Other messages go through.
   */
  private probingReply(turn: TurnContext, text: string, recognition: Recognition): TurnResult | undefined {
    const namesOrder = recognition.orderNo !== undefined || recognition.orderNos.length > 0 || /#?[A-Za-z]{0,4}\d{6,}/.test(text);
    if (!namesOrder) return undefined;
    const verdict = this.probes.verdict(turn.scope);
    if (verdict.kind === 'allowed') return undefined;
    return {
      intent: 'order_status',
      text: probingReplyText(verdict, turn.language),
      outcome: 'denied',
      dialogue: { ...turn.conversation.dialogue, handoffOffered: true },
    };
  }

  private offlineRecognises(recognition: Recognition, dialogue: DialogueState): boolean {
    return Boolean(recognition.intent || recognition.orderNo || recognition.yes || recognition.no || dialogue.task || dialogue.handoffOffered);
  }

  private runtime(turn: TurnContext, planner: string): SupportRuntime {
    return {
      scope: turn.scope,
      clock: this.clock,
      policyDate: turn.policyDate,
      confirmationTtlSeconds: this.options.confirmationTtlSeconds ?? DEFAULT_CONFIRMATION_TTL_SECONDS,
      planner,
      selectEncoder: this.options.selectEncoder,
      currency: this.currency,
    };
  }

  private toolContext(turn: TurnContext, planner: string): SupportToolContext {
    return {
      warehouse: this.warehouse,
      language: turn.language,
      asOf: turn.policyDate,
      conversationId: turn.conversation.conversationId,
      customerId: turn.scope.customerId,
      support: this.runtime(turn, planner),
    };
  }

  private async answerConfirmation(turn: TurnContext, confirmationId: string, confirm: boolean): Promise<SupportReply[]> {
    const { conversation, language } = turn;
    let outcome: CommitOutcome;
    try {
      outcome = await commitConfirmation({
        warehouse: this.warehouse, conversationId: conversation.conversationId, scope: turn.scope, confirmationId, confirm,
        now: turn.now, policyDate: turn.policyDate, planner: 'confirmation', language, currency: this.currency,
      });
    } catch (error) {
      if (!(error instanceof StaleOrderError) && !/conflict/i.test((error as Error).message)) throw error;
      // Someone else changed the order (or used the token) at the same moment: nothing was written.
      return [{ text: say(language, 'The order changed while I was updating it, so nothing was changed. Please try again.', '订单刚刚发生了变化,本次没有做任何修改,请重新发起。'), intent: 'confirmation' }];
    }
    const reply = commitReplyText(outcome, language, this.currency);
    const dialogue: DialogueState = {
      ...conversation.dialogue,
      language,
      confirmation: conversation.dialogue.confirmation?.confirmationId === confirmationId ? undefined : conversation.dialogue.confirmation,
      lastOrderNo: ('operation' in outcome ? outcome.operation.orderNo : null) ?? conversation.dialogue.lastOrderNo,
    };
    await this.saveTurn(turn, dialogue, [this.turnEvent(turn, 'turn', reply.intent, `confirmation_${outcome.status}`, 'confirmation')]);
    return [{ text: reply.text, intent: reply.intent, citations: this.citations.citations(reply.sections, language) }];
  }

  private async offlineTurn(turn: TurnContext, text: string, recognition: Recognition, onEvent?: AgentEventListener): Promise<SupportReply[]> {
    const { conversation, language } = turn;
    const planner = new SupportOfflinePlanner({ text, language, recognition, dialogue: { ...conversation.dialogue, language }, categories: this.categories, currency: this.currency });
    const state: AgentState = { question: text, language, asOf: turn.policyDate, history: [], toolOutcomes: [], tools: this.probes.counting(SUPPORT_TOOLS, turn.scope) };
    await runAgent({ planner, state, context: this.toolContext(turn, planner.id), limits: this.options.limits ?? SUPPORT_RUN_LIMITS, onEvent });
    const result: TurnResult = planner.result ?? {
      intent: 'other',
      text: say(language, 'Sorry, I could not finish that. Shall I pass you to a human agent? Reply "yes".', '抱歉,我没能完成这次处理。需要为您转接人工客服吗?回复“是”即可。'),
      outcome: 'error',
      dialogue: { ...conversation.dialogue, handoffOffered: true },
    };
    return this.finishTurn(turn, recognition, result, planner.id);
  }

  private async llmTurn(turn: TurnContext, text: string, recognition: Recognition, onEvent?: AgentEventListener): Promise<SupportReply[]> {
    const { conversation, language, scope } = turn;
    const model = this.options.chatModel as ChatModel;
    const guestOrder = scope.kind === 'guest-order' ? await findOrderByIdInScope(this.warehouse, scope, scope.orderId) : undefined;
    const planner = new LlmPlanner({ model, systemPrompt: (state) => supportSystemPrompt(state, scope, guestOrder?.order_no) });
    const history = await threadHistory(this.warehouse, conversation.conversationId, conversation.dialogue.threadStartSeq, text);
    // No token streaming: the text is checked against the tool results before the shopper sees any of it.
    const state: AgentState = { question: text, language, asOf: turn.policyDate, history, toolOutcomes: [], tools: this.probes.counting(SUPPORT_TOOLS, turn.scope) };
    const run = await runAgent({ planner, state, context: this.toolContext(turn, planner.id), limits: this.options.limits ?? SUPPORT_RUN_LIMITS, onEvent });
    const parts = replyPartsFromOutcomes(state.toolOutcomes, language);
    const modelText = run.ending.type === 'answer' ? run.ending.text?.trim() ?? '' : '';
    const trusted = modelText !== '' && unsupportedNumbers(modelText, state.toolOutcomes, text).length === 0 && !claimsCompletedWrite(modelText);
    const understood = run.ending.type === 'answer' && (trusted || state.toolOutcomes.some((outcome) => outcome.ok));
    const dialogue = conversation.dialogue;
    const result: TurnResult = {
      intent: parts.intent,
      text: trusted ? modelText : parts.fallbackText,
      outcome: parts.handoff ? 'handoff' : parts.confirmation ? 'awaiting_confirmation' : understood ? 'answered' : 'not_understood',
      table: parts.table,
      citations: parts.citations,
      confirmation: parts.confirmation && { confirmationId: parts.confirmation.confirmationId, summary: parts.confirmation.summary, expiresAt: parts.confirmation.expiresAt, ...(isConfirmationAction(parts.confirmation.intent) ? { action: parts.confirmation.intent } : {}) },
      handoff: parts.handoff,
      dialogue: {
        ...dialogue,
        task: parts.handoff || parts.confirmation ? undefined : dialogue.task,
        confirmation: parts.handoff ? undefined : parts.confirmation ? { confirmationId: parts.confirmation.confirmationId, intent: parts.confirmation.intent, expiresAt: parts.confirmation.expiresAt } : dialogue.confirmation,
        misunderstood: understood ? 0 : dialogue.misunderstood + 1,
        lastOrderNo: parts.lastOrderNo ?? dialogue.lastOrderNo,
      },
    };
    return this.finishTurn(turn, recognition, result, planner.id, trusted ? undefined : 'llm_text_replaced');
  }

  /** Adds the privacy note and the offer of a human where they apply, saves the dialogue and logs the turn. */
  private async finishTurn(turn: TurnContext, recognition: Recognition, result: TurnResult, planner: string, note?: string): Promise<SupportReply[]> {
    const { language, conversation } = turn;
    let text = result.text;
    let dialogue: DialogueState = { ...result.dialogue, language };
    const sections = [...(result.citations ?? [])];
    if (recognition.injection) {
      text = `${PRIVACY_TEXT[language]} ${text}`;
      sections.push('P6 privacy');
    }
    if (recognition.angry && !result.handoff && !result.confirmation) {
      text = `${APOLOGY_TEXT[language]} ${text} ${HUMAN_OFFER_TEXT[language]}`;
      dialogue = { ...dialogue, handoffOffered: true };
    }
    const events = [this.turnEvent(turn, 'turn', result.intent, note ? `${result.outcome}:${note}` : result.outcome, planner)];
    if (recognition.injection) events.push(this.turnEvent(turn, 'injection_suspected', result.intent, undefined, planner));
    if (dialogue.handoffOffered && !conversation.dialogue.handoffOffered) events.push(this.turnEvent(turn, 'handoff_offered', result.intent, undefined, planner));
    // After a hand-off the conversation state belongs to the hand-off machine; only the dialogue is saved here.
    await this.saveTurn(turn, dialogue, events);
    const reply: SupportReply = { text: text.trim(), intent: result.intent };
    if (result.table && result.table.rows.length > 0) reply.table = result.table;
    if (result.confirmation) reply.confirmation = result.confirmation;
    if (result.handoff) reply.handoff = result.handoff;
    const citations = this.citations.citations(sections, language);
    if (citations) reply.citations = citations;
    return [reply];
  }

  private turnEvent(turn: TurnContext, type: SupportEventType, intent: string, outcome: string | undefined, planner: string): SupportEvent {
    return { at: turn.now, conversationId: turn.conversation.conversationId, customerId: turn.scope.customerId, type, intent, outcome, planner, language: turn.language };
  }

  /** The dialogue state and the turn's events: handed to the server's reply commit when it takes them, else written now. */
  private async saveTurn(turn: TurnContext, dialogue: DialogueState, events: SupportEvent[]): Promise<void> {
    if (turn.deferWrites) {
      turn.deferWrites({ context: contextWithDialogue(turn.conversation, dialogue), events });
      return;
    }
    await writeDialogue(this.warehouse, turn.conversation, dialogue, turn.now);
    for (const event of events) await this.events.record(event);
  }
}
