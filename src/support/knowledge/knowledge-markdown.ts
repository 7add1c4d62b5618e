import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Language } from '../../text/language.ts';

export type ArticleKind = 'policy' | 'faq';

export interface KnowledgeSection {
  /** knowledge_articles.article_id: 'policy-P2' or 'faq-F1' (one row per section and language). */
  articleId: string;
  kind: ArticleKind;
  language: Language;
  /** Stable id cited in replies and audit rows, e.g. 'P2 returns'. */
  section: string;
  title: string;
  body: string;
  tags: string[];
}

export class KnowledgeFormatError extends Error {
  override readonly name = 'KnowledgeFormatError';
  constructor(readonly file: string, readonly line: number, message: string) {
    super(`${file}:${line}: ${message}`);
  }
}

const HEADING = /^## ([PF]\d+) ([a-z][a-z-]*) \| (.+)$/;

/** Parses one policy or FAQ file: "## P2 returns | title", a "tags:" line, then the body up to the next heading. */
export function parseKnowledgeMarkdown(text: string, options: { kind: ArticleKind; language: Language; file: string }): KnowledgeSection[] {
  const sections: KnowledgeSection[] = [];
  const lines = text.replace(/<!--[\s\S]*?-->/g, (comment) => comment.replace(/[^\n]/g, '')).split('\n');
  let current: (KnowledgeSection & { bodyLines: string[] }) | undefined;
  const finish = () => {
    if (!current) return;
    const { bodyLines, ...section } = current;
    section.body = bodyLines.join(' ').replace(/\s+/g, ' ').replace(/(\p{Script=Han}) (?=\p{Script=Han})/gu, '$1').trim();
    if (!section.body) throw new KnowledgeFormatError(options.file, 0, `Section "${section.section}" has no body. Write at least one sentence under its heading.`);
    sections.push(section);
  };
  lines.forEach((line, index) => {
    const heading = line.match(HEADING);
    if (heading) {
      finish();
      const [, id, slug, title] = heading as unknown as [string, string, string, string];
      const expectedPrefix = options.kind === 'policy' ? 'P' : 'F';
      if (!id.startsWith(expectedPrefix)) throw new KnowledgeFormatError(options.file, index + 1, `${options.kind} section ids start with ${expectedPrefix} (got ${id}).`);
      current = { articleId: `${options.kind}-${id}`, kind: options.kind, language: options.language, section: `${id} ${slug}`, title: title.trim(), body: '', tags: [], bodyLines: [] };
      return;
    }
    if (line.startsWith('## ')) throw new KnowledgeFormatError(options.file, index + 1, 'A section heading must look like "## P2 returns | Title".');
    if (!current) return;
    const tags = line.match(/^tags:\s*(.*)$/);
    if (tags && current.bodyLines.length === 0 && current.tags.length === 0) {
      current.tags = (tags[1] ?? '').split(',').map((tag) => tag.trim()).filter(Boolean);
      return;
    }
    if (line.trim()) current.bodyLines.push(line.trim());
  });
  finish();
  return sections;
}

export const KNOWLEDGE_FILES: readonly { kind: ArticleKind; language: Language; file: string }[] = [
  { kind: 'policy', language: 'en', file: 'policy.en.md' },
  { kind: 'policy', language: 'zh', file: 'policy.zh.md' },
  { kind: 'faq', language: 'en', file: 'faq.en.md' },
  { kind: 'faq', language: 'zh', file: 'faq.zh.md' },
];

/** All sections of prompts/policy.*.md and prompts/faq.*.md. */
export function loadKnowledgeSections(promptsFolder = fileURLToPath(new URL('../../../prompts/', import.meta.url))): KnowledgeSection[] {
  return KNOWLEDGE_FILES.flatMap((entry) =>
    parseKnowledgeMarkdown(readFileSync(`${promptsFolder}/${entry.file}`, 'utf8'), { kind: entry.kind, language: entry.language, file: entry.file }),
  );
}
