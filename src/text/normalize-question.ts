/**
 * Canonical form for matching: NFKC folds full-width letters, digits and punctuation (ＧＭＶ, ７, ?) to
 * ASCII; lower case; a hyphen between letters is a space ("added-to-cart" = "added to cart"); runs of white space become one space. Chinese text is otherwise untouched.
 */
export function normalizeQuestion(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\u200b-\u200f\u2060\ufeff]/g, '').replace(/(?<=[a-z])-(?=[a-z])/g, ' ').replace(/\s+/g, ' ').trim();
}
