import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Jieba, type TaggedWord } from '@node-rs/jieba';

const require = createRequire(import.meta.url);
let dictionaryJieba: Jieba | undefined;
let plainJieba: Jieba | undefined;

/**
 * jieba with its Chinese dictionary, loaded once and only when a text needs it: parsing the dictionary costs about half
 * a second of a cold `shoplens ask`. Read from dict.txt alone (the package's dict.js also reads the 6 MB idf.txt).
 */
function dictionaryJiebaInstance(): Jieba {
  dictionaryJieba ??= Jieba.withDict(readFileSync(require.resolve('@node-rs/jieba/dict.txt')));
  return dictionaryJieba;
}

// The dictionary's only words without a Han character are AT&T, C#, C++ (and c#, c++): any other text without Han
// characters is cut identically by a jieba with no dictionary (checked on 11k lines of English questions, docs and code).
const NEEDS_DICTIONARY = /[\p{Script=Han}&#+]/u;

/** Word segmentation (jieba) for the parts of a question no lexicon explained. */
export function segmentWords(text: string): string[] {
  const jieba = NEEDS_DICTIONARY.test(text) ? dictionaryJiebaInstance() : (plainJieba ??= new Jieba());
  return jieba.cut(text, true).map((word) => word.trim()).filter(Boolean);
}

/** Chinese words with their parts of speech, from the same jieba instance as segmentWords. */
export function tagWords(text: string): TaggedWord[] {
  return dictionaryJiebaInstance().tag(text, true);
}
