import type { Socket } from 'socket.io';
import { principalKey, type Principal } from './auth/tokens.ts';
import { roomOf, type ChatHub } from './chat-hub.ts';
import type { StoredMessage } from './conversation-repository.ts';
import type { Acknowledgement } from './protocol.ts';
import { ServerRequestError } from './server-errors.ts';
import type { SupportChat } from './support-chat.ts';
import type { HandoffDesk } from './support-responder.ts';
import { toWireMessage } from './wire-message.ts';

function agentIdOf(principal: Principal): string {
  if (principal.role !== 'agent') throw new ServerRequestError('forbidden', 'Only agent tokens can work the hand-off queue.');
  return principal.agentId;
}

function stateError(action: string, error: unknown): ServerRequestError {
  const reason = error instanceof Error ? error.message : String(error);
  return new ServerRequestError('conversation_state', `Could not ${action}: ${reason}`, { cause: error });
}

/** The human agents' side: the queue, taking a conversation, replying as a person, resolving. */
export class AgentsChat {
  constructor(
    private readonly hub: ChatHub,
    private readonly desk: HandoffDesk | undefined,
    private readonly support: SupportChat,
  ) {}

  private requireDesk(): HandoffDesk {
    if (!this.desk) throw new ServerRequestError('support_unavailable', 'No hand-off desk is installed on this server (src/support).');
    return this.desk;
  }

  async listQueue(socket: Socket): Promise<Acknowledgement> {
    const entries = await this.requireDesk().listQueue();
    this.hub.emitTo(socket, { type: 'queue-update', entries });
    return { ok: true };
  }

  /** queued → human; the agent gets the history and the bot's summary, the shopper a note that a person joined. */
  async take(socket: Socket, principal: Principal, conversationId: string): Promise<Acknowledgement> {
    const agentId = agentIdOf(principal);
    const desk = this.requireDesk();
    const conversation = await this.hub.requireConversation(principal, conversationId);
    const queued = (await desk.listQueue()).find((entry) => entry.conversationId === conversationId);
    try {
      await desk.takeConversation(conversationId, agentId);
    } catch (error) {
      throw stateError(`take conversation ${conversationId}`, error);
    }
    const zh = conversation.language === 'zh';
    const history = await this.hub.locks.run(conversationId, async () => {
      const note = await this.hub.repository.append(conversationId, [
        { role: 'system', content: zh ? '人工客服已接入对话。' : 'A customer-service agent has joined the chat.', payload: { kind: 'agent-joined', agentId } },
      ]);
      this.hub.publish('support', note);
      const messages = await this.hub.repository.messagesAfter(conversationId, 0);
      await socket.join(roomOf(conversationId));
      return messages;
    });
    this.hub.emitTo(socket, {
      type: 'conversation-open',
      conversationId,
      customerId: conversation.customerId,
      state: 'human',
      summary: queued?.summary ?? summaryOf(history),
      messages: history.map(toWireMessage),
      ...(conversation.language === 'en' || conversation.language === 'zh' ? { language: conversation.language } : {}),
    });
    await this.sendCustomerContext(socket, conversationId);
    await this.support.publishQueue();
    return { ok: true, conversationId };
  }

  /** An agent reopening a taken conversation (reload, reconnect): the missed messages, then the context again. */
  async resume(socket: Socket, principal: Principal, conversationId: string, lastSeq: number): Promise<Acknowledgement> {
    agentIdOf(principal);
    const acknowledgement = await this.hub.resume(socket, principal, conversationId, lastSeq);
    if (acknowledgement.ok) await this.sendCustomerContext(socket, conversationId);
    return acknowledgement;
  }

  /**
   * To this agent's socket only, never the conversation's room (the shopper is in it). The conversation's own
   * customer, looked up from the conversation row, not from anything a message says.
   */
  private async sendCustomerContext(socket: Socket, conversationId: string): Promise<void> {
    if (!this.desk?.customerContext) return;
    const context = await this.desk.customerContext(conversationId);
    this.hub.emitTo(socket, { type: 'customer-context', conversationId, context });
  }

  async reply(socket: Socket, principal: Principal, event: { conversationId: string; idempotencyKey: string; text: string }): Promise<Acknowledgement> {
    const agentId = agentIdOf(principal);
    if (event.text.length > this.hub.maxMessageLength) {
      throw new ServerRequestError('message_too_long', `Messages are limited to ${this.hub.maxMessageLength} characters; this one has ${event.text.length}.`);
    }
    this.hub.rateLimiter.check({ user: principalKey(principal), ip: socket.handshake.address });
    return this.hub.once(`${principalKey(principal)}|${event.idempotencyKey}`, async () => {
      const lookUp = await this.hub.lookUpSend(principal, event.conversationId, event.idempotencyKey, 'agent');
      const conversationId = lookUp.conversationId;
      if (lookUp.previous) {
        this.hub.replay(socket, [lookUp.previous]);
        return { ok: true, conversationId, seq: lookUp.previous.seq, duplicate: true };
      }
      const stored = await this.hub.locks.run(conversationId, async () => {
        const [message] = await this.hub.repository.appendWith({
          conversationId,
          messages: ({ state }) => {
            if (state !== 'human') {
              throw new ServerRequestError('conversation_state', `Conversation ${conversationId} is ${state}, not with a human; take it first (conversation-take).`);
            }
            return [{ role: 'agent', content: event.text, idempotencyKey: event.idempotencyKey, payload: { agentId } }];
          },
        });
        if (!message) throw new Error('append returned nothing');
        this.hub.publish('support', [message]);
        return message;
      });
      await socket.join(roomOf(conversationId));
      return { ok: true, conversationId, seq: stored.seq };
    });
  }

  /** human → resolved: the shopper's next message goes to the bot again. */
  async resolve(principal: Principal, conversationId: string): Promise<Acknowledgement> {
    const agentId = agentIdOf(principal);
    const desk = this.requireDesk();
    const conversation = await this.hub.requireConversation(principal, conversationId);
    try {
      await desk.resolveConversation(conversationId, agentId);
    } catch (error) {
      throw stateError(`resolve conversation ${conversationId}`, error);
    }
    const zh = conversation.language === 'zh';
    await this.hub.locks.run(conversationId, async () => {
      const note = await this.hub.repository.append(conversationId, [
        { role: 'system', content: zh ? '人工客服已结束本次服务。' : 'The customer-service agent has closed this chat.', payload: { kind: 'conversation-resolved', agentId } },
      ]);
      this.hub.publish('support', note);
    });
    await this.support.publishQueue();
    return { ok: true, conversationId };
  }
}

/** Fallback summary when the queue has none: the shopper's last few messages. */
function summaryOf(history: StoredMessage[]): string {
  return history
    .filter((message) => message.role === 'user')
    .slice(-3)
    .map((message) => message.content)
    .join(' / ')
    .slice(0, 500);
}
