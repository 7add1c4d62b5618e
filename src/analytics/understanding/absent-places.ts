import { COUNTRY_ALIASES, COUNTRY_NAMES_ZH } from '../../sql/semantic/catalogue/city-names.ts';
import type { ValueIndex } from '../../sql/values/value-index.ts';
import { escapeRegExp } from '../../text/escape-regexp.ts';
import type { Language } from '../../text/language.ts';

/** Capital abbreviations that are also everyday words in lower case ("tell us"): matched as written only. */
const CAPITAL_ONLY: readonly { pattern: RegExp; country: string }[] = Object.entries({ US: 'United States', USA: 'United States', UK: 'United Kingdom', UAE: 'United Arab Emirates' }).map(
  ([abbreviation, country]) => ({ pattern: new RegExp(`(?<![A-Za-z])${abbreviation}(?![A-Za-z])`), country }),
);

/** Every way a known country is written (longest first), compiled once, with the country it names. */
const COUNTRY_PHRASES: readonly { phrase: string; pattern: RegExp; country: string }[] = (() => {
  const phrases: { phrase: string; country: string }[] = [];
  for (const [name, zh] of Object.entries(COUNTRY_NAMES_ZH)) {
    if (name.length > 3) phrases.push({ phrase: name.toLowerCase(), country: name });
    phrases.push({ phrase: zh, country: name });
    for (const alias of COUNTRY_ALIASES[name] ?? []) if (alias.length > 3) phrases.push({ phrase: alias, country: name });
  }
  return phrases
    .sort((left, right) => right.phrase.length - left.phrase.length)
    .map(({ phrase, country }) => ({ phrase, pattern: /^[a-z .]+$/.test(phrase) ? new RegExp(`(?<![a-z])${escapeRegExp(phrase)}(?![a-z])`) : new RegExp(escapeRegExp(phrase)), country }));
})();

/**
 * Countries a question names that the warehouse has no rows for ("GMV in the US" on a shop that sells in China):
 * answering without them would answer for everyone. Known country names come from the catalogue's name lists; what
 * the warehouse has comes from its value index, so a shop that does sell there is answered as usual.
 */
export function absentCountries(normalizedQuestion: string, asWritten: string, values: ValueIndex): string[] {
  const named = new Set<string>();
  let text = normalizedQuestion;
  for (const { phrase, pattern, country } of COUNTRY_PHRASES) {
    // Each pattern matches its phrase as written: a text without the phrase is passed over without running the
    // pattern (most questions and every follow-up chip name no country, and there are ~200 phrases).
    if (!text.includes(phrase) || !pattern.test(text)) continue;
    named.add(country);
    text = text.replace(pattern, ' ');
  }
  for (const { pattern, country } of CAPITAL_ONLY) if (pattern.test(asWritten)) named.add(country);
  if (named.size === 0) return [];
  const present = new Set(values.entries.filter((entry) => entry.dimension === 'country').flatMap((entry) => entry.values.map((value) => value.toLowerCase())));
  // A name the warehouse knows under another spelling (USA / United States) counts as present.
  const known = (country: string) => present.has(country.toLowerCase()) || [country, ...(COUNTRY_ALIASES[country] ?? [])].some((name) => present.has(name.toLowerCase())) || Object.entries(COUNTRY_ALIASES).some(([stored, aliases]) => present.has(stored.toLowerCase()) && aliases.includes(country.toLowerCase()));
  return [...named].filter((country) => !known(country));
}

/** The clarifying question for countries the data has none of, naming the countries it has. */
export function absentCountriesQuestion(countries: readonly string[], values: ValueIndex, language: Language): { question: string; options: string[] } {
  const present = values.entries.filter((entry) => entry.dimension === 'country').flatMap((entry) => entry.values);
  const zh = language === 'zh';
  const names = countries.map((country) => (zh ? (COUNTRY_NAMES_ZH[country] ?? country) : country));
  const have = present.slice(0, 8).map((country) => (zh ? (COUNTRY_NAMES_ZH[country] ?? country) : country));
  if (zh) {
    return {
      question: `数据里没有${names.join('、')}的记录${have.length > 0 ? `(有数据的国家:${have.join('、')}${present.length > 8 ? '等' : ''})` : '(仓库没有国家信息)'}。要看全部数据,还是换一个国家?`,
      options: ['看全部数据', ...have.slice(0, 3)],
    };
  }
  return {
    question: `The data has no records for ${names.join(', ')}${have.length > 0 ? ` (countries with data: ${have.join(', ')}${present.length > 8 ? ', …' : ''})` : ' (the warehouse has no country information)'}. Should I use all the data, or another country?`,
    options: ['all the data', ...have.slice(0, 3)],
  };
}
