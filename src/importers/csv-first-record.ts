import { open } from 'node:fs/promises';

/** Splits one CSV record (RFC 4180 quoting, "" as an escaped quote) into fields. */
export function splitCsvRecord(text: string, delimiter = ','): string[] {
  const fields: string[] = [];
  let field = '';
  let inQuotes = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (inQuotes) {
      if (character === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (character === '"') inQuotes = false;
      else field += character;
    } else if (character === '"') inQuotes = true;
    else if (character === delimiter) {
      fields.push(field);
      field = '';
    } else field += character;
  }
  fields.push(field);
  return fields;
}

/**
 * The first record of a CSV file (the header, when it has one), read without loading the file:
 * at most the first 1 MiB, BOM stripped, line ending removed.
 */
export async function readFirstCsvRecord(file: string, delimiter = ','): Promise<string[]> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(1 << 20);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    let text = buffer.subarray(0, bytesRead).toString('utf8');
    if (text.startsWith('\uFEFF')) text = text.slice(1);
    let inQuotes = false;
    let end = text.length;
    for (let index = 0; index < text.length; index += 1) {
      const character = text[index];
      if (character === '"') inQuotes = !inQuotes;
      else if (character === '\n' && !inQuotes) {
        end = index;
        break;
      }
    }
    return splitCsvRecord(text.slice(0, end).replace(/\r$/, ''), delimiter);
  } finally {
    await handle.close();
  }
}
