/**
 * Rate limit for typing indicators: per key (who, in which conversation) at most one broadcast per interval. A
 * change that arrives sooner is held and sent when the interval ends, coalesced to the latest state, so the other
 * side always ends up with the right state while a client toggling quickly costs one broadcast per interval.
 */
export class TypingThrottle {
  private readonly entries = new Map<string, { lastAt: number; lastActive: boolean; pending?: boolean; timer?: NodeJS.Timeout }>();

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Calls `broadcast` now, later (once, with the latest state) or not at all (the state is already shown). */
  signal(key: string, active: boolean, broadcast: (active: boolean) => void): 'sent' | 'deferred' | 'unchanged' {
    const entry = this.entries.get(key);
    const now = this.now();
    if (!entry) {
      this.evictStale(now);
      this.entries.set(key, { lastAt: now, lastActive: active });
      broadcast(active);
      return 'sent';
    }
    if (entry.timer) {
      entry.pending = active;
      return 'deferred';
    }
    const wait = entry.lastAt + this.intervalMs - now;
    // An unchanged state is re-sent at most once per interval (a long typing spell keeps the indicator alive).
    if (wait <= 0) {
      entry.lastAt = now;
      entry.lastActive = active;
      broadcast(active);
      return 'sent';
    }
    if (active === entry.lastActive) return 'unchanged';
    entry.pending = active;
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      const latest = entry.pending;
      entry.pending = undefined;
      if (latest === undefined || latest === entry.lastActive) return;
      entry.lastAt = this.now();
      entry.lastActive = latest;
      broadcast(latest);
    }, wait);
    entry.timer.unref?.();
    return 'deferred';
  }

  /** Stops held broadcasts (server shutdown). */
  clear(): void {
    for (const entry of this.entries.values()) if (entry.timer) clearTimeout(entry.timer);
    this.entries.clear();
  }

  private evictStale(now: number): void {
    if (this.entries.size < 1000) return;
    for (const [key, entry] of this.entries) if (!entry.timer && now - entry.lastAt > this.intervalMs * 10) this.entries.delete(key);
  }
}
