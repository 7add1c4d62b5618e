import ExcelJS from 'exceljs';
import type { Answer } from '../../analytics/answer/answer.ts';
import type { ResultColumn } from '../../presentation/result-table.ts';

/** Excel number formats by unit: the cells stay numbers (sortable, summable), only their display changes. */
const NUMBER_FORMATS: Partial<Record<ResultColumn['unit'], string>> = {
  currency: '#,##0.00',
  ratio: '0.0%',
  count: '#,##0',
  integer: '#,##0',
  number: '#,##0.##',
  score: '0.00',
  seconds: '#,##0.0',
  days: '#,##0.0',
};

function header(column: ResultColumn, language: Answer['language']): string {
  const label = language === 'zh' ? column.label_zh : column.label_en;
  return column.unit === 'currency' && column.currency ? `${label} (${column.currency})` : label;
}

function cellValue(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  return JSON.stringify(value);
}

/**
 * An .xlsx of an answer's table: one sheet with the column labels of the answer's language, raw values with number
 * formats by unit, and a second sheet with the question, SQL and as-of date. Strings are written as strings (never
 * formulas), so a cell such as "=HYPERLINK(…)" from the data cannot run in Excel.
 */
export async function answerWorkbook(answer: Answer, sheetName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'ShopLens';
  const sheet = workbook.addWorksheet(sheetName.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Result');
  sheet.columns = answer.columns.map((column) => ({ header: header(column, answer.language), key: column.id, width: Math.min(40, Math.max(12, header(column, answer.language).length + 4)) }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const row of answer.rows) sheet.addRow(Object.fromEntries(answer.columns.map((column) => [column.id, cellValue(row[column.id])])));
  answer.columns.forEach((column, index) => {
    const format = NUMBER_FORMATS[column.unit];
    if (format) sheet.getColumn(index + 1).numFmt = format;
  });
  const about = workbook.addWorksheet(answer.language === 'zh' ? '说明' : 'About');
  const labels = answer.language === 'zh' ? ['问题', 'SQL', '数据截至', '行数'] : ['Question', 'SQL', 'Data as of', 'Rows'];
  const values = [answer.question, answer.sql ?? '', answer.as_of, answer.truncated ? `${answer.rows.length}+` : String(answer.rows.length)];
  labels.forEach((label, index) => about.addRow([label, values[index] ?? '']));
  about.getColumn(1).font = { bold: true };
  about.getColumn(2).width = 100;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
