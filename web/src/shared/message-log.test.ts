import { describe, expect, it } from 'vitest';
import { MessageLog } from './message-log.ts';

const message = (seq: number) => ({ conversationId: 'c', seq, role: 'user' as const, text: `m${seq}`, intent: null, createdAt: '' });

describe('MessageLog', () => {
  it('accepts each seq once and reports the highest as lastSeq', () => {
    const log = new MessageLog('c');
    expect(log.lastSeq).toBe(0);
    expect(log.accept(message(1))).toBe(true);
    expect(log.accept(message(3))).toBe(true);
    expect(log.accept(message(1))).toBe(false);
    expect(log.accept(message(2))).toBe(true);
    expect(log.lastSeq).toBe(3);
    expect(log.size).toBe(3);
  });
});
