// Scratch: npx tsx scratch-ask.ts <db> "q1" "+followup" @file(lines; '+' prefix = follow-up)
import { readFileSync } from 'node:fs';
import { Warehouse } from './src/sql/warehouse.ts';
import { AnalyticsAgent } from './src/analytics/analytics-agent.ts';
const [db, ...rest] = process.argv.slice(2);
const questions: string[] = [];
for (const item of rest) {
  if (item.startsWith('@')) questions.push(...readFileSync(item.slice(1), 'utf8').split('\n').map((l) => l.split('\t')[0]!.trim()).filter(Boolean));
  else questions.push(item);
}
const warehouse = await Warehouse.open({ path: db!, mode: 'sandboxed', memoryLimit: '2GB' });
const agent = await AnalyticsAgent.create({ warehouse });
let conversationId: string | undefined;
for (const raw of questions) {
  const followUp = raw.startsWith('+');
  const question = followUp ? raw.slice(1).trim() : raw;
  const outcome: any = await agent.ask(question, { conversationId: followUp ? conversationId : undefined, planner: 'offline' } as any);
  conversationId = outcome.conversationId;
  const a = outcome.answer;
  console.log(`\n### ${followUp ? '+ ' : ''}${question}\n[${a.status}] ${String(a.answer).slice(0, 400).replace(/\n/g, ' ⏎ ')}`);
  if (a.sql) console.log('  SQL: ' + String(a.sql).replace(/\s+/g, ' ').slice(0, 500));
  if (a.rows?.length) console.log('  rows: ' + JSON.stringify(a.rows.slice(0, 4)).slice(0, 300));
}
await warehouse.close?.();
process.exit(0);
