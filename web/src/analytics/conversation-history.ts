import { z } from 'zod';

/** One sidebar entry; the conversation itself lives on the server (DuckDB) and comes back over `resume`. */
export const HistoryEntrySchema = z.object({ conversationId: z.string().min(1).max(100), title: z.string().max(200), updatedAt: z.string() });
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

const STORAGE_KEY = 'shoplens.analytics.history';
export const MAX_HISTORY = 50;

export function loadHistory(storage: Pick<Storage, 'getItem'> = localStorage): HistoryEntry[] {
  try {
    const parsed = z.array(HistoryEntrySchema).safeParse(JSON.parse(storage.getItem(STORAGE_KEY) ?? '[]'));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

export function saveHistory(entries: readonly HistoryEntry[], storage: Pick<Storage, 'setItem'> = localStorage): void {
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(entries.slice(0, MAX_HISTORY)));
  } catch {
    // Full or disabled storage: the server list still restores the sidebar.
  }
}

/** Adds or refreshes an entry (keeping its first title: the question that started it) and puts it on top. */
export function upsertHistory(entries: readonly HistoryEntry[], entry: HistoryEntry): HistoryEntry[] {
  const existing = entries.find((candidate) => candidate.conversationId === entry.conversationId);
  const merged = existing ? { ...entry, title: existing.title || entry.title } : entry;
  return [merged, ...entries.filter((candidate) => candidate.conversationId !== entry.conversationId)].slice(0, MAX_HISTORY);
}

/**
 * This browser's list and the server's list (GET /api/web/analytics/conversations) as one: every conversation
 * once, the newest activity first; the local title wins (it is what the analyst saw), else the server's.
 */
export function mergeHistory(local: readonly HistoryEntry[], server: readonly HistoryEntry[]): HistoryEntry[] {
  const byId = new Map<string, HistoryEntry>();
  for (const entry of server) byId.set(entry.conversationId, entry);
  for (const entry of local) {
    const remote = byId.get(entry.conversationId);
    byId.set(entry.conversationId, remote ? { conversationId: entry.conversationId, title: entry.title || remote.title, updatedAt: remote.updatedAt > entry.updatedAt ? remote.updatedAt : entry.updatedAt } : entry);
  }
  return [...byId.values()].sort((left, right) => right.updatedAt.localeCompare(left.updatedAt)).slice(0, MAX_HISTORY);
}
