import { open, stat } from 'node:fs/promises';
import { ImportError } from './import-error.ts';
import { firstInvalidUtf8Byte } from './utf8-validation.ts';

export type SourceKind = 'text' | 'xlsx' | 'parquet';

export interface SourceFileInfo {
  sizeBytes: number;
  hasUtf8Bom: boolean;
}

/** Checking the first MiB catches wrong encodings in milliseconds; DuckDB's reader checks the rest. */
const SAMPLE_BYTES = 1 << 20;

function lineOfOffset(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset; index += 1) if (bytes[index] === 0x0a) line += 1;
  return line;
}

async function readSample(file: string): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

/** UTF-16 text without a BOM: ASCII characters leave NUL in every other byte (odd ones for LE, even for BE). */
function looksLikeUtf16(sample: Uint8Array): boolean {
  const window = sample.subarray(0, 512);
  let evenZeros = 0;
  let oddZeros = 0;
  window.forEach((byte, index) => {
    if (byte === 0) {
      if (index % 2 === 0) evenZeros += 1;
      else oddZeros += 1;
    }
  });
  const pairs = Math.max(1, Math.floor(window.length / 2));
  return (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) || (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05);
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const PARQUET_MAGIC = [0x50, 0x41, 0x52, 0x31];

/**
 * Cheap checks before anything is written: the file exists, is not empty and, for text, is UTF-8
 * (UTF-16, Latin-1 and binary files are refused with the line of the first bad byte).
 */
export async function checkSourceFile(file: string, kind: SourceKind): Promise<SourceFileInfo> {
  let size: number;
  try {
    const stats = await stat(file);
    if (!stats.isFile()) {
      throw new ImportError({ file, reason: 'is not a regular file', hint: 'Pass the path of a data file, not a folder.' });
    }
    size = stats.size;
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError({ file, reason: 'file not found or not readable', hint: 'Check the path and the file permissions.', cause: error });
  }
  if (size === 0) {
    throw new ImportError({ file, line: 1, reason: 'the file is empty', hint: 'Export the data again; nothing was imported.' });
  }
  const sample = await readSample(file);
  if (kind === 'xlsx') {
    if (!startsWith(sample, ZIP_MAGIC)) {
      throw new ImportError({ file, reason: 'not an XLSX workbook (no ZIP signature)', hint: 'Save the sheet as .xlsx, or export it as UTF-8 CSV and import the .csv file.' });
    }
    return { sizeBytes: size, hasUtf8Bom: false };
  }
  if (kind === 'parquet') {
    if (!startsWith(sample, PARQUET_MAGIC)) {
      throw new ImportError({ file, reason: 'not a Parquet file (no PAR1 signature)', hint: 'Use --format csv for text files, or re-export the data as Parquet.' });
    }
    return { sizeBytes: size, hasUtf8Bom: false };
  }
  if (startsWith(sample, ZIP_MAGIC)) {
    throw new ImportError({ file, line: 1, reason: 'this is a ZIP/XLSX file, not CSV text', hint: 'Give the workbook a .xlsx name (online-retail reads XLSX) or export it as UTF-8 CSV.' });
  }
  if (startsWith(sample, [0xff, 0xfe]) || startsWith(sample, [0xfe, 0xff])) {
    throw new ImportError({ file, line: 1, reason: 'the file is UTF-16 encoded', hint: 'Re-save it as UTF-8 (e.g. "iconv -f UTF-16 -t UTF-8 in.csv > out.csv") and import again.' });
  }
  const nulIndex = sample.indexOf(0);
  if (nulIndex >= 0) {
    const looksUtf16 = looksLikeUtf16(sample);
    throw new ImportError({
      file,
      line: lineOfOffset(sample, nulIndex),
      reason: looksUtf16 ? 'the file looks UTF-16 encoded (NUL bytes between characters)' : 'the file contains binary data (NUL bytes), not CSV text',
      hint: looksUtf16 ? 'Re-save it as UTF-8 and import again.' : 'Check that this is the CSV export you meant to import.',
    });
  }
  const truncated = size > sample.length;
  const invalidIndex = firstInvalidUtf8Byte(sample, truncated);
  if (invalidIndex >= 0) {
    const byte = (sample[invalidIndex] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    throw new ImportError({
      file,
      line: lineOfOffset(sample, invalidIndex),
      reason: `not valid UTF-8 (byte 0x${byte}); probably Latin-1/Windows-1252 or binary`,
      hint: 'Re-save the file as UTF-8 (e.g. "iconv -f WINDOWS-1252 -t UTF-8 in.csv > out.csv") and import again.',
    });
  }
  return { sizeBytes: size, hasUtf8Bom: startsWith(sample, [0xef, 0xbb, 0xbf]) };
}
