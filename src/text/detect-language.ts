import type { Language } from './language.ts';

const HAN = /\p{Script=Han}/u;

/** Chinese if the text has any Han character, English otherwise: answers use the question's language. */
export function detectLanguage(text: string): Language {
  return HAN.test(text) ? 'zh' : 'en';
}
