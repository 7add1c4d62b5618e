// Writes src/text/chinese-readings.json: every character pinyin-pro can read, grouped by toneless syllable, all
// readings of a polyphone included. ShopLens reads that table instead of loading pinyin-pro (≈100 ms to load and
// ≈25 ms for its first call) when a question has a Chinese word one character away from a catalogue word.
// Run after upgrading pinyin-pro: `node scripts/generate-chinese-readings.mjs`; chinese-sound.test.ts checks the table
// against pinyin-pro.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { pinyin } = require('pinyin-pro');
const { version } = require('pinyin-pro/package.json');

const SYLLABLE = /^[a-zü]+$/;
const bySyllable = new Map();
for (let codePoint = 0; codePoint <= 0x10ffff; codePoint += 1) {
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue;
  const character = String.fromCodePoint(codePoint);
  const syllables = new Set(pinyin(character, { toneType: 'none', type: 'array', multiple: true }).filter((syllable) => SYLLABLE.test(syllable)));
  for (const syllable of syllables) bySyllable.set(syllable, (bySyllable.get(syllable) ?? '') + character);
}
const readings = Object.fromEntries([...bySyllable].sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0)));
const table = { source: `pinyin-pro ${version}: pinyin(character, { toneType: 'none', type: 'array', multiple: true }) of every code point, syllables of a-z and ü only`, readings };
writeFileSync(new URL('../src/text/chinese-readings.json', import.meta.url), `${JSON.stringify(table, null, 1)}\n`);
process.stderr.write(`${bySyllable.size} syllables, ${[...bySyllable.values()].reduce((total, characters) => total + [...characters].length, 0)} readings\n`);
