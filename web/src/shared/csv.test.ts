import { describe, expect, it } from 'vitest';
import { csvFileName, toCsv } from './csv.ts';

describe('toCsv', () => {
  const columns = [
    { id: 'city', label: '城市' },
    { id: 'gmv', label: 'GMV' },
    { id: 'rate', label: 'Conversion rate' },
  ];

  it('writes a header of labels and raw values, CRLF-terminated', () => {
    const csv = toCsv(columns, [
      { city: 'Beijing', gmv: 1234.5, rate: 0.2938 },
      { city: '上海', gmv: 99, rate: null },
    ]);
    expect(csv).toBe('城市,GMV,Conversion rate\r\nBeijing,1234.5,0.2938\r\n上海,99,\r\n');
  });

  it('quotes commas, quotes, line breaks and padded text per RFC 4180', () => {
    const csv = toCsv([{ id: 'text', label: 'Text' }], [{ text: 'a,b' }, { text: 'say "hi"' }, { text: 'two\nlines' }, { text: ' padded' }]);
    expect(csv.split('\r\n').slice(1, 5)).toEqual(['"a,b"', '"say ""hi"""', '"two\nlines"', '" padded"']);
  });

  it('defuses text that a spreadsheet would run as a formula, but leaves negative numbers (also as text) alone', () => {
    const csv = toCsv([{ id: 'value', label: 'Value' }], [{ value: '=HYPERLINK("x")' }, { value: '@SUM(A1)' }, { value: -12.5 }, { value: '-3' }]);
    expect(csv.split('\r\n').slice(1, 5)).toEqual(['"\'=HYPERLINK(""x"")"', "'@SUM(A1)", '-12.5', '-3']);
  });

  it('writes objects as JSON and non-finite numbers as empty cells', () => {
    const csv = toCsv([{ id: 'value', label: 'v' }], [{ value: { a: 1 } }, { value: Number.NaN }, { value: true }]);
    expect(csv.split('\r\n').slice(1, 4)).toEqual(['"{""a"":1}"', '', 'true']);
  });
});

describe('csvFileName', () => {
  it('keeps letters of any script and digits, dated', () => {
    expect(csvFileName('上周 GMV by city?', new Date('2026-01-02T10:00:00Z'))).toBe('shoplens-上周-GMV-by-city-2026-01-02.csv');
    expect(csvFileName('???', new Date('2026-01-02T10:00:00Z'))).toBe('shoplens-result-2026-01-02.csv');
  });
});
