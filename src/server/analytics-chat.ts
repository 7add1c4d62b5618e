import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io';
import type { AnalyticsAgent } from '../analytics/analytics-agent.ts';
import { AnswerSchema, type Answer } from '../analytics/answer/answer.ts';
import { detectLanguage } from '../text/detect-language.ts';
import { principalKey, type Principal } from './auth/tokens.ts';
import { roomOf, type ChatHub } from './chat-hub.ts';
import { toRequestError } from './client-events.ts';
import type { StoredMessage } from './conversation-repository.ts';
import type { Acknowledgement } from './protocol.ts';
import { ServerRequestError } from './server-errors.ts';
import { wireEventOfAgentEvent } from './agent-event-wire.ts';

/** The part of AnalyticsAgent the server uses (tests may pass a stand-in). */
export type AnalyticsAsker = Pick<AnalyticsAgent, 'ask'>;

export interface AnalyticsOutcome {
  conversationId: string;
  seq: number;
  answer: Answer;
  duplicate: boolean;
  /** For duplicates: the stored question and reply, to send again. */
  stored?: StoredMessage[];
}

const TEXT_CHUNK = 24;

/**
 * Analytics chat: runs AnalyticsAgent.ask with its progress streamed to the conversation's room. The agent's
 * own ConversationStore persists the question and the answer together at the end of the run, so here the
 * acknowledgement comes when the answer is stored; the server then tags the question with its idempotency key
 * and the answer row with the full Answer, so retries and resumes get it back without running anything.
 */
export class AnalyticsChat {
  /** Turns in progress by stream id, so their asker can cancel them. */
  private readonly running = new Map<string, { conversationId: string; controller: AbortController }>();

  constructor(
    private readonly hub: ChatHub,
    private readonly agent: AnalyticsAsker,
  ) {}

  async sendMessage(socket: Socket, principal: Principal, event: { conversationId?: string; idempotencyKey: string; text: string }): Promise<Acknowledgement> {
    this.hub.rateLimiter.check({ user: principalKey(principal), ip: socket.handshake.address, conversation: event.conversationId });
    const outcome = await this.ask(principal, { ...event, socket });
    return { ok: true, conversationId: outcome.conversationId, seq: outcome.seq, duplicate: outcome.duplicate || undefined };
  }

  /** Cancels a running turn of a conversation the principal may see; a turn that already ended is left alone. */
  async cancelTurn(principal: Principal, event: { conversationId: string; streamId: string }): Promise<Acknowledgement> {
    if (principal.role !== 'analyst') throw new ServerRequestError('forbidden', 'Only analyst tokens or the API key can cancel analytics questions.');
    await this.hub.requireConversation(principal, event.conversationId);
    const turn = this.running.get(event.streamId);
    if (turn && turn.conversationId === event.conversationId) turn.controller.abort();
    return { ok: true, conversationId: event.conversationId };
  }

  /** One question, from a socket (streamed) or POST /api/ask (not streamed to the caller; rooms still see it). */
  async ask(principal: Principal, request: { conversationId?: string; idempotencyKey?: string; text: string; socket?: Socket }): Promise<AnalyticsOutcome> {
    if (principal.role !== 'analyst') throw new ServerRequestError('forbidden', 'Only analyst tokens or the API key can ask analytics questions.');
    if (request.text.length > this.hub.maxMessageLength) {
      throw new ServerRequestError('message_too_long', `Questions are limited to ${this.hub.maxMessageLength} characters; this one has ${request.text.length}.`);
    }
    const run = async (): Promise<AnalyticsOutcome> => {
      let conversationId = request.conversationId;
      let exists = false;
      if (request.idempotencyKey) {
        const lookUp = await this.hub.lookUpSend(principal, request.conversationId, request.idempotencyKey, 'user');
        const previous = lookUp.previous ? await this.storedOutcome(lookUp.previous) : null;
        if (previous) {
          if (request.socket) await this.replayTo(request.socket, previous);
          return previous;
        }
        conversationId = lookUp.conversationId;
        exists = lookUp.conversation !== null;
      } else if (conversationId) {
        exists = (await this.hub.requireConversation(principal, conversationId)) !== null;
      }
      if (!exists) {
        conversationId = await this.hub.repository.create({
          conversationId,
          kind: 'analytics',
          analystId: principal.analystId,
          language: detectLanguage(request.text),
          title: request.text.slice(0, 80),
        });
        this.hub.rateLimiter.countNewConversation(conversationId);
      }
      const id = conversationId as string;
      if (request.socket) await request.socket.join(roomOf(id));
      return this.hub.locks.run(id, () => this.hub.analyticsSlots.run(() => this.runTurn(id, request.text, request.idempotencyKey)));
    };
    if (!request.idempotencyKey) return run();
    let outcome: AnalyticsOutcome | undefined;
    const acknowledgement = await this.hub.once(`${principalKey(principal)}|${request.idempotencyKey}`, async () => {
      outcome = await run();
      return { ok: true, conversationId: outcome.conversationId, seq: outcome.seq, duplicate: outcome.duplicate || undefined };
    });
    if (outcome) return outcome;
    // A concurrent duplicate: the first send finished; read what it stored.
    if (!acknowledgement.ok || !acknowledgement.conversationId) throw new ServerRequestError('internal', 'The original request failed; send again.');
    const lookUp = await this.hub.lookUpSend(principal, acknowledgement.conversationId, request.idempotencyKey, 'user');
    const previous = lookUp.previous ? await this.storedOutcome(lookUp.previous) : null;
    if (!previous) throw new ServerRequestError('internal', 'The original request left no answer; send again.');
    if (request.socket) await this.replayTo(request.socket, previous);
    return previous;
  }

