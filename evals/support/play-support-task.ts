import type { WireMessage } from '../../src/server/protocol.ts';
import { ShopperChat, type Turn } from '../../src/server/testing/real-support-kit.ts';
import type { TestServer } from '../../src/server/testing/test-server.ts';
import { checkState, snapshotState } from './database-state.ts';
import { DataMissingError, evaluateMoney, statesAmount, tableHasColumns } from './money-expressions.ts';
import { askedSlot, NO, NO_ANSWER, YES } from './shopper-simulator.ts';
import type { Fact, SupportTask } from './support-task-schema.ts';
import type { DemoCatalogue, PickedFixtures } from './task-fixtures.ts';
import { MissingTemplateValue, paymentLabels, TaskValues } from './task-values.ts';

/** Most shopper messages a task may take before the shopper gives up. */
export const MAX_SHOPPER_MESSAGES = 12;

export interface DialogueLine {
  who: 'shopper' | 'bot' | 'button';
  text: string;
  intent?: string | null;
  card?: string;
  table?: string;
  elapsedMs?: number;
}

export interface TaskResult {
  task: SupportTask;
  customerId: number;
  conversationId: string | null;
  passed: boolean;
  /** The first kind of failure: state, facts, language, handoff, stuck, error. */
  reason: string;
  problems: string[];
  lines: DialogueLine[];
  botMs: number[];
}

function tableText(message: WireMessage): string {
  return message.table ? message.table.rows.map((row) => Object.values(row).map(String).join(' | ')).join('\n') : '';
}

/** Everything the shopper was shown: reply texts, card summaries and table cells. */
function shownText(lines: DialogueLine[]): string {
  return lines
    .filter((line) => line.who === 'bot')
    .map((line) => [line.text, line.card ?? '', line.table ?? ''].join('\n'))
    .join('\n');
}

const CJK = /[\u3400-\u9fff]/u;

/** Replies in the shopper's language: an English reply may quote Chinese names and addresses, nothing else. */
function languageProblems(task: SupportTask, lines: DialogueLine[], quotable: string[]): string[] {
  const problems: string[] = [];
  for (const line of lines.filter((candidate) => candidate.who === 'bot')) {
    if (task.language === 'zh') {
      if (!CJK.test(line.text)) problems.push(`reply not in Chinese: "${line.text.slice(0, 80)}"`);
      continue;
    }
    // Chinese is allowed only where it quotes a name or address (from the data or the shopper's own words).
    const sources = [...quotable, ...lines.filter((candidate) => candidate.who === 'shopper').map((candidate) => candidate.text)];
    const foreign = (line.text.match(/[\u3400-\u9fff]+/gu) ?? []).filter((run) => !sources.some((source) => source.includes(run)));
    if (foreign.length > 0) problems.push(`reply not in English (${foreign.slice(0, 3).join(', ')}): "${line.text.slice(0, 80)}"`);
  }
  return problems;
}

async function factProblems(task: SupportTask, values: TaskValues, shown: string, server: TestServer, customerId: number): Promise<string[]> {
  const problems: string[] = [];
  // "7 天" and "7天" are the same words: spacing between digits and Chinese is a typesetting choice.
  const compact = (text: string) => text.toLowerCase().replace(/(?<=[\d\u3400-\u9fff])\s+(?=[\d\u3400-\u9fff])/gu, '');
  const lower = compact(shown);
  const states = (phrase: string) => lower.includes(compact(phrase));
  for (const fact of task.expect.facts) {
    try {
      const problem = await checkFact(fact, values, shown, states, server, customerId, task.language);
      if (problem) problems.push(problem);
    } catch (error) {
      if (error instanceof DataMissingError) problems.push(`capability missing: ${error.message}`);
      else throw error;
    }
  }
  return problems;
}

