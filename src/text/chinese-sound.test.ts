import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { readingsOf, soundAlike } from './chinese-sound.ts';

describe('soundAlike', () => {
  it('pairs characters a pinyin keyboard confuses, folding zh/ch/sh, n/l and -ng', () => {
    for (const [typed, meant] of [['城', '成'], ['蛋', '单'], ['够', '购'], ['纯', '存'], ['平', '品'], ['力', '利'], ['流', '留']]) {
      expect(soundAlike(typed as string, meant as string), `${typed}/${meant}`).toBe(true);
    }
  });

  it('keeps characters apart that only look alike or share part of a syllable', () => {
    for (const [left, right] of [['换', '化'], ['买', '实'], ['率', '额'], ['天', '夫']]) {
      expect(soundAlike(left as string, right as string), `${left}/${right}`).toBe(false);
    }
  });
});

describe('the readings table', () => {
  const table = JSON.parse(readFileSync(new URL('./chinese-readings.json', import.meta.url), 'utf8')) as { readings: Record<string, string> };
  const tableReadings = new Map<string, string[]>();
  for (const [syllable, characters] of Object.entries(table.readings)) for (const character of characters) tableReadings.set(character, [...(tableReadings.get(character) ?? []), syllable]);

  // scripts/generate-chinese-readings.mjs scanned every code point; pinyin-pro reads none outside these ranges.
  it("holds pinyin-pro's toneless readings of every character, polyphones included (BMP and the CJK extension planes)", () => {
    const { pinyin } = createRequire(import.meta.url)('pinyin-pro') as typeof import('pinyin-pro');
    let differences = 0;
    for (const [first, last] of [[0, 0xd7ff], [0xe000, 0xffff], [0x20000, 0x323af]] as const) {
      for (let codePoint = first; codePoint <= last; codePoint += 1) {
        const character = String.fromCodePoint(codePoint);
        const expected = [...new Set(pinyin(character, { toneType: 'none', type: 'array', multiple: true }).filter((syllable) => /^[a-zü]+$/.test(syllable)))].sort();
        if (expected.join() !== [...(tableReadings.get(character) ?? [])].sort().join()) differences += 1;
      }
    }
    expect(differences).toBe(0);
    expect(tableReadings.size).toBeGreaterThan(20_000);
  });

  it('is what readingsOf answers, for rare characters too, and never for half a surrogate pair', () => {
    const sample = ['行', '个', '天', 'a', '𠀀', '𪚥', 'x', '1', '。'];
    for (let codePoint = 0x3400; codePoint <= 0x9fff; codePoint += 97) sample.push(String.fromCodePoint(codePoint));
    for (const character of sample) expect([...readingsOf(character)].sort(), character).toEqual([...(tableReadings.get(character) ?? [])].sort());
    expect(readingsOf('行')).toEqual(expect.arrayContaining(['xing', 'hang']));
    expect(readingsOf('𪚥'.slice(0, 1))).toEqual([]);
  });
});
