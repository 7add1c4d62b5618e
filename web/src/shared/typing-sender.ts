/**
 * When to tell the other side that this person is typing: `true` on the first keystroke and again at most every
 * `refreshMs` while typing goes on, `false` after `idleMs` without a keystroke or when the message is sent.
 * The server rate limits as well; this keeps an ordinary typist to a signal every couple of seconds.
 */
export class TypingSender {
  private active = false;
  private lastSentAt = 0;
  private idle: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly send: (active: boolean) => void,
    private readonly idleMs = 3000,
    private readonly refreshMs = 2000,
    private readonly now: () => number = Date.now,
  ) {}

  typed(): void {
    const now = this.now();
    if (!this.active || now - this.lastSentAt >= this.refreshMs) {
      this.active = true;
      this.lastSentAt = now;
      this.send(true);
    }
    clearTimeout(this.idle);
    this.idle = setTimeout(() => this.stop(), this.idleMs);
  }

  stop(): void {
    clearTimeout(this.idle);
    this.idle = undefined;
    if (!this.active) return;
    this.active = false;
    this.send(false);
  }
}
