import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io';
import { detectLanguage } from '../text/detect-language.ts';
import { principalKey, type Principal } from './auth/tokens.ts';
import { roomOf, type ChatHub } from './chat-hub.ts';
import { toRequestError, errorEventOf } from './client-events.ts';
import { derivedConversationId, mayAccess, scopeOf } from './conversation-access.ts';
import type { ConversationRecord, StoredMessage } from './conversation-repository.ts';
import type { NewConversation } from './group-commit-writer.ts';
import type { Acknowledgement, WireMessage } from './protocol.ts';
import { wireEventOfAgentEvent } from './agent-event-wire.ts';
import { AuthenticationError, ConversationAccessError, ServerRequestError } from './server-errors.ts';
import type { HandoffDesk, SupportReply, SupportResponder, SupportSession, TurnWrites } from './support-responder.ts';
import { SupportUnavailableError } from './support-responder.ts';

/** A reply not ready within this long is announced with message-start (the bot's typing) before it comes. */
const REPLY_TYPING_DELAY_MS = 250;

function payloadOfReply(reply: SupportReply, replyTo: number) {
  return { replyTo, table: reply.table, confirmation: reply.confirmation, handoff: reply.handoff, citations: reply.citations };
}

/**
 * The shopper side of customer-service chat. A message is persisted (with its idempotency key) and broadcast
 * before it is acknowledged; then either the bot answers it in a turn of its own, or — while the conversation
 * is queued for or taken by a human — it goes to the human agents and the bot stays silent.
 */
export class SupportChat {
  constructor(
    private readonly hub: ChatHub,
    private readonly optionalResponder: SupportResponder | undefined,
    private readonly desk: HandoffDesk | undefined,
    private readonly unavailableReason = 'no support agent is installed (src/support/support-agent.ts).',
  ) {}

  /** Without a support agent nothing is stored: the shopper is told at once. */
  private requireResponder(): SupportResponder {
    if (!this.optionalResponder) throw new SupportUnavailableError(this.unavailableReason);
    return this.optionalResponder;
  }

  private shopperScope(principal: Principal) {
    const scope = scopeOf(principal);
    if (!scope) throw new AuthenticationError('forbidden', 'Only customer and guest tokens can chat on /support.');
    return scope;
  }

  private sessionOf(principal: Principal): SupportSession {
    return { scope: this.shopperScope(principal) };
  }

  async sendMessage(socket: Socket, principal: Principal, event: { conversationId?: string; idempotencyKey: string; text: string }): Promise<Acknowledgement> {
    if (event.text.length > this.hub.maxMessageLength) {
      throw new ServerRequestError('message_too_long', `Messages are limited to ${this.hub.maxMessageLength} characters; this one has ${event.text.length}.`);
    }
    this.requireResponder();
    this.hub.rateLimiter.check({ user: principalKey(principal), ip: socket.handshake.address, conversation: event.conversationId });
    return this.hub.once(`${principalKey(principal)}|${event.idempotencyKey}`, async () => {
      const conversationId = event.conversationId ?? derivedConversationId(principal, event.idempotencyKey);
      const sent = await this.persistShopperMessage(socket, principal, conversationId, {
        content: () => event.text,
        idempotencyKey: event.idempotencyKey,
        payload: {},
        // Without a conversationId the first message opens the conversation its key derives.
        create: event.conversationId === undefined ? this.conversationInsert(principal, event.text) : undefined,
      });
      if (sent.previous) return this.answerRetry(socket, principal, sent.previous);
      if (sent.created) this.hub.rateLimiter.countNewConversation(conversationId);
      this.afterShopperMessage(principal, sent.stored);
      return { ok: true, conversationId, seq: sent.stored.seq };
    });
  }

  async answerConfirmation(socket: Socket, principal: Principal, event: { conversationId: string; confirmationId: string; confirm: boolean }): Promise<Acknowledgement> {
    this.requireResponder();
    this.hub.rateLimiter.check({ user: principalKey(principal), ip: socket.handshake.address, conversation: event.conversationId });
    // One answer per confirmation: a second one (retry, or a change of mind) gets the first one's replies.
    const idempotencyKey = `confirmation:${event.confirmationId}`;
    return this.hub.once(`${principalKey(principal)}|${idempotencyKey}`, async () => {
      const sent = await this.persistShopperMessage(socket, principal, event.conversationId, {
        content: (conversation) => {
          const zh = conversation.language === 'zh';
          return event.confirm ? (zh ? '确认' : 'Confirm') : zh ? '不用了' : 'Decline';
        },
        idempotencyKey,
        payload: { kind: 'confirmation-answer', confirmationId: event.confirmationId, confirm: event.confirm },
        alwaysBot: true,
      });
      if (sent.previous) return this.answerRetry(socket, principal, sent.previous);
      this.afterShopperMessage(principal, sent.stored);
      return { ok: true, conversationId: event.conversationId, seq: sent.stored.seq };
    });
  }

