import type { Warehouse } from '../../sql/warehouse.ts';
import { runnerOf } from '../sql-runner.ts';
import { systemClock, timestampText, type SupportClock } from '../support-clock.ts';
import { loadKnowledgeSections, type KnowledgeSection } from './knowledge-markdown.ts';

export interface KnowledgeSeedSummary {
  inserted: number;
  updated: number;
  unchanged: number;
  removed: number;
}

/**
 * Loads the policy and FAQ sections into knowledge_articles, idempotently: unchanged sections are left alone
 * (updated_at keeps its value), changed ones are rewritten, sections removed from the files are deleted.
 * Only rows whose article_id starts with 'policy-' or 'faq-' are managed here.
 */
export async function seedKnowledgeArticles(
  warehouse: Warehouse,
  options: { sections?: KnowledgeSection[]; clock?: SupportClock } = {},
): Promise<KnowledgeSeedSummary> {
  const sections = options.sections ?? loadKnowledgeSections();
  const now = timestampText((options.clock ?? systemClock).now());
  return warehouse.transaction(async (connection) => {
    const runner = runnerOf(connection);
    const existing = await runner.query(
      `SELECT article_id, language, kind, section, title, body, array_to_string(coalesce(tags, []), '|') AS tags
         FROM knowledge_articles WHERE article_id LIKE 'policy-%' OR article_id LIKE 'faq-%'`,
    );
    const stored = new Map(existing.rows.map((row) => [`${row.article_id}/${row.language}`, row]));
    const summary: KnowledgeSeedSummary = { inserted: 0, updated: 0, unchanged: 0, removed: 0 };
    for (const section of sections) {
      const key = `${section.articleId}/${section.language}`;
      const row = stored.get(key);
      stored.delete(key);
      const tags = section.tags.join('|');
      const values = { id: section.articleId, language: section.language, kind: section.kind, section: section.section, title: section.title, body: section.body, tags, now };
      if (!row) {
        await runner.run(
          `INSERT INTO knowledge_articles VALUES ($id, $language, $kind, $section, $title, $body, CASE WHEN $tags = '' THEN []::VARCHAR[] ELSE string_split($tags, '|') END, $now::TIMESTAMP)`,
          values,
        );
        summary.inserted += 1;
      } else if (row.kind !== section.kind || row.section !== section.section || row.title !== section.title || row.body !== section.body || row.tags !== tags) {
        await runner.run(
          `UPDATE knowledge_articles SET kind = $kind, section = $section, title = $title, body = $body,
                  tags = CASE WHEN $tags = '' THEN []::VARCHAR[] ELSE string_split($tags, '|') END, updated_at = $now::TIMESTAMP
            WHERE article_id = $id AND language = $language`,
          values,
        );
        summary.updated += 1;
      } else {
        summary.unchanged += 1;
      }
    }
    for (const row of stored.values()) {
      await runner.run('DELETE FROM knowledge_articles WHERE article_id = $id AND language = $language', { id: String(row.article_id), language: String(row.language) });
      summary.removed += 1;
    }
    return summary;
  });
}
