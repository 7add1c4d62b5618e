import { describe, expect, it } from 'vitest';
import { soundAlike } from './chinese-sound.ts';

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