  /**
   * Replays what the shopper missed, then restarts the bot for every acknowledged message it never answered (the
   * server stopped or crashed mid-turn), so an acknowledged message is never left without a reply.
   */
  async resume(socket: Socket, principal: Principal, event: { conversationId: string; lastSeq: number }): Promise<Acknowledgement> {
    // A reloaded widget replays the resolved note too: with the stored rating it shows the answer, not the question again.
    const rating = (await this.desk?.conversationRating?.(event.conversationId)) ?? null;
    const decorate = (wire: WireMessage): WireMessage => (rating !== null && wire.ratingRequested ? { ...wire, rating } : wire);
    const acknowledgement = await this.hub.resume(socket, principal, event.conversationId, event.lastSeq, decorate);
    if (this.optionalResponder) {
      for (const message of await this.hub.repository.unansweredBotMessages(event.conversationId)) {
        if (!this.hub.isTurnActive(message.conversationId, message.seq)) this.startTurn(principal, message);
      }
    }
    return acknowledgement;
  }

  /** The row a first message inserts: a support conversation owned by this shopper, under their scope. */
  private conversationInsert(principal: Principal, text: string): NewConversation {
    const scope = this.shopperScope(principal);
    return this.hub.repository.conversationInsert({ kind: 'support', customerId: scope.customerId, language: detectLanguage(text), title: text.slice(0, 80), scope });
  }

  /**
   * A retried send: nothing runs again. The socket gets the stored message and its stored replies; if the
   * bot never answered it (the server stopped mid-turn) and no turn is running, the turn runs now.
   */
  private async answerRetry(socket: Socket, principal: Principal, previous: StoredMessage): Promise<Acknowledgement> {
    await socket.join(roomOf(previous.conversationId));
    const replies = await this.hub.repository.repliesTo(previous.conversationId, previous.seq);
    this.hub.replay(socket, [previous, ...replies]);
    if (previous.payload.route === 'bot' && replies.length === 0 && !this.hub.isTurnActive(previous.conversationId, previous.seq)) {
      this.startTurn(principal, previous);
    }
    return { ok: true, conversationId: previous.conversationId, seq: previous.seq, duplicate: true };
  }

  /**
   * Stores a shopper's message unless its key was sent before (then: the earlier message, nothing written). Whether
   * the conversation is the shopper's and whether the key is new are both checked inside the append's transaction,
   * so a send reads nothing first. The socket joins the conversation's room only after that check passed, before the
   * broadcast.
   */
  private async persistShopperMessage(
    socket: Socket,
    principal: Principal,
    conversationId: string,
    message: { content: (conversation: ConversationRecord) => string; idempotencyKey: string; payload: StoredMessage['payload']; alwaysBot?: boolean; create?: NewConversation },
  ): Promise<{ stored: StoredMessage; created: boolean; previous?: undefined } | { previous: StoredMessage }> {
    const outcome = await this.hub.locks.run(conversationId, async () => {
      let record: ConversationRecord | undefined;
      const appended = await this.hub.repository.appendChecked({
        conversationId,
        create: message.create,
        unlessSent: { idempotencyKey: message.idempotencyKey, role: 'user' },
        // The same refusal whether the conversation is another account's or does not exist (a created one is there).
        authorize: (conversation) => {
          if (!conversation || !mayAccess(principal, conversation)) throw new ConversationAccessError(conversationId);
          record = conversation;
        },
        // While the conversation is queued for or with a human, the bot stays out of it.
        messages: ({ state }) => {
          if (!record) throw new Error('the append wrote messages before authorizing them');
          const route = (state === 'queued' || state === 'human') && !message.alwaysBot ? 'human' : 'bot';
          return [{ role: 'user', content: message.content(record), idempotencyKey: message.idempotencyKey, payload: { ...message.payload, route } }];
        },
      });
      if (appended.previousSeq !== undefined) return appended;
      const [stored] = appended.messages;
      if (!stored) throw new Error('append returned nothing');
      await socket.join(roomOf(conversationId));
      this.hub.publish('support', [stored]);
      return appended;
    });
    if (outcome.previousSeq !== undefined) {
      // Retries are rare: only then read the earlier message itself.
      const previous = await this.hub.repository.message(conversationId, outcome.previousSeq);
      if (!previous) throw new Error(`message ${outcome.previousSeq} of ${conversationId} vanished`);
      return { previous };
    }
    return { stored: outcome.messages[0] as StoredMessage, created: outcome.created };
  }

