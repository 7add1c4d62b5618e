import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../sql/warehouse.ts';
import { loadKnowledgeSections, parseKnowledgeMarkdown, KnowledgeFormatError } from './knowledge-markdown.ts';
import { searchKnowledge } from './search-knowledge.ts';
import { seedKnowledgeArticles } from './seed-knowledge-articles.ts';
import { POLICY_SECTIONS } from '../policy/policy-decision.ts';

let warehouse: Warehouse;

beforeAll(async () => {
  warehouse = await Warehouse.open({ path: ':memory:' });
});
afterAll(() => warehouse?.close());

/** Labelled questions: which section should answer them. */
const QUESTIONS: [string, 'en' | 'zh', string][] = [
  ['退款多久到账', 'zh', 'F1 refund-time'],
  ['钱什么时候退回来', 'zh', 'F1 refund-time'],
  ['how long do refunds take', 'en', 'F1 refund-time'],
  ['when will I get my money back', 'en', 'F1 refund-time'],
  ['运费怎么算', 'zh', 'F2 shipping-fee'],
  ['满多少包邮', 'zh', 'F2 shipping-fee'],
  ['how much is shipping', 'en', 'F2 shipping-fee'],
  ['is there free shipping', 'en', 'F2 shipping-fee'],
  ['多久发货', 'zh', 'F3 delivery-time'],
  ['how many days until my order arrives', 'en', 'F3 delivery-time'],
  ['支持哪些支付方式', 'zh', 'F5 payment-methods'],
  ['can I pay with alipay', 'en', 'F5 payment-methods'],
  ['没付款的订单会怎样', 'zh', 'F6 unpaid-orders'],
  ['下单后能改数量吗', 'zh', 'F7 change-items'],
  ['商品坏了怎么办', 'zh', 'F8 damaged-item'],
  ['my item arrived broken', 'en', 'F8 damaged-item'],
  ['发货后还能取消订单吗', 'zh', 'P1 cancellation'],
  ['can I cancel after shipping', 'en', 'P1 cancellation'],
  ['七天无理由退货怎么算', 'zh', 'P2 returns'],
  ['what is the return policy', 'en', 'P2 returns'],
  ['可以换几次货', 'zh', 'P4 exchanges'],
  ['can I exchange for a different size', 'en', 'P4 exchanges'],
  ['发货后能改地址吗', 'zh', 'P5 address-change'],
  ['can I change the delivery address', 'en', 'P5 address-change'],
];

describe('knowledge articles', () => {
  it('have the same section ids in Chinese and English, including every section the validators cite', () => {
    const sections = loadKnowledgeSections();
    for (const kind of ['policy', 'faq'] as const) {
      const ids = (language: 'en' | 'zh') => sections.filter((section) => section.kind === kind && section.language === language).map((section) => section.section);
      expect(ids('zh')).toEqual(ids('en'));
      expect(ids('en').length).toBeGreaterThanOrEqual(7);
    }
    const policyIds = sections.filter((section) => section.kind === 'policy').map((section) => section.section);
    for (const cited of Object.values(POLICY_SECTIONS)) expect(policyIds).toContain(cited);
  });

  it('rejects a malformed heading with file and line', () => {
    expect(() => parseKnowledgeMarkdown('# t\n\n## P1 Cancel order\nbody', { kind: 'policy', language: 'en', file: 'x.md' })).toThrow(KnowledgeFormatError);
    expect(() => parseKnowledgeMarkdown('# t\n\n## P1 Cancel order\nbody', { kind: 'policy', language: 'en', file: 'x.md' })).toThrow(/x\.md:3/);
  });

  it('seeds idempotently: a second run changes nothing, an edited section is updated, a removed one deleted', async () => {
    const first = await seedKnowledgeArticles(warehouse);
    expect(first.inserted).toBeGreaterThanOrEqual(28);
    const before = await warehouse.query('SELECT article_id, language, updated_at FROM knowledge_articles ORDER BY 1, 2');
    const second = await seedKnowledgeArticles(warehouse);
    expect(second).toEqual({ inserted: 0, updated: 0, unchanged: first.inserted, removed: 0 });
    expect((await warehouse.query('SELECT article_id, language, updated_at FROM knowledge_articles ORDER BY 1, 2')).rows).toEqual(before.rows);

    const sections = loadKnowledgeSections();
    const edited = sections.map((section) => (section.articleId === 'faq-F2' && section.language === 'en' ? { ...section, body: `${section.body} Edited.` } : section))
      .filter((section) => !(section.articleId === 'faq-F8'));
    const third = await seedKnowledgeArticles(warehouse, { sections: edited });
    expect(third).toMatchObject({ inserted: 0, updated: 1, removed: 2 });
    await seedKnowledgeArticles(warehouse);
    const count = await warehouse.query('SELECT count(*) AS n FROM knowledge_articles');
    expect(count.rows[0]?.n).toBe(first.inserted);
  });

  it('retrieves the right section for bilingual questions', async () => {
    await seedKnowledgeArticles(warehouse);
    let correct = 0;
    const misses: string[] = [];
    for (const [question, language, expected] of QUESTIONS) {
      const hits = await searchKnowledge(warehouse, question, { language });
      if (hits[0]?.section === expected) correct += 1;
      else misses.push(`${question} → ${hits[0]?.section ?? 'nothing'} (expected ${expected})`);
      expect(hits.every((hit) => hit.language === language)).toBe(true);
    }
    console.log(`knowledge retrieval top-1: ${correct}/${QUESTIONS.length}`, misses);
    expect(correct / QUESTIONS.length).toBeGreaterThanOrEqual(0.9);
  });
});
