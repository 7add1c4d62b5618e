import type { JsonValue } from '../sql/json-values.ts';
import type { Language } from '../text/language.ts';
import type { Unit } from './result-table.ts';

/** One formatter per precision: toLocaleString with options builds a new one every call (a support reply formats dozens). */
const groupedFormats = new Map<number, Intl.NumberFormat>();

function grouped(value: number, fractionDigits: number): string {
  let format = groupedFormats.get(fractionDigits);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits });
    groupedFormats.set(fractionDigits, format);
  }
  return format.format(value);
}

const symbols = new Map<string, string>();

/** The short sign of an ISO 4217 code (GBP → £, CNY → ¥, BRL → R$); an unknown code stays the code. */
export function currencySymbol(currency: string): string {
  let symbol = symbols.get(currency);
  if (symbol === undefined) {
    try {
      const parts = new Intl.NumberFormat('en-US', { style: 'currency', currency, currencyDisplay: 'narrowSymbol' }).formatToParts(0);
      symbol = parts.find((part) => part.type === 'currency')?.value ?? currency;
    } catch {
      symbol = currency;
    }
    // A code with no sign of its own (XYZ) reads best with a space before the number.
    if (symbol === currency) symbol = `${currency} `;
    symbols.set(currency, symbol);
  }
  return symbol;
}

/**
 * The one number formatter used for narratives and tables, so a test can check that every number in a
 * narrative is one of the result's cells formatted this way. Amounts carry the shop's currency (the result
 * column's `currency`, from the warehouse); without one (data with no recorded currency) they are plain numbers.
 */
export function formatValue(value: JsonValue | undefined, unit: Unit, language: Language, currency?: string | null): string {
  if (value === null || value === undefined) return language === 'zh' ? '无' : 'n/a';
  if (typeof value !== 'number') return String(value);
  switch (unit) {
    case 'currency': {
      const sign = currency ? currencySymbol(currency) : '';
      return value < 0 ? `-${sign}${grouped(-value, 2)}` : `${sign}${grouped(value, 2)}`;
    }
    case 'ratio':
      return `${grouped(value * 100, 2)}%`;
    case 'seconds':
      return language === 'zh' ? `${grouped(value, 1)} 秒` : `${grouped(value, 1)} s`;
    case 'days':
      return language === 'zh' ? `${grouped(value, 1)} 天` : `${grouped(value, 1)} days`;
    case 'score':
      return grouped(value, 2);
    case 'count':
    case 'integer':
    case 'number':
      return Number.isInteger(value) ? grouped(value, 0) : grouped(value, 2);
    default:
      return String(value);
  }
}

/** Change between periods, always signed, e.g. "+12.50%" or "-3.00%". */
export function formatSignedPercent(ratio: number): string {
  const text = grouped(Math.abs(ratio) * 100, 2);
  return `${ratio >= 0 ? '+' : '-'}${text}%`;
}
