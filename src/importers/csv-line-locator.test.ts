import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { locateCsvLines } from './csv-line-locator.ts';

describe('locateCsvLines', () => {
  it('maps DuckDB record numbers and row positions to editor lines across blank lines and quoted line breaks', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'locator-')), 'data.csv');
    // editor lines: 1 header, 2 row0, 3 blank, 4-5 row1 (quoted break), 6 rejected, 7 row2, 8 row3
    writeFileSync(file, 'a,b\r\n1,x\r\n\r\n2,"multi\r\nline"\r\nbad\r\n3,y\r\n4,z');
    // DuckDB numbers records: 1 header, 2 row0, 3 blank, 4 row1, 5 bad, 6 row2, 7 row3
    const answer = await locateCsvLines(file, { headerRecords: 1, rejectedRecords: [5], records: [5, 7], ordinals: [0, 1, 2, 3] });
    expect([...answer.ordinalLines.entries()].sort((left, right) => left[0] - right[0])).toEqual([[0, 2], [1, 4], [2, 7], [3, 8]]);
    expect(answer.recordLines.get(5)).toBe(6);
    expect(answer.recordLines.get(7)).toBe(8);
  });
});
