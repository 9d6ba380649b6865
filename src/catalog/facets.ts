import type { CategoryFacet, CategoryRef, OptionFacet, PriceFacet } from './listing-query.js';
import { PRICE_RANGES } from './listing-query.js';

/**
 * The pure half of faceting: the database counts per category, size and colour (see
 * ProductListingService), and these functions turn the rows into what a listing shows.
 */

/** The category and every category below it, for "this category and its descendants". */
export function subtreeIds(categories: CategoryRef[], rootId: number): number[] {
  const ids = [rootId];
  for (let i = 0; i < ids.length; i += 1) {
    for (const category of categories) if (category.parentId === ids[i] && !ids.includes(category.id)) ids.push(category.id);
  }
  return ids;
}

/** The categories above this one, top-level first. A broken tree (a cycle) stops rather than loops. */
export function ancestorsOf<C extends Pick<CategoryRef, 'id' | 'parentId'>>(categories: C[], category: C): C[] {
  const byId = new Map(categories.map((c) => [c.id, c]));
  const ancestors: C[] = [];
  for (
    let parent = byId.get(category.parentId ?? -1);
    parent && parent.id !== category.id && !ancestors.includes(parent);
    parent = byId.get(parent.parentId ?? -1)
  ) {
    ancestors.unshift(parent);
  }
  return ancestors;
}

/** Children of a category (or the top level for null), in the shop's order. */
export function childrenOf(categories: CategoryRef[], parentId: number | null): CategoryRef[] {
  return categories.filter((c) => c.parentId === parentId && c.id !== parentId).sort(byPosition);
}

export function byPosition(a: CategoryRef, b: CategoryRef): number {
  return a.position - b.position || a.name.localeCompare(b.name) || a.id - b.id;
}

/**
 * The category facet as a tree: each count is of products in the category or below it. Categories
 * with nothing to show are left out, except the selected one and its ancestors, so the shopper can
 * always see where they are.
 */
export function categoryFacets(categories: CategoryRef[], countsByCategory: Map<number, number>, selectedId: number | null): CategoryFacet[] {
  const keep = new Set<number>();
  if (selectedId !== null) {
    const selected = categories.find((c) => c.id === selectedId);
    if (selected) for (const c of [selected, ...ancestorsOf(categories, selected)]) keep.add(c.id);
  }
  const build = (parentId: number | null, depth: number): CategoryFacet[] =>
    depth > 8
      ? []
      : childrenOf(categories, parentId).flatMap((category) => {
          const count = subtreeIds(categories, category.id).reduce((sum, id) => sum + (countsByCategory.get(id) ?? 0), 0);
          if (count === 0 && !keep.has(category.id)) return [];
          return [{ slug: category.slug, name: category.name, count, selected: category.id === selectedId, children: build(category.id, depth + 1) }];
        });
  return build(null, 0);
}

export interface OptionCountRow {
  value: string;
  count: number;
  position: number | null;
  swatch: string | null;
}

/**
 * Sizes or colours in the store's order (option_value.position, then by name; values the store has
 * not ordered come last), with the shopper's own choices kept even when nothing matches them now.
 */
export function optionFacets(rows: OptionCountRow[], selected: string[]): OptionFacet[] {
  const facets = rows.map((row) => ({ ...row, selected: selected.includes(row.value) }));
  for (const value of selected) {
    if (!facets.some((facet) => facet.value === value)) facets.push({ value, count: 0, position: null, swatch: null, selected: true });
  }
  return facets
    .sort((a, b) => (a.position ?? Number.MAX_SAFE_INTEGER) - (b.position ?? Number.MAX_SAFE_INTEGER) || a.value.localeCompare(b.value))
    .map(({ value, count, selected: isSelected, swatch }) => ({ value, count, selected: isSelected, swatch: safeSwatch(swatch) }));
}

export function priceFacets(counts: number[], minPriceMinor: number | null, maxPriceMinor: number | null): PriceFacet[] {
  return PRICE_RANGES.map((range, i) => ({
    ...range,
    count: counts[i] ?? 0,
    selected: range.minPriceMinor === minPriceMinor && range.maxPriceMinor === maxPriceMinor,
  }));
}

/** Only a plain #rrggbb reaches a page, where it fills an SVG swatch. */
export function safeSwatch(swatch: string | null): string | null {
  return swatch && /^#[0-9a-f]{6}$/i.test(swatch) ? swatch : null;
}
