// scratch: npx tsx ask.ts <db> "q1" "+followup" "@file"
import { readFileSync } from 'node:fs';
import { Warehouse } from './src/sql/warehouse.ts';
import { AnalyticsAgent } from './src/analytics/analytics-agent.ts';
const [db, ...qs] = process.argv.slice(2);
const questions = qs.flatMap((q) => q.startsWith('@') ? readFileSync(q.slice(1), 'utf8').split('\n').filter(Boolean) : [q]);
const warehouse = await Warehouse.open({ path: db, mode: 'sandboxed', memoryLimit: '2GB' });
const agent = await AnalyticsAgent.create({ warehouse });
let conversationId: string | undefined;
for (const raw of questions) {
  const follow = raw.startsWith('+');
  const q = follow ? raw.slice(1) : raw;
  const { answer, conversationId: id } = await agent.ask(q, { conversationId: follow ? conversationId : undefined, planner: 'offline' }) as any;
  conversationId = id ?? answer.conversation_id ?? conversationId;
  console.log(`\n### ${raw}\n[${answer.status}] ${String(answer.answer ?? answer.text ?? answer.message ?? '').slice(0, 400)}`);
  if (answer.sql) console.log('SQL:', answer.sql.replace(/\s+/g, ' ').slice(0, 600));
  if (answer.rows) console.log('rows:', JSON.stringify(answer.rows.slice(0, 5)).slice(0, 400), `(${answer.rows.length})`);
}
warehouse.close();
