import type { Language } from '../../text/language.ts';
import type { SqlRunner } from '../sql-runner.ts';
import { knowledgeTokens } from './knowledge-tokens.ts';

export interface KnowledgeHit {
  articleId: string;
  language: Language;
  kind: 'policy' | 'faq';
  section: string;
  title: string;
  body: string;
  /** BM25 score. */
  score: number;
  /** Share of the query's distinct tokens found in the section (0–1): how much of the question it covers. */
  coverage: number;
}

interface IndexedArticle {
  article: Omit<KnowledgeHit, 'score' | 'coverage'>;
  counts: Map<string, number>;
  length: number;
}

const K1 = 1.2;
const B = 0.75;
/** Title and tags say what a section is about; they count more than a passing mention in the body. */
const FIELD_WEIGHT = { title: 3, tags: 2, body: 1 };

/** A section that covers at least this much of the question is a confident answer. */
export const CONFIDENT_COVERAGE = 0.5;

function indexArticle(row: Record<string, unknown>): IndexedArticle {
  const tags = Array.isArray(row.tags) ? row.tags.map(String) : [];
  const article = {
    articleId: String(row.article_id),
    language: row.language === 'zh' ? 'zh' as const : 'en' as const,
    kind: row.kind === 'policy' ? 'policy' as const : 'faq' as const,
    section: String(row.section),
    title: String(row.title),
    body: String(row.body),
  };
  const counts = new Map<string, number>();
  let length = 0;
  const add = (text: string, weight: number) => {
    for (const token of knowledgeTokens(text)) {
      counts.set(token, (counts.get(token) ?? 0) + weight);
      length += weight;
    }
  };
  add(article.title, FIELD_WEIGHT.title);
  add(tags.join(' , '), FIELD_WEIGHT.tags);
  add(article.body, FIELD_WEIGHT.body);
  return { article, counts, length };
}

/** BM25 over the sections of one language; the most relevant first. */
function rank(articles: IndexedArticle[], query: string): KnowledgeHit[] {
  const queryTokens = [...new Set(knowledgeTokens(query))];
  if (queryTokens.length === 0 || articles.length === 0) return [];
  const averageLength = articles.reduce((sum, article) => sum + article.length, 0) / articles.length;
  const documentFrequency = new Map<string, number>();
  for (const token of queryTokens) documentFrequency.set(token, articles.filter((article) => article.counts.has(token)).length);
  return articles
    .map((indexed) => {
      let score = 0;
      let matched = 0;
      for (const token of queryTokens) {
        const frequency = indexed.counts.get(token) ?? 0;
        if (frequency === 0) continue;
        matched += 1;
        const df = documentFrequency.get(token) ?? 0;
        const idf = Math.log(1 + (articles.length - df + 0.5) / (df + 0.5));
        score += (idf * frequency * (K1 + 1)) / (frequency + K1 * (1 - B + (B * indexed.length) / averageLength));
      }
      return { ...indexed.article, score, coverage: matched / queryTokens.length };
    })
    .filter((hit) => hit.score > 0)
    .sort((left, right) => right.score - left.score || left.section.localeCompare(right.section));
}

/**
 * Policy and FAQ retrieval over knowledge_articles: sections in the question's language first; the other
 * language only when nothing in it matches.
 */
export async function searchKnowledge(runner: SqlRunner, query: string, options: { language: Language; limit?: number; kinds?: readonly ('policy' | 'faq')[] }): Promise<KnowledgeHit[]> {
  const result = await runner.query('SELECT article_id, language, kind, section, title, body, tags FROM knowledge_articles ORDER BY article_id, language');
  const kinds = options.kinds ?? ['policy', 'faq'];
  const articles = result.rows.filter((row) => kinds.includes(row.kind as 'policy' | 'faq')).map(indexArticle);
  const limit = options.limit ?? 3;
  const inLanguage = rank(articles.filter((indexed) => indexed.article.language === options.language), query);
  if (inLanguage.length > 0) return inLanguage.slice(0, limit);
  return rank(articles.filter((indexed) => indexed.article.language !== options.language), query).slice(0, limit);
}
