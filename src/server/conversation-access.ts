import { createHash } from 'node:crypto';
import { principalKey, type Principal } from './auth/tokens.ts';
import type { ConversationRecord } from './conversation-repository.ts';
import type { SupportScope } from './support-responder.ts';

/**
 * Who may read and write a conversation: analysts their own analytics conversations, customers their own
 * support conversations, guests only the conversations opened for their one order, agents any support one.
 */
export function mayAccess(principal: Principal, conversation: ConversationRecord): boolean {
  switch (principal.role) {
    case 'analyst':
      return conversation.kind === 'analytics' && conversation.analystId === principal.analystId;
    case 'customer':
      return conversation.kind === 'support' && conversation.customerId === principal.customerId;
    case 'guest': {
      const scope = conversation.context.scope;
      return conversation.kind === 'support' && conversation.customerId === principal.customerId && scope?.kind === 'guest-order' && scope.orderId === principal.orderId;
    }
    case 'agent':
      return conversation.kind === 'support';
  }
}

/** The support scope of a shopper principal: what the support agent may look at on their behalf. */
export function scopeOf(principal: Principal): SupportScope | null {
  if (principal.role === 'customer') return { kind: 'customer', customerId: principal.customerId };
  if (principal.role === 'guest') return { kind: 'guest-order', customerId: principal.customerId, orderId: principal.orderId };
  return null;
}

/**
 * The id of the conversation a first message (sent without conversationId) opens: derived from who sent it and
 * its idempotency key, so a retry of that message finds the same conversation with one point look-up.
 */
export function derivedConversationId(principal: Principal, idempotencyKey: string): string {
  const hex = createHash('sha256').update(`${principalKey(principal)}\n${idempotencyKey}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
