import { describe, expect, it } from 'vitest';
import { loadHistory, MAX_HISTORY, mergeHistory, saveHistory, upsertHistory } from './conversation-history.ts';

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  const values = new Map<string, string>();
  return { getItem: (key) => values.get(key) ?? null, setItem: (key, value) => void values.set(key, value) };
}

describe('conversation history', () => {
  it('round-trips through storage and ignores corrupt data', () => {
    const storage = memoryStorage();
    saveHistory([{ conversationId: 'a', title: 'GMV', updatedAt: '2026-01-01T00:00:00Z' }], storage);
    expect(loadHistory(storage)).toEqual([{ conversationId: 'a', title: 'GMV', updatedAt: '2026-01-01T00:00:00Z' }]);
    storage.setItem('shoplens.analytics.history', '{not json');
    expect(loadHistory(storage)).toEqual([]);
    storage.setItem('shoplens.analytics.history', JSON.stringify([{ conversationId: 5 }]));
    expect(loadHistory(storage)).toEqual([]);
  });

  it('puts the latest conversation on top and keeps the title of its first question', () => {
    let entries = upsertHistory([], { conversationId: 'a', title: 'first question', updatedAt: '1' });
    entries = upsertHistory(entries, { conversationId: 'b', title: 'other', updatedAt: '2' });
    entries = upsertHistory(entries, { conversationId: 'a', title: '', updatedAt: '3' });
    expect(entries).toEqual([
      { conversationId: 'a', title: 'first question', updatedAt: '3' },
      { conversationId: 'b', title: 'other', updatedAt: '2' },
    ]);
  });

  it('caps the list', () => {
    let entries: ReturnType<typeof upsertHistory> = [];
    for (let index = 0; index < MAX_HISTORY + 5; index++) entries = upsertHistory(entries, { conversationId: `c${index}`, title: '', updatedAt: String(index) });
    expect(entries).toHaveLength(MAX_HISTORY);
    expect(entries[0]?.conversationId).toBe(`c${MAX_HISTORY + 4}`);
  });

  it('merges this browser’s list with the server’s: one entry each, local titles, newest first', () => {
    const merged = mergeHistory(
      [{ conversationId: 'a', title: 'local title', updatedAt: '2026-01-01T10:00:00Z' }],
      [
        { conversationId: 'a', title: 'server title', updatedAt: '2026-01-02T10:00:00' },
        { conversationId: 'b', title: 'only on the server', updatedAt: '2026-01-01T12:00:00' },
      ],
    );
    expect(merged.map((entry) => [entry.conversationId, entry.title])).toEqual([
      ['a', 'local title'],
      ['b', 'only on the server'],
    ]);
  });
});
