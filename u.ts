import { Warehouse } from './src/sql/warehouse.ts';
import { valueIndexFor } from './src/sql/values/value-index.ts';
import { understandQuestion } from './src/analytics/understanding/understand-question.ts';
const warehouse = await Warehouse.open({ path: process.env.DB ?? '/tmp/lead/s.duckdb', mode: 'read-only' });
const values = await valueIndexFor(warehouse);
import { readFileSync } from 'node:fs';
const qs = process.argv.slice(2).flatMap((q) => q.startsWith('@') ? readFileSync(q.slice(1), 'utf8').split('\n').filter(Boolean) : [q]);
for (const q of qs) {
  const language = /\p{Script=Han}/u.test(q) ? 'zh' : 'en';
  const u = understandQuestion({ question: q, language, window: { start: process.env.WSTART ?? '2025-09-02', asOf: process.env.WASOF ?? '2025-11-30' }, values }) as any;
  console.log(q, '=>', u.kind, u.clarification ? 'CLARIFY' : '', String(JSON.stringify(u.request?.query ?? u.arguments ?? u.question ?? u.message)).slice(0, 300), '\n   ', (u.notes ?? []).join(' | ').slice(0, 400));
}
warehouse.close();