  private afterShopperMessage(principal: Principal, stored: StoredMessage): void {
    if (stored.payload.route === 'bot') {
      // Every message of one group-commit transaction gets here in the same tick: their reads are shared.
      if (stored.payload.kind !== 'confirmation-answer') this.optionalResponder?.prefetch?.(this.sessionOf(principal));
      this.startTurn(principal, stored);
    }
    else void this.hub.track(this.publishQueue());
  }

  /** Queues the bot's turn for this message behind any earlier turn of the conversation (not awaited). */
  private startTurn(principal: Principal, message: StoredMessage): void {
    if (!this.hub.beginTurn(message.conversationId, message.seq)) return;
    const turn = this.hub.turns.run(message.conversationId, () => this.runTurn(principal, message));
    void this.hub.track(turn.finally(() => this.hub.endTurn(message.conversationId, message.seq)));
  }

  private async runTurn(principal: Principal, message: StoredMessage): Promise<void> {
    const { conversationId } = message;
    const streamId = randomUUID();
    let streamedText = false;
    // Most replies are ready within milliseconds: they go out as their message-end alone. Only a slow one (an LLM, a
    // busy machine) shows the bot typing with a message-start first.
    let typingShown = false;
    const showTyping = () => {
      if (typingShown) return;
      typingShown = true;
      this.hub.startBotReply(conversationId, streamId, message.seq);
    };
    // Counted from when the turn gets its slot, as before the slot was held for the responder only.
    let typingTimer: NodeJS.Timeout | undefined;
    let ended = false;
    try {
      const session = this.sessionOf(principal);
      // The dialogue state and events the turn hands over, committed below with its replies.
      let writes: TurnWrites | undefined;
      const deferWrites = (handed: TurnWrites) => {
        writes = handed;
      };
      // A bot slot for the responder's work only: the reply's commit (which waits for the group commit's next
      // transaction) holds the conversation's turn but no slot, so other turns run meanwhile.
      const replies = await this.hub.botSlots.run(() => {
        typingTimer = setTimeout(showTyping, REPLY_TYPING_DELAY_MS);
        return message.payload.kind === 'confirmation-answer'
          ? this.requireResponder().handleConfirmation({
              conversationId,
              session,
              confirmationId: String(message.payload.confirmationId ?? ''),
              confirm: message.payload.confirm === true,
              deferWrites,
            })
          : this.requireResponder().handleMessage({
              conversationId,
              session,
              text: message.content,
              deferWrites,
              // The row this message's own append (or a later one) committed: the turn need not read it again.
              committedRow: () => {
                const row = this.hub.repository.committedRow(conversationId);
                return row && Number(row.last_seq) >= message.seq ? row : undefined;
              },
              // Only text as it is written reaches the shopper: the widget shows no phases or tool calls.
              onEvent: (agentEvent) => {
                if (agentEvent.type !== 'text-delta') return;
                showTyping();
                streamedText = true;
                this.hub.emitToConversation('support', conversationId, wireEventOfAgentEvent(agentEvent, conversationId, streamId));
              },
            });
      });
      const stored = await this.hub.locks.run(conversationId, async () => {
        const intent = replies[0]?.intent;
        const appended = await this.hub.repository.appendWith({
          conversationId,
          messages: replies.map((reply) => ({ role: 'assistant' as const, content: reply.text, intent: reply.intent, payload: payloadOfReply(reply, message.seq) })),
          intent: intent ? { seq: message.seq, intent } : undefined,
          context: writes?.context,
          events: writes?.events,
        });
        clearTimeout(typingTimer);
        // The message-end carries the whole text: a reply that was not streamed needs no text-delta before it.
        this.hub.publish('support', appended, streamId, { endsTurn: true });
        ended = appended.length > 0;
        return appended;
      });
      if (stored.some((reply) => reply.payload.handoff !== undefined)) await this.publishQueue();
    } catch (error) {
      clearTimeout(typingTimer);
      const requestError = toRequestError(error);
      if (requestError.code === 'internal') this.hub.logger.error({ err: error, conversationId }, 'support turn failed');
      const failure = requestError.code === 'internal' ? new ServerRequestError('agent_failed', 'The assistant could not answer this message; resend it with the same idempotencyKey to try again.') : requestError;
      this.hub.emitToConversation('support', conversationId, { ...errorEventOf(failure, { conversationId, requestType: 'message-send' }), replyTo: message.seq });
      ended = true;
    } finally {
      clearTimeout(typingTimer);
      this.hub.endBotReply(conversationId, typingShown && !ended);
    }
  }

  /** Tells every connected human agent what the queue looks like now. */
  async publishQueue(): Promise<void> {
    if (!this.desk) return;
    try {
      const entries = await this.desk.listQueue();
      this.hub.emitToNamespace('/agents', 'agents', { type: 'queue-update', entries });
    } catch (error) {
      this.hub.logger.warn({ err: error }, 'could not list the hand-off queue');
    }
  }
}
