import type { Language } from '../../text/language.ts';
import type { SqlRunner } from '../sql-runner.ts';
import type { SupportCitation } from '../support-reply.ts';

/** Section id → its article id and title per language, to turn cited section ids into citations. */
export class CitationIndex {
  private constructor(private readonly entries: Map<string, { articleId: string; titles: Partial<Record<Language, string>> }>) {}

  static async load(runner: SqlRunner): Promise<CitationIndex> {
    const result = await runner.query('SELECT article_id, language, section, title FROM knowledge_articles');
    const entries = new Map<string, { articleId: string; titles: Partial<Record<Language, string>> }>();
    for (const row of result.rows) {
      const section = String(row.section);
      const entry = entries.get(section) ?? { articleId: String(row.article_id), titles: {} };
      entry.titles[row.language === 'zh' ? 'zh' : 'en'] = String(row.title);
      entries.set(section, entry);
    }
    return new CitationIndex(entries);
  }

  citations(sections: readonly string[] | undefined, language: Language): SupportCitation[] | undefined {
    const found = [...new Set(sections ?? [])].flatMap((section) => {
      const entry = this.entries.get(section);
      if (!entry) return [];
      return [{ articleId: entry.articleId, section, title: entry.titles[language] ?? entry.titles.en ?? entry.titles.zh ?? section }];
    });
    return found.length > 0 ? found : undefined;
  }
}
