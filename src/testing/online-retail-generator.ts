import { SeededRandom } from '../random/seeded-random.ts';

/** What the generator put into the file: exact counts of each kind of dirt, and the lines of the first ones. */
export interface GeneratedRetailFile {
  text: string;
  rows: number;
  counts: {
    duplicates: number;
    adjustments: number;
    zeroPrices: number;
    negativePrices: number;
    missingDescriptions: number;
    guestLines: number;
    cancellationLines: number;
    nonProductLines: number;
  };
  /** Editor lines (header = 1) of the first lines with a missing Description. */
  missingDescriptionLines: number[];
  /** Σ quantity × price over the kept lines of normal (non-C) invoices, in pence to stay exact. */
  revenuePence: number;
}

const COUNTRIES = ['United Kingdom', 'United Kingdom', 'United Kingdom', 'United Kingdom', 'Germany', 'France', 'EIRE', 'Spain', 'Netherlands'];
const NON_PRODUCT = [['POST', 'POSTAGE'], ['DOT', 'DOTCOM POSTAGE'], ['M', 'Manual'], ['BANK CHARGES', 'Bank Charges']] as const;

function timestamp(minutes: number): string {
  const date = new Date(Date.UTC(2010, 11, 1, 8, 0) + minutes * 60_000);
  return `${date.getUTCMonth() + 1}/${date.getUTCDate()}/${date.getUTCFullYear()} ${date.getUTCHours()}:${String(date.getUTCMinutes()).padStart(2, '0')}`;
}

/**
 * An Online Retail-format CSV (the UCI layout, month/day/year dates) with the file's known dirt in known
 * amounts: exact duplicate lines, adjustments (negative quantity on a normal invoice), zero and negative prices,
 * 0.3% missing Description, guest invoices without CustomerID, C-invoice cancellations and postage/fee codes.
 * Each dirty line has exactly one kind of dirt, so every cleaning rule's count is known exactly.
 */
export function generateOnlineRetailCsv(targetRows: number, seed = 11): GeneratedRetailFile {
  const random = new SeededRandom(seed, 'online-retail');
  const lines = ['InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country'];
  const counts = { duplicates: 0, adjustments: 0, zeroPrices: 0, negativePrices: 0, missingDescriptions: 0, guestLines: 0, cancellationLines: 0, nonProductLines: 0 };
  const missingDescriptionLines: number[] = [];
  let revenuePence = 0;
  let invoice = 536365;
  let minutes = 0;
  while (lines.length - 1 < targetRows) {
    invoice += 1;
    minutes += random.integer(1, 3);
    const guest = random.chance(0.25);
    const customer = guest ? '' : `${random.integer(12346, 18287)}.0`;
    const country = random.pick(COUNTRIES);
    const cancellation = !guest && random.chance(0.02);
    const invoiceNo = cancellation ? `C${invoice}` : String(invoice);
    const lineCount = random.integer(1, 20);
    for (let index = 0; index < lineCount && lines.length - 1 < targetRows; index += 1) {
      const code = random.integer(20000, 23999);
      let stockCode = String(code);
      let description = `PRODUCT ${code}`;
      let quantity = random.integer(1, 24);
      let pricePence = random.integer(29, 1295);
      const line = lines.length + 1;
      const dirt = random.next();
      let kind: keyof typeof counts | 'clean' = 'clean';
      if (cancellation) {
        quantity = -quantity;
        kind = 'cancellationLines';
      } else if (dirt < 0.003) {
        description = '';
        kind = 'missingDescriptions';
        if (missingDescriptionLines.length < 5) missingDescriptionLines.push(line);
      } else if (dirt < 0.004) {
        quantity = -quantity;
        kind = 'adjustments';
      } else if (dirt < 0.006) {
        pricePence = 0;
        kind = 'zeroPrices';
      } else if (dirt < 0.00605) {
        pricePence = -random.integer(1000, 100000);
        [stockCode, description] = ['B', 'Adjust bad debt'];
        kind = 'negativePrices';
      } else if (dirt < 0.011) {
        [stockCode, description] = random.pick(NON_PRODUCT);
        kind = 'nonProductLines';
      }
      const price = `${pricePence < 0 ? '-' : ''}${Math.floor(Math.abs(pricePence) / 100)}.${String(Math.abs(pricePence) % 100).padStart(2, '0')}`;
      const text = `${invoiceNo},${stockCode},${description},${quantity},${timestamp(minutes)},${price},${customer},${country}`;
      lines.push(text);
      if (kind !== 'clean') counts[kind] += 1;
      if (guest && kind !== 'zeroPrices' && kind !== 'adjustments' && kind !== 'negativePrices') counts.guestLines += 1;
      if (!cancellation && (kind === 'clean' || kind === 'missingDescriptions' || kind === 'nonProductLines')) revenuePence += quantity * pricePence;
      // An exact copy right after a clean line, as the real file has (the importer keeps the first).
      if (kind === 'clean' && !cancellation && random.chance(0.01) && lines.length - 1 < targetRows) {
        lines.push(text);
        counts.duplicates += 1;
      }
    }
  }
  return { text: `${lines.join('\n')}\n`, rows: lines.length - 1, counts, missingDescriptionLines, revenuePence };
}
