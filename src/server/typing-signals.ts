import { principalKey, type Principal } from './auth/tokens.ts';
import { roomOf, type ChatHub } from './chat-hub.ts';
import type { Acknowledgement } from './protocol.ts';
import { ServerRequestError } from './server-errors.ts';
import { TypingThrottle } from './typing-throttle.ts';

/** One broadcast per second per person and conversation at most (TypingThrottle coalesces the rest). */
const TYPING_INTERVAL_MS = 1000;

/**
 * typing-signal: a person typing in a chat with a person. The shopper's reaches the agents' side only, the agent's
 * the shopper's side only (never echoed back), and only in a conversation handed to a person (queued or human).
 */
export class TypingSignals {
  private readonly throttle = new TypingThrottle(TYPING_INTERVAL_MS);

  constructor(private readonly hub: ChatHub) {}

  async signal(principal: Principal, event: { conversationId: string; active: boolean }): Promise<Acknowledgement> {
    const conversation = await this.hub.requireConversation(principal, event.conversationId);
    // Queued: nobody has taken it, so nobody is in its room yet; signals are accepted and reach no one.
    if (conversation.state !== 'human' && conversation.state !== 'queued') {
      // A 'stopped' that crosses a resolve in flight is harmless: nothing to show, nothing to refuse.
      if (!event.active) return { ok: true, conversationId: event.conversationId };
      throw new ServerRequestError('conversation_state', `Conversation ${event.conversationId} is ${conversation.state}; typing is shown only in chats handed to a person.`);
    }
    const fromAgent = principal.role === 'agent';
    const conversationId = event.conversationId;
    this.throttle.signal(`${principalKey(principal)}|${conversationId}`, event.active, (active) =>
      this.hub.emitToNamespace(fromAgent ? '/support' : '/agents', roomOf(conversationId), { type: 'typing', conversationId, actor: fromAgent ? 'agent' : 'customer', active }),
    );
    return { ok: true, conversationId };
  }

  close(): void {
    this.throttle.clear();
  }
}
