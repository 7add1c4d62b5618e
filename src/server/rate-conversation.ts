import { scopeOf } from './conversation-access.ts';
import type { Principal } from './auth/tokens.ts';
import type { ChatHub } from './chat-hub.ts';
import type { Acknowledgement, ErrorCode } from './protocol.ts';
import { ServerRequestError } from './server-errors.ts';
import type { HandoffDesk } from './support-responder.ts';

// The support side's CsatRatingError kinds, as the codes the client knows.
const CODES: Record<string, ErrorCode> = {
  invalid_rating: 'invalid_payload',
  conversation_not_found: 'conversation_not_found',
  not_resolved_by_agent: 'conversation_state',
  already_rated: 'conversation_state',
};

/**
 * csat-submit: the shopper rates a chat an agent resolved. The customer is the authenticated one; the
 * conversation must be theirs (requireConversation) before the support side checks it was resolved by a person.
 */
export async function rateConversation(hub: ChatHub, desk: HandoffDesk | undefined, principal: Principal, event: { conversationId: string; rating: number }): Promise<Acknowledgement> {
  const scope = scopeOf(principal);
  if (!scope) throw new ServerRequestError('forbidden', 'Only the shopper of a conversation can rate it.');
  if (!desk?.rateConversation) throw new ServerRequestError('support_unavailable', 'Ratings are not available: no support backend that stores them is installed (src/support).');
  await hub.requireConversation(principal, event.conversationId);
  try {
    await desk.rateConversation({ conversationId: event.conversationId, customerId: scope.customerId, rating: event.rating });
  } catch (error) {
    const kind = (error as { kind?: unknown } | null)?.kind;
    const code = typeof kind === 'string' ? CODES[kind] : undefined;
    if (code) throw new ServerRequestError(code, (error as Error).message, { cause: error });
    throw error;
  }
  return { ok: true, conversationId: event.conversationId };
}
