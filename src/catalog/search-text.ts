/**
 * Full-text search on both databases works on words we normalise ourselves, so MySQL's FULLTEXT index
 * and SQLite's FTS5 table see the same text: lowercase, accents dropped, punctuation as spaces, and
 * every hyphenated word also written joined ("T-Shirt" → "t shirt tshirt"), so "tshirt" finds a T-Shirt.
 */
export function searchTextOf(parts: (string | null | undefined)[]): string {
  const text = parts.filter(Boolean).join(' ');
  const joined = (text.match(/[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)+/gu) ?? []).map((word) => word.replace(/[-'’]/g, ''));
  return normalise([text, ...joined].join(' '));
}

/** Room for the words in product.searchText. */
export const SEARCH_TEXT_LENGTH = 2000;

/** What a product is found by: its name (twice, so it outweighs the description), its categories, colours and description. */
export function productSearchText(product: {
  name: string;
  description: string;
  categoryNames: (string | null | undefined)[];
  colours: (string | null)[];
}): string {
  const colours = [...new Set(product.colours)];
  return searchTextOf([product.name, product.name, ...product.categoryNames, ...colours, product.description]).slice(0, SEARCH_TEXT_LENGTH);
}

/** The words of a shopper's search, normalised like searchTextOf, in order, without repeats. */
export function searchWords(query: string): string[] {
  return [...new Set(normalise(query).split(' ').filter(Boolean))];
}

function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
