import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../sql/warehouse.ts';
import { ImportConflictError, ImportError } from './import-error.ts';
import type { ImportFormat } from './import-report.ts';
import { runImport } from './run-import.ts';
import { temporaryFolder, warehouseFactory, writeTestFile } from './test-files.ts';
import { warehouseChecksum } from './warehouse-checksum.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/online-retail-edge-cases.csv', import.meta.url));
const HEADER = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country';
const GOOD = '536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom';
const folder = temporaryFolder('atomicity');
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const warehouses = warehouseFactory(folder);
let warehouse: Warehouse;

beforeAll(async () => {
  warehouse = await warehouses.fresh();
  // A warehouse that already holds an import, so "unchanged" covers real rows and an import_runs row.
  await runImport(warehouse, { format: 'online-retail', files: [FIXTURE] });
});
afterAll(warehouses.closeAll);

/** Deterministic bytes that are neither text nor UTF-16. */
function garbage(length: number): Buffer {
  const bytes = Buffer.alloc(length);
  let state = 12345;
  for (let index = 0; index < length; index += 1) {
    state = (state * 1103515245 + 12345) % 2147483648;
    bytes[index] = state >> 16 & 0xff;
  }
  bytes[7] = 0;
  return bytes;
}

interface BadInput {
  name: string;
  file: () => Promise<string> | string;
  format?: ImportFormat;
  line: number | undefined;
  column?: string;
  says: string;
}

