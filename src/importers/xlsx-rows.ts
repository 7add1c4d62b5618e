import ExcelJS from 'exceljs';
import { ImportError } from './import-error.ts';

export interface XlsxRow {
  /** Spreadsheet row number (1-based, as Excel shows it). */
  line: number;
  cells: (string | null)[];
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** Excel stores naive local times; exceljs hands them over as UTC Dates, so UTC fields give the cell's text back. */
function dateText(date: Date): string {
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  return `${day} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

/** A cell as the text a CSV export would hold, or null when empty. */
export function cellText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : dateText(value);
  if (typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if (Array.isArray(object.richText)) return object.richText.map((part) => String((part as { text?: unknown }).text ?? '')).join('');
    if ('result' in object) return cellText(object.result);
    if ('text' in object) return cellText(object.text);
    if ('error' in object) return String(object.error);
  }
  return String(value);
}

/**
 * Streams the rows of the first worksheet (exceljs' streaming reader, so large workbooks are not loaded
 * whole). Empty rows are skipped; `line` keeps Excel's row number for error messages.
 */
export async function* readXlsxRows(file: string): AsyncGenerator<XlsxRow> {
  let reader: ExcelJS.stream.xlsx.WorkbookReader;
  try {
    reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'ignore',
    });
  } catch (error) {
    throw new ImportError({ file, reason: `cannot open the workbook: ${(error as Error).message}`, hint: 'Check that the file is a valid .xlsx workbook.', cause: error });
  }
  // True while the consumer holds a row: if it stops there (readXlsxHeader takes one row and returns), an error
  // from closing exceljs' streams is about data nobody asked for and must not replace the consumer's own outcome.
  let consumerHoldsRow = false;
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet) {
        const values = Array.isArray(row.values) ? row.values.slice(1) : [];
        const cells = values.map(cellText);
        // Sparse arrays from exceljs have holes for empty cells.
        for (let index = 0; index < cells.length; index += 1) if (cells[index] === undefined) cells[index] = null;
        if (cells.some((cell) => cell !== null && cell.trim() !== '')) {
          consumerHoldsRow = true;
          yield { line: row.number, cells };
          consumerHoldsRow = false;
        }
      }
      return;
    }
  } catch (error) {
    if (error instanceof ImportError) throw error;
    if (consumerHoldsRow) return;
    throw new ImportError({
      file,
      reason: `cannot read the workbook: ${(error as Error).message}`,
      hint: 'Open and re-save it in a spreadsheet program, or export the sheet as UTF-8 CSV.',
      cause: error,
    });
  }
}
