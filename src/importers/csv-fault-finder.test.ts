import { rmSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { findCsvFault } from './csv-fault-finder.ts';
import { ImportError } from './import-error.ts';
import { runImport } from './run-import.ts';
import { temporaryFolder, warehouseFactory, writeTestFile } from './test-files.ts';

const folder = temporaryFolder('csv-fault');
const warehouses = warehouseFactory(folder);
afterEach(() => warehouses.closeAll());
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const HEADER = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country';
const ROW = '536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom';

describe('findCsvFault', () => {
  it.each([
    ['a lone carriage return', `a,b,c\n1,2\r3\n`, { line: 2, fieldIndex: 1 }, /carriage return/],
    ['a NUL byte', `a,b,c\n1,2,3\n4,\u0000,6\n`, { line: 3, fieldIndex: 1 }, /NUL/],
    ['a quote inside an unquoted value', `a,b,c\n1,x"y,3\n`, { line: 2, fieldIndex: 1 }, /double quote/],
    ['text after a closing quote', `a,b,c\n1,"x"y,3\n`, { line: 2, fieldIndex: 1 }, /after the closing quote/],
    ['an unclosed quote', `a,b,c\n1,2,3\n4,5,"six\n7,8,9\n`, { line: 3, fieldIndex: 2 }, /never closed/],
  ])('locates %s', async (_name, content, where, reason) => {
    const file = writeTestFile(folder, `fault-${Math.random().toString(36).slice(2)}.csv`, content);
    const fault = await findCsvFault(file);
    expect(fault).toMatchObject(where);
    expect(fault?.reason).toMatch(reason);
  });

  it('finds nothing in a valid file with escaped quotes, quoted commas and line breaks, and CRLF endings', async () => {
    const file = writeTestFile(folder, 'valid.csv', 'a,b,c\r\n1,"x ""quoted"", y",3\r\n4,"multi\r\nline",6\r\n');
    expect(await findCsvFault(file)).toBeUndefined();
  });
});

describe('a CSV that breaks the reader', () => {
  it('is an ImportError naming the file, line and column, not "CSV Parser state machine reached an invalid state"', async () => {
    const file = writeTestFile(folder, 'mixed-endings.csv', `${HEADER}\n${ROW}\n536366,22633,HAND WARMER\rUNION JACK,6,2010-12-01 08:28:00,1.85,17850.0,United Kingdom\n${ROW}\n`);
    const warehouse = await warehouses.fresh();
    const error = await runImport(warehouse, { format: 'online-retail', files: [file] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ImportError);
    const importError = error as ImportError;
    expect(importError).toMatchObject({ file, line: 3, column: 'Description' });
    expect(importError.message).toContain(`${file}, line 3, column "Description"`);
    expect(importError.reason).toMatch(/carriage return/);
    expect(importError.message).not.toMatch(/state machine/);
    const rows = await warehouse.query('SELECT (SELECT count(*) FROM orders) AS orders, (SELECT count(*) FROM import_runs) AS runs');
    expect(rows.rows).toEqual([{ orders: 0, runs: 0 }]);
  });
});
