export type ConversationState = 'bot' | 'queued' | 'human' | 'resolved';

/** A hand-off transition that the conversation's current state does not allow. */
export class HandoffStateError extends Error {
  override readonly name = 'HandoffStateError';
  constructor(
    readonly conversationId: string,
    readonly from: ConversationState | 'missing',
    readonly to: ConversationState,
    hint: string,
  ) {
    super(`Conversation ${conversationId} cannot go from ${from} to ${to}. ${hint}`);
  }
}
