import type { WireMessage } from '../../../src/server/protocol.ts';

/**
 * The messages of one conversation this page has shown, by seq. `accept` says whether a message is new, which is
 * what makes a replay after `resume` (or a retried send) show each message exactly once.
 */
export class MessageLog {
  private readonly seen = new Map<number, WireMessage>();
  private highest = 0;

  constructor(readonly conversationId: string | null) {}

  accept(message: WireMessage): boolean {
    if (this.seen.has(message.seq)) return false;
    this.seen.set(message.seq, message);
    this.highest = Math.max(this.highest, message.seq);
    return true;
  }

  has(seq: number): boolean {
    return this.seen.has(seq);
  }

  /** What to send as `resume.lastSeq`: the server replays everything after it. */
  get lastSeq(): number {
    return this.highest;
  }

  get size(): number {
    return this.seen.size;
  }
}
