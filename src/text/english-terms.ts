import { createRequire } from 'node:module';
import type nlpFunction from 'compromise';

const require = createRequire(import.meta.url);
let nlp: typeof nlpFunction | undefined;

/**
 * The terms of an English text with their parts of speech, tagged in context by compromise. Loaded on first use:
 * compromise builds its English model when loaded (a few hundred ms), which a Chinese question never needs. Its
 * single-file CommonJS build loads faster than its several hundred ES modules.
 */
export function englishTerms(text: string): { terms: { normal: string; tags: string[] }[] }[] {
  nlp ??= require('compromise') as typeof nlpFunction;
  return nlp(text).terms().json() as { terms: { normal: string; tags: string[] }[] }[];
}
