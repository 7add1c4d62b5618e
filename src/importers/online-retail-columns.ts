import { ImportError } from './import-error.ts';

/** Staging column names of the Online Retail fields, in the UCI file's order. */
export const RETAIL_FIELDS = [
  'invoice_no',
  'stock_code',
  'description',
  'quantity',
  'invoice_date',
  'unit_price',
  'customer_id',
  'country',
] as const;
export type RetailField = (typeof RETAIL_FIELDS)[number];

export const RETAIL_HEADER_NAMES: Record<RetailField, string> = {
  invoice_no: 'InvoiceNo',
  stock_code: 'StockCode',
  description: 'Description',
  quantity: 'Quantity',
  invoice_date: 'InvoiceDate',
  unit_price: 'UnitPrice',
  customer_id: 'CustomerID',
  country: 'Country',
};

/** Header spellings accepted per field, compared lower-case without spaces or underscores ("Online Retail II" uses Invoice, Price, Customer ID). */
const ALIASES: Record<RetailField, readonly string[]> = {
  invoice_no: ['invoiceno', 'invoice', 'invoicenumber'],
  stock_code: ['stockcode'],
  description: ['description'],
  quantity: ['quantity'],
  invoice_date: ['invoicedate'],
  unit_price: ['unitprice', 'price'],
  customer_id: ['customerid', 'customer'],
  country: ['country'],
};

function normalize(name: string): string {
  return name.replace(/^\uFEFF/, '').toLowerCase().replace(/[\s_-]+/g, '');
}

/** Which header cell feeds which field; fields the file lacks are absent. */
export interface RetailHeader {
  /** Field of each header cell, or null for columns the importer ignores. */
  cellFields: (RetailField | null)[];
  present: Set<RetailField>;
  headerText: string[];
}

/**
 * Matches a header row to the Online Retail fields. Quantity, InvoiceDate, UnitPrice and one of StockCode /
 * Description are required; InvoiceNo, CustomerID and Country may be missing (documented fallbacks).
 */
export function resolveRetailHeader(file: string, header: readonly string[]): RetailHeader {
  const cellFields: (RetailField | null)[] = [];
  const present = new Set<RetailField>();
  header.forEach((cell, index) => {
    const normalized = normalize(cell);
    const field = RETAIL_FIELDS.find((candidate) => ALIASES[candidate].includes(normalized)) ?? null;
    if (field && present.has(field)) {
      throw new ImportError({
        file,
        line: 1,
        column: cell,
        reason: `column ${RETAIL_HEADER_NAMES[field]} appears twice (again in header cell ${index + 1})`,
        hint: 'Remove or rename the duplicate column and import again.',
      });
    }
    if (field) present.add(field);
    cellFields.push(field);
  });
  const expected = RETAIL_FIELDS.map((field) => RETAIL_HEADER_NAMES[field]).join(', ');
  const separator = header.length === 1 ? [';', '\t', '|'].find((candidate) => header[0]?.includes(candidate)) : undefined;
  const separatorHint = separator ? ` The header looks ${separator === '\t' ? 'tab' : `"${separator}"`}-separated; export the file comma-separated.` : '';
  for (const field of ['quantity', 'invoice_date', 'unit_price'] as const) {
    if (!present.has(field)) {
      throw new ImportError({
        file,
        line: 1,
        column: RETAIL_HEADER_NAMES[field],
        reason: `missing required column ${RETAIL_HEADER_NAMES[field]} (header: ${header.join(', ') || 'empty'})`,
        hint: `The first line must name the Online Retail columns: ${expected}.${separatorHint}`,
      });
    }
  }
  if (!present.has('stock_code') && !present.has('description')) {
    throw new ImportError({
      file,
      line: 1,
      column: 'StockCode',
      reason: 'missing both StockCode and Description, so products cannot be identified',
      hint: `The first line must name the Online Retail columns: ${expected}.`,
    });
  }
  return { cellFields, present, headerText: [...header] };
}
