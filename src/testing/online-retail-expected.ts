/**
 * The documented Online Retail cleaning rules (docs/importers.md) written again in plain TypeScript, with an
 * RFC 4180 reader of its own, so tests check the importer and the answers against numbers that share no code
 * with them.
 */
/** An independent RFC 4180 reader (quoted fields, "" escapes), so the check does not reuse importer code. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (character === '"') quoted = false;
      else field += character;
    } else if (character === '"') quoted = true;
    else if (character === ',') {
      row.push(field);
      field = '';
    } else if (character === '\n') {
      row.push(field.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      field = '';
    } else field += character;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

export interface RetailLine {
  invoice: string;
  stockCode: string;
  quantity: number;
  date: string;
  priceCents: number;
  customer: number | null;
  cancelled: boolean;
  description: string;
  country: string;
}

/** The documented cleaning rules, applied in plain TypeScript. */
export function expectedFromRules(text: string) {
  const [, ...records] = parseCsv(text);
  const seen = new Set<string>();
  const kept: RetailLine[] = [];
  for (const record of records) {
    const [invoice = '', stockCode = '', description = '', quantityText = '', date = '', priceText = '', customerText = '', country = ''] = record.map((value) => value.trim());
    const quantity = Number(quantityText);
    const priceCents = Math.round(Number(priceText) * 100);
    const customer = customerText === '' ? null : Math.round(Number(customerText));
    const key = JSON.stringify([invoice, stockCode, description, quantity, date, priceCents, customer, country]);
    if (seen.has(key)) continue; // exact duplicate
    seen.add(key);
    const cancelled = invoice.toUpperCase().startsWith('C');
    if (!cancelled && quantity < 0) continue; // adjustment
    if (quantity === 0 || priceCents <= 0) continue; // zero quantity, zero or negative price
    kept.push({ invoice, stockCode, quantity, date, priceCents, customer, cancelled, description, country });
  }
  const firstPurchase = new Map<string, string>();
  for (const line of kept.filter((candidate) => !candidate.cancelled && candidate.customer !== null)) {
    const key = `${line.customer}|${line.stockCode}`;
    const earliest = firstPurchase.get(key);
    if (earliest === undefined || line.date < earliest) firstPurchase.set(key, line.date);
  }
  const cancellationStatus = new Map<string, 'cancelled' | 'returned'>();
  for (const line of kept.filter((candidate) => candidate.cancelled)) {
    const bought = line.customer === null ? undefined : firstPurchase.get(`${line.customer}|${line.stockCode}`);
    const returned = bought !== undefined && bought < line.date;
    if (returned || !cancellationStatus.has(line.invoice)) cancellationStatus.set(line.invoice, returned ? 'returned' : (cancellationStatus.get(line.invoice) ?? 'cancelled'));
  }
  const revenueCents = kept.filter((line) => !line.cancelled).reduce((sum, line) => sum + line.quantity * line.priceCents, 0);
  return {
    lines: kept.length,
    orders: new Set(kept.map((line) => line.invoice)).size,
    cancelled: [...cancellationStatus.values()].filter((status) => status === 'cancelled').length,
    returned: [...cancellationStatus.values()].filter((status) => status === 'returned').length,
    customers: new Set(kept.filter((line) => line.customer !== null).map((line) => line.customer)).size,
    products: new Set(kept.map((line) => line.stockCode)).size,
    revenue: revenueCents / 100,
    keptLines: kept,
    cancellationStatus,
  };
}

