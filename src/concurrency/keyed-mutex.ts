/**
 * One queue per key: `run(key, work)` starts `work` after every earlier work for the same key has settled.
 * Used per conversation: the server keeps sequence numbers, broadcasts and replays from interleaving, the support
 * agent keeps two messages of one conversation from overwriting each other's dialogue state.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const current = previous.then(work, work);
    const tail = current.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await current;
    } finally {
      // Forget the key once nothing else queued behind us, so the map does not grow forever.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  get activeKeys(): number {
    return this.tails.size;
  }
}
