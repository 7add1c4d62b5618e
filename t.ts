import { resolveTimeExpression } from './src/sql/semantic/index.ts';
for (const q of process.argv.slice(2)) { const r = resolveTimeExpression(q, '2010-12-14'); console.log(q, '=>', r?.start, r?.end, '| prev', r?.previous.start, r?.previous.end, r?.previous.label_zh, r?.comparison); }
