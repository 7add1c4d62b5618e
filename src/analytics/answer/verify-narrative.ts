import type { JsonRow } from '../../sql/json-values.ts';

const NUMBER = /-?\d[\d,]*(?:\.\d+)?/g;

function candidates(value: unknown): number[] {
  if (typeof value === 'number') return [value, value * 100];
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return [Number(value)];
  if (typeof value === 'string') return [...value.matchAll(NUMBER)].map((match) => Number(match[0].replace(/,/g, '')));
  return [];
}

function close(stated: number, actual: number): boolean {
  if (stated === actual) return true;
  // A stated number may be rounded: accept it when it equals the actual value at the precision it was written with.
  const decimals = (String(stated).split('.')[1] ?? '').length;
  const tolerance = 0.5 * 10 ** -decimals + 1e-9;
  return Math.abs(stated - actual) <= tolerance || Math.abs(stated - actual) <= Math.abs(actual) * 0.005;
}

/**
 * Numbers in a narrative that cannot be traced to the result rows (cells, or ratios as percentages) or to
 * the context (dates of the period, the row count). Empty when every number is grounded.
 */
export function ungroundedNumbers(text: string, rows: readonly JsonRow[], context: readonly string[] = []): string[] {
  const pool = [
    ...rows.flatMap((row) => Object.values(row).flatMap(candidates)),
    ...context.flatMap(candidates),
    rows.length,
  ];
  return [...text.matchAll(NUMBER)]
    .map((match) => match[0])
    .filter((token) => {
      const stated = Number(token.replace(/,/g, ''));
      return !pool.some((actual) => close(Math.abs(stated), Math.abs(actual)));
    });
}