  /** The stored answer to an earlier question, if the turn completed. */
  private async storedOutcome(question: StoredMessage): Promise<AnalyticsOutcome | null> {
    const replies = await this.hub.repository.repliesTo(question.conversationId, question.seq);
    const answer = AnswerSchema.safeParse(replies[0]?.payload.answer);
    if (!answer.success) return null;
    return { conversationId: question.conversationId, seq: question.seq, answer: answer.data, duplicate: true, stored: [question, ...replies] };
  }

  private async replayTo(socket: Socket, outcome: AnalyticsOutcome): Promise<void> {
    await socket.join(roomOf(outcome.conversationId));
    this.hub.replay(socket, outcome.stored ?? []);
  }

  /** Runs under the conversation's lock: the agent's own appends cannot interleave with a resume. */
  private async runTurn(conversationId: string, text: string, idempotencyKey: string | undefined): Promise<AnalyticsOutcome> {
    const before = await this.hub.repository.find(conversationId);
    const lastSeqBefore = before?.lastSeq ?? 0;
    const streamId = randomUUID();
    let streamedText = false;
    const controller = new AbortController();
    this.running.set(streamId, { conversationId, controller });
    this.hub.setBotTyping('analytics', conversationId, true);
    try {
      this.hub.emitToConversation('analytics', conversationId, { type: 'message-start', conversationId, streamId });
      const { answer } = await this.agent.ask(text, {
        conversationId,
        signal: controller.signal,
        onEvent: (agentEvent) => {
          if (agentEvent.type === 'text-delta') streamedText = true;
          this.hub.emitToConversation('analytics', conversationId, wireEventOfAgentEvent(agentEvent, conversationId, streamId));
        },
      });
      const written = await this.hub.repository.messagesAfter(conversationId, lastSeqBefore, 10);
      const question = written.find((message) => message.role === 'user');
      const reply = written.find((message) => message.role === 'assistant' && question !== undefined && message.seq > question.seq);
      if (!question || !reply) throw new Error(`the agent did not store turn messages in conversation ${conversationId}`);
      // Key and answer land together: a retry either finds both (and replays) or neither (and asks again).
      const replyPayload = { ...reply.payload, replyTo: question.seq, answer };
      await this.hub.repository.update([
        { conversationId, seq: question.seq, idempotencyKey },
        { conversationId, seq: reply.seq, payload: replyPayload },
      ]);
      const storedQuestion: StoredMessage = { ...question, idempotencyKey: idempotencyKey ?? null };
      const storedReply: StoredMessage = { ...reply, payload: replyPayload };
      if (!streamedText) {
        // The offline planner writes the narrative in one go; stream it in small pieces all the same.
        for (let start = 0; start < answer.answer.length; start += TEXT_CHUNK) {
          this.hub.emitToConversation('analytics', conversationId, { type: 'text-delta', conversationId, streamId, seq: reply.seq, delta: answer.answer.slice(start, start + TEXT_CHUNK) });
        }
      }
      this.hub.publish('analytics', [storedQuestion], streamId);
      if (answer.rows.length > 0) {
        this.hub.emitToConversation('analytics', conversationId, { type: 'table', conversationId, seq: reply.seq, table: { columns: answer.columns, rows: answer.rows } });
      }
      this.hub.publish('analytics', [storedReply], streamId);
      return { conversationId, seq: question.seq, answer, duplicate: false };
    } catch (error) {
      const requestError = toRequestError(error);
      if (requestError.code === 'internal') this.hub.logger.error({ err: error, conversationId }, 'analytics turn failed');
      // The caller reports it (error event to the sender's socket, or an HTTP status).
      throw requestError.code === 'internal' ? new ServerRequestError('agent_failed', 'The analytics agent could not answer; try again or rephrase.', { cause: error }) : requestError;
    } finally {
      this.running.delete(streamId);
      this.hub.setBotTyping('analytics', conversationId, false);
    }
  }
}
