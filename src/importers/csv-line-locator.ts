import { createReadStream } from 'node:fs';

export interface CsvLineQuery {
  /** Records before the data (1 for a header line, else 0). */
  headerRecords: number;
  /** DuckDB record numbers (its reject tables' `line`) of records the reader rejected. */
  rejectedRecords: readonly number[];
  /** DuckDB record numbers to translate into editor lines. */
  records?: readonly number[];
  /** 0-based positions of data rows as DuckDB returned them (header, blank and rejected records skipped). */
  ordinals?: readonly number[];
}

export interface CsvLineAnswer {
  recordLines: Map<number, number>;
  ordinalLines: Map<number, number>;
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const QUOTE = 0x22;

/**
 * Translates DuckDB's positions into the 1-based line a text editor shows. DuckDB counts records (a quoted
 * field with line breaks is one record, blank lines count) and returns rows without blank or rejected
 * records, so neither its record number nor a row's position is the editor line. One quote-aware scan,
 * stopped as soon as every requested position is found; used only to report errors and examples.
 */
export async function locateCsvLines(file: string, query: CsvLineQuery): Promise<CsvLineAnswer> {
  const wantedRecords = new Set(query.records ?? []);
  const wantedOrdinals = new Set(query.ordinals ?? []);
  const rejected = new Set(query.rejectedRecords);
  const answer: CsvLineAnswer = { recordLines: new Map(), ordinalLines: new Map() };
  let remaining = wantedRecords.size + wantedOrdinals.size;
  if (remaining === 0) return answer;

  let recordNumber = 1;
  let recordStartLine = 1;
  let physicalLine = 1;
  let hasContent = false;
  let inQuotes = false;
  let ordinal = 0;

  const finishRecord = () => {
    if (wantedRecords.has(recordNumber)) {
      answer.recordLines.set(recordNumber, recordStartLine);
      remaining -= 1;
    }
    if (recordNumber > query.headerRecords && hasContent && !rejected.has(recordNumber)) {
      if (wantedOrdinals.has(ordinal)) {
        answer.ordinalLines.set(ordinal, recordStartLine);
        remaining -= 1;
      }
      ordinal += 1;
    }
    recordNumber += 1;
    recordStartLine = physicalLine;
    hasContent = false;
  };

  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      for (let index = 0; index < chunk.length; index += 1) {
        const byte = chunk[index];
        if (byte === NEWLINE) {
          physicalLine += 1;
          if (!inQuotes) {
            finishRecord();
            if (remaining === 0) return answer;
          }
        } else if (byte === QUOTE) {
          inQuotes = !inQuotes;
          hasContent = true;
        } else if (byte !== CARRIAGE_RETURN) hasContent = true;
      }
    }
    if (hasContent) finishRecord();
    return answer;
  } finally {
    stream.destroy();
  }
}
