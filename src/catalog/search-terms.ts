import { searchTextOf, searchWords } from './search-text.js';

/**
 * InnoDB's default FULLTEXT stopwords. Its index leaves them out, so a required `+the*` would match
 * nothing at all; they are dropped from every search, on SQLite too, so both databases find the same.
 */
const STOPWORDS = new Set([
  'a',
  'about',
  'an',
  'are',
  'as',
  'at',
  'be',
  'by',
  'com',
  'de',
  'en',
  'for',
  'from',
  'how',
  'i',
  'in',
  'is',
  'it',
  'la',
  'of',
  'on',
  'or',
  'that',
  'the',
  'this',
  'to',
  'was',
  'what',
  'when',
  'where',
  'who',
  'will',
  'with',
  'und',
  'www',
]);

/** InnoDB's innodb_ft_min_token_size and innodb_ft_max_token_size defaults: words outside them are not indexed. */
const MIN_TERM_LENGTH = 3;
const MAX_TERM_LENGTH = 84;

/**
 * The words a shopper's search is run with: normalised like product.searchText (a hyphenated word also
 * joined, so "t-shirt" asks for "tshirt" as T-Shirts are stored), a plural cut to its stem (each term
 * is matched as a prefix, so "kurtas" finds "kurta" and "kurtas"), and words neither index can find
 * dropped. An empty answer means there is nothing to search by.
 */
export function searchTerms(query: string): string[] {
  const terms = searchWords(searchTextOf([query]))
    .filter((word) => !STOPWORDS.has(word))
    .map(singular)
    .filter((term) => term.length >= MIN_TERM_LENGTH && term.length <= MAX_TERM_LENGTH && !STOPWORDS.has(term));
  return [...new Set(terms)];
}

/** A simple English plural strip: "dresses" → "dress", "kurtas" → "kurta", "dress" stays. */
function singular(word: string): string {
  if (/(?:ss|sh|ch|x|z)es$/.test(word)) return word.slice(0, -2);
  if (word.length >= 4 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** MySQL/MariaDB boolean mode: every term required, as a prefix. Terms hold only letters and digits, so no operator survives. */
export function booleanModeQuery(terms: string[]): string {
  return terms.map((term) => `+${term}*`).join(' ');
}

/** SQLite FTS5: every term a quoted prefix, so nothing the shopper typed is read as FTS syntax (NEAR, OR, column filters). */
export function fts5Query(terms: string[]): string {
  return terms.map((term) => `"${term.replace(/"/g, '')}"*`).join(' ');
}
