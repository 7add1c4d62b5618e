import { createRequire } from 'node:module';

type Pinyin = typeof import('pinyin-pro').pinyin;

let pinyinFunction: Pinyin | undefined;

// pinyin-pro's dictionary costs ≈100 ms to load: only questions with unexplained Chinese text pay for it.
function pinyinOf(character: string): string[] {
  pinyinFunction ??= (createRequire(import.meta.url)('pinyin-pro') as { pinyin: Pinyin }).pinyin;
  return pinyinFunction(character, { toneType: 'none', type: 'array', multiple: true });
}

/**
 * A syllable with the distinctions many speakers (and their pinyin input) blur folded away: zh/ch/sh → z/c/s,
 * n/l at the start, and -ng → -n at the end. 城/成 (cheng), 够/购 (gou), 存/纯 (cun/chun) and 品/平 (pin/ping)
 * then sound alike; 换/化 (huan/hua) do not.
 */
function foldSyllable(syllable: string): string {
  return syllable
    .replace(/^([zcs])h/, '$1')
    .replace(/^l/, 'n')
    .replace(/ng$/, 'n');
}

const readings = new Map<string, Set<string>>();

function foldedReadings(character: string): Set<string> {
  let folded = readings.get(character);
  if (!folded) {
    folded = new Set(pinyinOf(character).filter((syllable) => /^[a-zü]+$/.test(syllable)).map(foldSyllable));
    readings.set(character, folded);
  }
  return folded;
}

/** True when two Chinese characters can be read alike: the usual cause of a wrong character typed by pinyin. */
export function soundAlike(left: string, right: string): boolean {
  if (left === right) return true;
  const leftReadings = foldedReadings(left);
  for (const reading of foldedReadings(right)) if (leftReadings.has(reading)) return true;
  return false;
}
