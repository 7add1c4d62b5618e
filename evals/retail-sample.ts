import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runImport } from '../src/importers/run-import.ts';
import { Warehouse } from '../src/sql/warehouse.ts';

/** The first 30,000 rows of UCI Online Retail (CC BY 4.0), kept beside the clone in ../shared, never copied in. */
export const RETAIL_SAMPLE_CSV = process.env.SHOPLENS_RETAIL_SAMPLE ?? fileURLToPath(new URL('../../shared/data/online_retail_sample.csv', import.meta.url));

let prepared: Promise<string> | undefined;

/** Imports the Online Retail sample with the default importer into a temporary warehouse, once per process. */
export function prepareRetailSample(): Promise<string> {
  prepared ??= (async () => {
    if (!existsSync(RETAIL_SAMPLE_CSV)) {
      throw new Error(`The Online Retail sample is missing at ${RETAIL_SAMPLE_CSV}. Put ../shared beside the clone, set SHOPLENS_RETAIL_SAMPLE, or pass --retail-db.`);
    }
    const databasePath = path.join(mkdtempSync(path.join(tmpdir(), 'shoplens-retail-')), 'retail.duckdb');
    const warehouse = await Warehouse.open({ path: databasePath, mode: 'read-write' });
    try {
      await runImport(warehouse, { format: 'online-retail', files: [RETAIL_SAMPLE_CSV] });
    } finally {
      warehouse.close();
    }
    return databasePath;
  })();
  return prepared;
}