async function checkFact(fact: Fact, values: TaskValues, shown: string, states: (phrase: string) => boolean, server: TestServer, customerId: number, language: 'en' | 'zh'): Promise<string | undefined> {
  const warehouse = server.warehouse;
  if (typeof fact === 'string') {
    const forms = values.forms(fact);
    return forms.some(states) ? undefined : `not stated: ${forms.join(' / ')}`;
  }
  if ('any' in fact) {
    const forms = fact.any.map((phrase) => values.fill(phrase));
    return forms.some(states) ? undefined : `not stated: any of ${forms.join(' / ')}`;
  }
  if ('money' in fact) {
    const amount = await evaluateMoney(fact.money, values, warehouse, customerId);
    // A zero difference or refund may be said in words rather than as "¥0.00".
    const saidZero = Math.abs(amount) < 0.005 && /no (price )?difference|nothing to (pay|refund)|无差价|无需(补|退)|不用补/iu.test(shown);
    return saidZero || statesAmount(shown, amount) ? undefined : `amount not stated: ${fact.money} = ${amount.toFixed(2)}`;
  }
  if ('stock' in fact) {
    if (!(await tableHasColumns(warehouse, 'products', ['stock']))) throw new DataMissingError('no products.stock column (availability per variant)');
    const productId = Number(values.get(`${fact.stock}.product_id`));
    const stock = Number((await warehouse.query('SELECT stock FROM products WHERE product_id = $id', { id: productId })).rows[0]?.stock ?? 0);
    const phrases = stock > 0 ? (language === 'en' ? ['in stock', 'available'] : ['有货', '现货', '库存']) : language === 'en' ? ['out of stock', 'sold out', 'not available', 'unavailable'] : ['缺货', '无货', '售罄', '没货'];
    return phrases.some(states) ? undefined : `availability not stated (${stock > 0 ? 'in stock' : 'out of stock'})`;
  }
  if ('saved_methods' in fact) {
    if (!(await tableHasColumns(warehouse, 'payment_methods', ['user_id', 'kind']))) throw new DataMissingError('no payment_methods table (saved payment methods)');
    const kinds = (await warehouse.query('SELECT DISTINCT kind FROM payment_methods WHERE user_id = $user', { user: customerId })).rows.map((row) => String(row.kind));
    if (kinds.length === 0) return 'the shopper has no saved payment methods in the data';
    const missing = kinds.filter((kind) => !paymentLabels(kind, language).some(states));
    return missing.length === 0 ? undefined : `saved methods not stated: ${missing.join(', ')}`;
  }
  if (!(await tableHasColumns(warehouse, 'payments', ['order_id', 'amount']))) throw new DataMissingError('no payments table (payment history)');
  const order = values.order(fact.payments_of);
  const amounts = (await warehouse.query('SELECT amount FROM payments WHERE order_id = $order', { order: order.orderId })).rows.map((row) => Number(row.amount));
  if (amounts.length === 0) return `order ${fact.payments_of} has no payment history in the data`;
  const missing = amounts.filter((amount) => !statesAmount(shown, amount));
  return missing.length === 0 ? undefined : `payments not stated: ${missing.join(', ')}`;
}

function record(lines: DialogueLine[], turn: Turn, botMs: number[], elapsedMs: number): WireMessage {
  botMs.push(elapsedMs);
  for (const reply of turn.replies) {
    lines.push({ who: 'bot', text: reply.text, intent: reply.intent, ...(reply.confirmation ? { card: reply.confirmation.summary } : {}), ...(reply.table ? { table: tableText(reply) } : {}), elapsedMs });
  }
  return turn.reply;
}

