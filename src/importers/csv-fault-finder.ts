import { createReadStream } from 'node:fs';

/** The first place where a file breaks the CSV rules DuckDB's strict reader follows. */
export interface CsvFault {
  /** 1-based line as a text editor shows it (lines end at LF). */
  line: number;
  /** 0-based field within the record. */
  fieldIndex: number;
  reason: string;
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const QUOTE = 0x22;
const COMMA = 0x2c;
const NUL = 0x00;

/**
 * Finds where a CSV file goes wrong when DuckDB's reader fails without saying where ("The CSV Parser state machine
 * reached an invalid state"): a lone carriage return, a NUL byte, a quote inside an unquoted value, text after a
 * closing quote, or a quoted value never closed. One streaming, quote-aware scan that stops at the first fault;
 * used only on the error path.
 */
export async function findCsvFault(file: string): Promise<CsvFault | undefined> {
  let line = 1;
  let fieldIndex = 0;
  let fieldStart = true;
  let inQuotes = false;
  let afterClosingQuote = false;
  let quoteOpenedAt = { line: 1, fieldIndex: 0 };
  // Decisions that need the next byte, carried across chunk boundaries.
  let pendingQuoteInQuotes = false;
  let pendingCarriageReturn = false;
  const fault = (reason: string, at = { line, fieldIndex }): CsvFault => ({ line: at.line, fieldIndex: at.fieldIndex, reason });

  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      for (let index = 0; index < chunk.length; index += 1) {
        const byte = chunk[index] as number;
        if (pendingCarriageReturn) {
          pendingCarriageReturn = false;
          if (byte !== NEWLINE) return fault('a line ends with a lone carriage return (CR) while lines must end with LF or CRLF; re-save the file with one line-ending style');
        }
        if (pendingQuoteInQuotes) {
          pendingQuoteInQuotes = false;
          if (byte === QUOTE) continue; // "" is an escaped quote inside a quoted value
          inQuotes = false;
          afterClosingQuote = true;
        }
        if (inQuotes) {
          if (byte === QUOTE) pendingQuoteInQuotes = true;
          else if (byte === NEWLINE) line += 1;
          else if (byte === NUL) return fault('a NUL byte (binary data) inside a quoted value');
          continue;
        }
        switch (byte) {
          case COMMA:
            fieldIndex += 1;
            fieldStart = true;
            afterClosingQuote = false;
            break;
          case NEWLINE:
            line += 1;
            fieldIndex = 0;
            fieldStart = true;
            afterClosingQuote = false;
            break;
          case CARRIAGE_RETURN:
            pendingCarriageReturn = true;
            break;
          case QUOTE:
            if (!fieldStart) return fault('a double quote (") inside a value that does not start with one; quote the whole value and double the inner quotes ("")');
            inQuotes = true;
            fieldStart = false;
            quoteOpenedAt = { line, fieldIndex };
            break;
          case NUL:
            return fault('a NUL byte (binary data), so this is not a text CSV file');
          default:
            if (afterClosingQuote) return fault('text after the closing quote of a quoted value; quote the whole value and double the inner quotes ("")');
            fieldStart = false;
        }
      }
    }
    if (inQuotes && !pendingQuoteInQuotes) return fault('a quoted value starts here and is never closed', quoteOpenedAt);
    return undefined;
  } finally {
    stream.destroy();
  }
}
