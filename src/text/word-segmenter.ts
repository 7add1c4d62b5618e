import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

let jieba: Jieba | undefined;

/** Chinese word segmentation (jieba) for the parts of a question no lexicon explained; loaded once, lazily. */
export function segmentWords(text: string): string[] {
  jieba ??= Jieba.withDict(dict);
  return jieba.cut(text, true).map((word) => word.trim()).filter(Boolean);
}
