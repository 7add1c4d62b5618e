import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeGoldenQuestion } from '../src/server/ratings/golden-writer.ts';
import { loadGoldenSet } from './load-golden.ts';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** The server writes golden questions from ratings with its own copy of the format; the real loader must accept them. */
describe('golden questions captured from ratings', () => {
  it('load with the golden loader (questionSchema, expected_rows included)', () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'shoplens-rated-golden-'));
    folders.push(directory);
    const rating = {
      ratingId: 'f3b0c7de-1111-4222-8333-944455556666',
      analyst: 'ana',
      conversationId: 'c1',
      seq: 2,
      rating: 'down' as const,
      comment: '应只算已支付订单',
      question: '上周各品类的成交额',
      language: 'zh' as const,
      sql: 'SELECT 1',
      edited: true,
      goldenFile: null,
      goldenId: null,
      ratedAt: '2026-12-06T18:00:00',
    };
    const rows = [
      { category: 'Phones', gmv: 14995 },
      { category: 'Beauty', gmv: 7556 },
    ];
    const written = writeGoldenQuestion(directory, { rating, goldSql: "SELECT p.category, SUM(oi.amount) AS gmv FROM order_items oi JOIN products p ON p.product_id = oi.product_id GROUP BY p.category", rows });
    const units = loadGoldenSet(directory);
    expect(units).toHaveLength(1);
    const [item] = units[0]?.items ?? [];
    expect(item).toMatchObject({ id: written.id, language: 'zh', shape: 'breakdown', question: '上周各品类的成交额', ordered: false, allowEmpty: false, file: written.file });
    expect(item?.goldSql).toMatch(/^SELECT p.category/);
    expect(written.id).toMatch(/^rated-zh-[0-9a-f]{8}$/);
    expect(item?.notes).toMatch(/SQL corrected by the analyst.*Comment: 应只算已支付订单/);
  });
});
