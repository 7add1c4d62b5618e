import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MappingError } from './import-error.ts';
import { loadMapping, MAX_MAPPING_BYTES } from './mapping-schema.ts';
import { temporaryFolder } from './test-files.ts';

const folder = temporaryFolder('mapping-limits');
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function mappingFile(name: string, text: string): string {
  const file = path.join(folder, name);
  writeFileSync(file, text);
  return file;
}

const usersMapping = (userColumn: string) => `tables:\n  users:\n    file: users.csv\n    columns:\n      user_id: ${JSON.stringify(userColumn)}\n`;

/** Hostile or mistaken --mapping files: each refused with a MappingError naming the file and key, none read whole into memory. */
describe('mapping file limits', () => {
  it('refuses a file over the size a mapping may have (a data file passed by mistake), naming the size', async () => {
    const file = mappingFile('huge.yaml', `${usersMapping('id')}# ${'x'.repeat(MAX_MAPPING_BYTES)}\n`);
    const error = await loadMapping(file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MappingError);
    expect(error).toMatchObject({ key: '(file)' });
    expect((error as Error).message).toMatch(/bytes, over the 256 kB a mapping may have/);
  });

  it.each([
    ['a directory', () => {
      const directory = path.join(folder, 'a-directory.yaml');
      mkdirSync(directory, { recursive: true });
      return directory;
    }],
    ['/dev/zero', () => '/dev/zero'],
  ])('refuses %s as not a regular file, without reading it', async (_label, pathOf) => {
    const error = await loadMapping(pathOf()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MappingError);
    expect((error as Error).message).toMatch(/not a regular file/);
  });

  it('refuses an over-long source column name, naming its key', async () => {
    const error = await loadMapping(mappingFile('long-name.yaml', usersMapping('c'.repeat(5000)))).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MappingError);
    expect(error).toMatchObject({ key: 'tables.users.columns.user_id.column' });
  });

  it('refuses more than 20 formats and over-long format strings', async () => {
    const manyFormats = `timestamp_format: [${Array.from({ length: 21 }, () => '"%Y-%m-%d"').join(', ')}]\n${usersMapping('id')}`;
    await expect(loadMapping(mappingFile('formats.yaml', manyFormats))).rejects.toMatchObject({ key: 'timestamp_format' });
    await expect(loadMapping(mappingFile('format-long.yaml', `date_format: "${'%Y'.repeat(100)}"\n${usersMapping('id')}`))).rejects.toMatchObject({ key: 'date_format' });
  });

  it('still reads an ordinary mapping', async () => {
    const mapping = await loadMapping(mappingFile('ok.yaml', usersMapping('id')));
    expect(mapping.tables.users?.columns.user_id).toMatchObject({ column: 'id' });
  });
});