/** Plays one task with the rule-based shopper over a real socket, then scores the database and the replies. */
export async function playSupportTask(task: SupportTask, fixtures: PickedFixtures, catalogue: DemoCatalogue, server: TestServer): Promise<TaskResult> {
  const values = new TaskValues(fixtures, catalogue, task.language);
  const lines: DialogueLine[] = [];
  const botMs: number[] = [];
  const result = (passed: boolean, reason: string, problems: string[], conversationId: string | null): TaskResult => ({ task, customerId: fixtures.customerId, conversationId, passed, reason, problems, lines, botMs });
  let script: { text: string; interrupt: boolean }[];
  try {
    script = task.say.map((step) => (typeof step === 'string' ? { text: values.fill(step), interrupt: false } : { text: values.fill(step.interrupt), interrupt: true }));
  } catch (error) {
    if (error instanceof MissingTemplateValue) return result(false, 'fixture', [`${task.id}: ${error.message}`], null);
    throw error;
  }
  const decoyIds = Object.values(fixtures.decoys).flatMap((decoy) => (decoy.orderId === null ? [] : [decoy.orderId]));
  const before = await snapshotState(server.warehouse, fixtures.customerId, decoyIds);
  const shopper = await ShopperChat.open(server, fixtures.customerId);
  let stuck = false;
  try {
    const say = async (text: string, who: 'shopper' | 'button' = 'shopper') => {
      lines.push({ who, text });
      const started = performance.now();
      const turn = await shopper.say(text);
      return record(lines, turn, botMs, performance.now() - started);
    };
    const first = script.shift();
    let reply = await say(first?.text ?? '');
    let unanswered = 0;
    for (let sent = 1; sent < MAX_SHOPPER_MESSAGES; sent++) {
      if (reply.handoff || reply.intent === 'handoff') break;
      const next = script[0];
      if (next?.interrupt) {
        script.shift();
        reply = await say(next.text);
        continue;
      }
      if (reply.confirmation) {
        const confirm = (task.answers.confirm ?? 'yes') !== 'no';
        lines.push({ who: 'button', text: confirm ? '[confirm]' : '[decline]' });
        const started = performance.now();
        const turn = await shopper.answer(reply.confirmation.confirmationId, confirm);
        reply = record(lines, turn, botMs, performance.now() - started);
        continue;
      }
      const slot = askedSlot(reply.text);
      if (slot) {
        const answer = answerFor(task, values, fixtures, slot);
        if (answer !== undefined) {
          reply = await say(answer);
          continue;
        }
        unanswered++;
        if (unanswered > 1) {
          stuck = true;
          break;
        }
        reply = await say(NO_ANSWER[task.language]);
        continue;
      }
      if (next) {
        script.shift();
        reply = await say(next.text);
        continue;
      }
      break;
    }
  } catch (error) {
    shopper.close();
    return result(false, 'error', [(error as Error).message], shopper.conversationId ?? null);
  }
  shopper.close();
  const conversationId = shopper.conversationId ?? null;
  const after = await snapshotState(server.warehouse, fixtures.customerId, decoyIds);
  const problems: { reason: string; text: string }[] = [];
  for (const text of await checkState(task, values, before, after, server.warehouse)) problems.push({ reason: text.startsWith('capability missing') ? 'capability' : 'state', text });
  const state = conversationId ? String((await server.warehouse.query('SELECT state FROM conversations WHERE conversation_id = $id', { id: conversationId })).rows[0]?.state ?? '') : '';
  const handedOff = state === 'queued' || state === 'human';
  if (task.expect.handoff && !handedOff) problems.push({ reason: 'handoff', text: 'the conversation was not handed to a person' });
  if (!task.expect.handoff && handedOff) problems.push({ reason: 'handoff', text: 'handed to a person although the bot could have done it' });
  for (const text of await factProblems(task, values, shownText(lines), server, fixtures.customerId)) problems.push({ reason: text.startsWith('capability missing') ? 'capability' : 'facts', text });
  // Quotable data: the fixtures' addresses and product titles, and the shopper's own saved addresses (the profile).
  const savedAddresses = before.profile.flatMap((row) => [String(row.full_address ?? ''), String(row.street ?? '')]);
  const quotable = [...Object.values(fixtures.orders).flatMap((order) => [order.shippingAddress ?? '', ...order.items.map((item) => catalogue.products.get(item.productId)?.titleZh ?? '')]), ...savedAddresses];
  for (const text of languageProblems(task, lines, quotable)) problems.push({ reason: 'language', text });
  if (stuck) problems.push({ reason: 'stuck', text: 'the bot kept asking for something the shopper had no answer to' });
  return result(problems.length === 0, problems[0]?.reason ?? 'passed', problems.map((problem) => problem.text), conversationId);
}

/** What the shopper says when asked: the task's answer, else what any shopper of this task would say. */
function answerFor(task: SupportTask, values: TaskValues, fixtures: PickedFixtures, slot: ReturnType<typeof askedSlot> & string): string | undefined {
  const given = task.answers[slot];
  if (given !== undefined) return values.fill(given);
  if (slot === 'human') return task.expect.handoff ? YES[task.language] : NO[task.language];
  if (slot === 'confirm') return YES[task.language];
  const orders = Object.values(fixtures.orders);
  if (slot === 'order' && orders.length === 1) return (orders[0] as { orderNo: string }).orderNo;
  return undefined;
}
