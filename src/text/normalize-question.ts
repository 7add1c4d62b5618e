/**
 * Canonical form for matching: NFKC folds full-width letters, digits and punctuation (ＧＭＶ, ７, ?) to
 * ASCII; lower case; a hyphen between letters is a space ("added-to-cart" = "added to cart"); runs of white space become one space. Chinese text is otherwise untouched.
 */
export function normalizeQuestion(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u200b-\u200f\u2060\ufeff]/g, '')
    .replace(/(?<=[a-z])-(?=[a-z])/g, ' ')
    // Thousands separators ("£5,000", "1,000元") are one number; a list ("17850, 12748") has a space after the comma.
    .replace(/(?<![\d,.])(\d{1,3})((?:,\d{3})+)(?![\d,])/g, (_, head: string, groups: string) => head + groups.replace(/,/g, ''))
    .replace(/\s+/g, ' ')
    .trim();
}
