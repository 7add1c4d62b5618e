import { describe, expect, it } from 'vitest';
import { positionFromByteOffset, positionFromCodePointOffset, positionFromErrorMessage } from './sql-position.ts';

describe('sql positions', () => {
  it('maps UTF-8 byte offsets (parse-tree query_location) to string offsets', () => {
    const sql = "SELECT '中文', zz";
    const byteOffset = Buffer.byteLength("SELECT '中文', ", 'utf8');
    expect(positionFromByteOffset(sql, byteOffset)).toEqual({ offset: sql.indexOf('zz'), line: 1, column: sql.indexOf('zz') + 1 });
  });

  it('treats DuckDB’s "unknown location" (2^64-1) as no position', () => {
    expect(positionFromByteOffset('SELECT 1', 18446744073709551615)).toBeUndefined();
  });

  it('maps code-point offsets (parser errors) across lines and astral characters', () => {
    const sql = "SELECT '😀'\nFROM x WHERE WHERE";
    const codePoints = Array.from(sql).length - 'WHERE'.length;
    expect(positionFromCodePointOffset(sql, codePoints)).toEqual({ offset: sql.lastIndexOf('WHERE'), line: 2, column: 14 });
  });

  it('reads the caret under DuckDB’s LINE excerpt, including shortened excerpts', () => {
    const sql = 'SELECT usr FROM users';
    const message = 'Binder Error: Referenced column "usr" not found in FROM clause!\n\nLINE 1: SELECT usr FROM users\n               ^';
    expect(positionFromErrorMessage(sql, message)).toEqual({ offset: 7, line: 1, column: 8 });
    const long = `SELECT ${'a, '.repeat(40)}usr FROM users`;
    const excerptStart = long.indexOf('usr') - 20;
    const excerpt = `...${long.slice(excerptStart, excerptStart + 40)}...`;
    const caret = ' '.repeat('LINE 1: '.length + 3 + 20);
    expect(positionFromErrorMessage(long, `Binder Error: x\n\nLINE 1: ${excerpt}\n${caret}^`)?.offset).toBe(long.indexOf('usr'));
  });
});
