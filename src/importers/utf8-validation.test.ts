import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstInvalidUtf8Byte } from './utf8-validation.ts';

describe('firstInvalidUtf8Byte', () => {
  it('agrees with Node’s own UTF-8 check on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(firstInvalidUtf8Byte(bytes) === -1).toBe(isUtf8(bytes));
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts any encoded string, Chinese included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        expect(firstInvalidUtf8Byte(Buffer.from(text, 'utf8'))).toBe(-1);
      }),
      { numRuns: 300 },
    );
  });

  it('points at the Latin-1 byte and tolerates a character cut off by the sample end', () => {
    const latin1 = Buffer.from('name\nCafé\n', 'latin1');
    expect(firstInvalidUtf8Byte(latin1)).toBe(latin1.indexOf(0xe9));
    const cut = Buffer.from('购物', 'utf8').subarray(0, 4);
    expect(firstInvalidUtf8Byte(cut)).toBe(3);
    expect(firstInvalidUtf8Byte(cut, true)).toBe(-1);
  });
});
