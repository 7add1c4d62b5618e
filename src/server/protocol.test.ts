import { describe, expect, it } from 'vitest';
import { ClientEventSchema, endsBotTyping, firstIssue, ServerEventSchema, type ServerEvent } from './protocol.ts';

function fieldOf(payload: unknown): string {
  const parsed = ClientEventSchema.safeParse(payload);
  if (parsed.success) return 'valid';
  return firstIssue(parsed.error).field;
}

describe('protocol schemas', () => {
  it('accepts well-formed client events and names the first bad field of others', () => {
    expect(fieldOf({ type: 'message-send', idempotencyKey: 'k-12345678', text: '我的订单到哪了?' })).toBe('valid');
    expect(fieldOf({ type: 'resume', conversationId: 'c', lastSeq: 0 })).toBe('valid');
    expect(fieldOf({ type: 'message-send', idempotencyKey: 'short', text: 'hi' })).toBe('idempotencyKey');
    expect(fieldOf({ type: 'message-send', idempotencyKey: 'k-12345678', text: '   ' })).toBe('text');
    expect(fieldOf({ type: 'resume', conversationId: 'c', lastSeq: 1.5 })).toBe('lastSeq');
    expect(fieldOf({ type: 'agent-reply', conversationId: 'c', text: 'hi' })).toBe('idempotencyKey');
    expect(fieldOf({ type: 'message-send', idempotencyKey: 'k-12345678', text: 'hi', role: 'agent' })).toBe('role');
    expect(fieldOf({ type: 'unknown' })).toBe('type');
    expect(fieldOf(null)).toBe('(payload)');
  });

  it('describes every server event the server sends, and rejects malformed ones', () => {
    const message = { conversationId: 'c', seq: 2, role: 'assistant', text: 'Order SL1 is shipped.', intent: 'order_status', createdAt: '2025-11-30T10:00:00.000', replyTo: 1 };
    expect(ServerEventSchema.safeParse({ type: 'message-end', conversationId: 'c', seq: 2, replay: false, message }).success).toBe(true);
    expect(ServerEventSchema.safeParse({ type: 'typing', conversationId: 'c', actor: 'bot', active: false }).success).toBe(true);
    expect(ServerEventSchema.safeParse({ type: 'error', code: 'rate_limited', message: 'slow down', retryAfterSeconds: 2 }).success).toBe(true);
    expect(ServerEventSchema.safeParse({ type: 'error', code: 'made_up', message: 'x' }).success).toBe(false);
    expect(ServerEventSchema.safeParse({ type: 'message-end', conversationId: 'c', seq: 0, replay: false, message }).success).toBe(false);
  });

  it('tells when the bot stopped typing: a turn\'s last reply, its failure, or the bot\'s typing off', () => {
    const message = { conversationId: 'c', seq: 2, role: 'assistant' as const, text: 'Hi.', intent: 'other', createdAt: '2025-11-30T10:00:00.000', replyTo: 1 };
    const events: [ServerEvent, boolean][] = [
      [{ type: 'message-end', conversationId: 'c', seq: 2, replay: false, message, endsTurn: true }, true],
      [{ type: 'message-end', conversationId: 'c', seq: 2, replay: false, message }, false],
      [{ type: 'error', code: 'agent_failed', message: 'x', conversationId: 'c', replyTo: 1 }, true],
      [{ type: 'error', code: 'rate_limited', message: 'x', conversationId: 'c', requestType: 'message-send' }, false],
      [{ type: 'typing', conversationId: 'c', actor: 'bot', active: false }, true],
      [{ type: 'typing', conversationId: 'c', actor: 'agent', active: false }, false],
      [{ type: 'message-start', conversationId: 'c', streamId: 's', replyTo: 1 }, false],
    ];
    for (const [event, ends] of events) {
      expect(ServerEventSchema.safeParse(event).success, JSON.stringify(event)).toBe(true);
      expect(endsBotTyping(event), JSON.stringify(event)).toBe(ends);
    }
  });
});