const cases: BadInput[] = [
  { name: 'missing file', file: () => path.join(folder, 'does-not-exist.csv'), line: undefined, says: 'file not found' },
  { name: 'empty file', file: () => writeTestFile(folder, 'empty.csv', ''), line: 1, says: 'the file is empty' },
  { name: 'header only', file: () => writeTestFile(folder, 'header-only.csv', `${HEADER}\n`), line: 2, says: 'no data rows' },
  {
    name: 'missing required header',
    file: () => writeTestFile(folder, 'no-quantity.csv', `InvoiceNo,StockCode,Description,InvoiceDate,UnitPrice,CustomerID,Country\n536365,85123A,X,2010-12-01 08:26:00,2.55,17850,UK\n`),
    line: 1,
    column: 'Quantity',
    says: 'missing required column Quantity',
  },
  {
    name: 'UTF-16 with BOM',
    file: () => writeTestFile(folder, 'utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${HEADER}\n${GOOD}\n`, 'utf16le')])),
    line: 1,
    says: 'UTF-16',
  },
  {
    name: 'UTF-16 without BOM',
    file: () => writeTestFile(folder, 'utf16-no-bom.csv', Buffer.from(`${HEADER}\n${GOOD}\n`, 'utf16le')),
    line: 1,
    says: 'UTF-16',
  },
  {
    name: 'Latin-1 near the top',
    file: () => writeTestFile(folder, 'latin1.csv', Buffer.from(`${HEADER}\n${GOOD}\n536366,22633,CAFÉ MUG,1,2010-12-01 08:28:00,1.85,17850,France\n`, 'latin1')),
    line: 3,
    says: 'not valid UTF-8',
  },
  {
    name: 'Latin-1 past the first MiB (found by the CSV reader)',
    file: () => {
      const lines = [HEADER, ...Array.from({ length: 12000 }, (_, index) => `5${String(index).padStart(5, '0')},85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom`)];
      lines[11999] = '611999,22633,CAFÉ MUG,1,2010-12-01 08:28:00,1.85,17850,France';
      return writeTestFile(folder, 'latin1-late.csv', Buffer.from(`${lines.join('\n')}\n`, 'latin1'));
    },
    line: 12000,
    column: 'Description',
    says: 'not valid UTF-8',
  },
  { name: 'binary garbage', file: () => writeTestFile(folder, 'garbage.csv', garbage(4096)), line: 1, says: 'binary data' },
  {
    name: 'bad date',
    file: () => writeTestFile(folder, 'bad-date.csv', `${HEADER}\n${GOOD}\n${GOOD.replace('536365', '536366')}\n536367,22633,MUG,1,2010-13-45 08:28:00,1.85,17850,France\n`),
    line: 4,
    column: 'InvoiceDate',
    says: 'cannot read "2010-13-45 08:28:00" as a date',
  },
  {
    name: 'unparsable number',
    file: () => writeTestFile(folder, 'bad-number.csv', `${HEADER}\n${GOOD}\n536366,22633,MUG,six,2010-12-01 08:28:00,1.85,17850,France\n`),
    line: 3,
    column: 'Quantity',
    says: 'cannot read "six" as a whole number',
  },
  {
    name: 'wrong number of fields',
    file: () => writeTestFile(folder, 'short-row.csv', `${HEADER}\n${GOOD}\n536366,22633,MUG,1\n`),
    line: 3,
    column: 'InvoiceDate',
    says: 'wrong number of fields (expected 8, found 4)',
  },
  {
    name: 'bad date after a quoted line break, a blank line and CRLF endings',
    file: () =>
      writeTestFile(folder, 'multiline.csv', [HEADER, '536365,85123A,"HEART\nHOLDER",6,2010-12-01 08:26:00,2.55,17850.0,UK', '', GOOD, '536367,22633,MUG,1,yesterday,1.85,17850,France', ''].join('\r\n')),
    line: 6,
    column: 'InvoiceDate',
    says: 'cannot read "yesterday"',
  },
  { name: 'XLSX bytes in a .csv file', file: () => writeTestFile(folder, 'workbook.csv', Buffer.from('PK\u0003\u0004rest-of-zip')), line: 1, says: 'ZIP/XLSX' },
  { name: 'corrupt .xlsx', file: () => writeTestFile(folder, 'corrupt.xlsx', Buffer.concat([Buffer.from('PK\u0003\u0004'), garbage(2000)])), line: undefined, says: 'workbook' },
  {
    name: 'XLSX without the required columns',
    file: async () => {
      const workbook = new ExcelJS.Workbook();
      workbook.addWorksheet('Sheet1').addRow(['Invoice', 'Code', 'Amount']);
      const file = path.join(folder, 'wrong-columns.xlsx');
      await workbook.xlsx.writeFile(file);
      return file;
    },
    line: 1,
    column: 'Quantity',
    says: 'missing required column Quantity',
  },
  {
    name: 'taobao: unparsable number',
    format: 'taobao-user-behavior',
    file: () => writeTestFile(folder, 'taobao-bad.csv', '1,100,4756105,pv,1511544070\n1,abc,4756105,pv,1511544070\n'),
    line: 2,
    column: 'item_id',
    says: 'cannot read "abc" as a whole number',
  },
];

describe('a failed import leaves the warehouse exactly as it was', () => {
  it.each(cases)('$name', async (input) => {
    const file = await input.file();
    const before = await warehouseChecksum(warehouse);
    const failure = await runImport(warehouse, { format: input.format ?? 'online-retail', files: [file] }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ImportError);
    const error = failure as ImportError;
    // One comparison, so a failure shows the whole error (its message says which path produced it).
    expect({ file: error.file, line: error.line, column: error.column, message: error.message })
      .toEqual({ file, line: input.line, column: input.column, message: expect.stringContaining(input.says) });
    expect(error.message).toContain(input.line === undefined ? file : `${file}, line ${input.line}`);
    if (input.column) expect(error.message).toContain(`column "${input.column}"`);
    expect(await warehouseChecksum(warehouse)).toEqual(before);
  });

  it('rolls back rows already written when a conflict is found late in the import', async () => {
    const other = await warehouses.fresh();
    await other.run(`INSERT INTO users (user_id, user_name, source) VALUES (13047, 'demo shopper', 'demo')`);
    const before = await warehouseChecksum(other);
    const failure = await runImport(other, { format: 'online-retail', files: [FIXTURE] }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ImportConflictError);
    expect((failure as Error).message).toContain('users id 13047 already exists');
    expect(await warehouseChecksum(other)).toEqual(before);
  });
});
