import type { ToolOutcome } from '../../agent/planner.ts';

/** Every number written in a text: "¥1,699.00" → 1699, "2025-11-05" → 2025, 11, 5, "SL2025…" → its digits. */
export function numbersIn(text: string): number[] {
  return (text.normalize('NFKC').replace(/(\d),(?=\d{3}\b)/g, '$1').match(/\d+(?:\.\d+)?/g) ?? []).map(Number);
}

function collectNumbers(value: unknown, into: Set<number>): void {
  if (typeof value === 'number') into.add(value);
  else if (typeof value === 'string') for (const number of numbersIn(value)) into.add(number);
  else if (Array.isArray(value)) for (const item of value) collectNumbers(item, into);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) collectNumbers(item, into);
}

/**
 * Numbers in a model's reply that no tool result (and not the shopper's own message) contains: an invented price,
 * date, amount or policy limit. An empty list means every number is backed by something the tools returned.
 */
export function unsupportedNumbers(text: string, outcomes: readonly ToolOutcome[], question: string): number[] {
  const known = new Set<number>();
  for (const outcome of outcomes) if (outcome.ok) collectNumbers(outcome.result, known);
  collectNumbers(question, known);
  const close = (left: number, right: number) => Math.abs(left - right) < 0.005;
  return numbersIn(text).filter((number) => ![...known].some((candidate) => close(candidate, number)));
}

/** Phrases claiming a write already happened: only a committed confirmation may say that, never the model. */
const CLAIMS_DONE = /(已(经)?(为您)?(取消|退货|换货|修改|改好|提交|办理)|has been (cancelled|canceled|returned|exchanged|changed|updated)|i have (cancelled|canceled|changed|updated|returned))/iu;

export function claimsCompletedWrite(text: string): boolean {
  return CLAIMS_DONE.test(text);
}
