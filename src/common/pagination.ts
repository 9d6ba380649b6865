import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

export interface Page<T> {
  items: T[];
  page: number;
  pages: number;
  total: number;
}

/** Page numbers arrive as text from the query string: anything odd becomes page 1, never an error or a huge offset. */
export function pageNumber(raw: unknown, max = 10_000): number {
  const page = typeof raw === 'string' ? Number.parseInt(raw, 10) : typeof raw === 'number' ? raw : 1;
  return Number.isInteger(page) && page >= 1 ? Math.min(page, max) : 1;
}

export function pageCount(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}

/** The page to show for the one asked for: a page past the last (the list shrank, or a hand-edited link) shows the last. */
export function clampedPage(requested: number, total: number, perPage: number): number {
  return Math.min(requested, pageCount(total, perPage));
}

/** One page of a query's rows, in the order the caller set, with the count of all; a page past the last shows the last. */
export async function pageOfRows<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, requestedPage: number, perPage: number): Promise<Page<T>> {
  const total = await query.getCount();
  const page = clampedPage(requestedPage, total, perPage);
  const items = await query
    .offset((page - 1) * perPage)
    .limit(perPage)
    .getMany();
  return { items, page, pages: pageCount(total, perPage), total };
}

export interface PageLinks {
  previous: string | null;
  next: string | null;
  page: number;
  pages: number;
}

/**
 * Previous/next links for the pagination partial, keeping the page's other (non-empty) query
 * parameters; a list repeats its parameter (size=M&size=L), as a GET form sends checkboxes.
 */
export function pageLinks(base: string, result: { page: number; pages: number }, params: Record<string, string | string[] | undefined>): PageLinks {
  const link = (page: number) => addressWith(base, { ...params, page: page > 1 ? String(page) : undefined });
  return {
    previous: result.page > 1 ? link(result.page - 1) : null,
    next: result.page < result.pages ? link(result.page + 1) : null,
    page: result.page,
    pages: result.pages,
  };
}

/**
 * `base?name=value&…` with the non-empty parameters in the order given; a list repeats its name. The
 * text is URLSearchParams' own, written out by hand: a listing builds dozens of these links per request
 * (every facet keeps the other filters), and a URLSearchParams each cost more than the rest of the page.
 */
export function addressWith(base: string, params: Record<string, string | string[] | undefined>): string {
  let text = '';
  for (const name of Object.keys(params)) {
    const value = params[name];
    if (value === undefined) continue;
    for (const one of typeof value === 'string' ? [value] : value) {
      if (one) text += `${text ? '&' : ''}${formEncoded(name)}=${formEncoded(one)}`;
    }
  }
  return text ? `${base}?${text}` : base;
}

/** As URLSearchParams encodes (application/x-www-form-urlencoded): space as +, and ! ' ( ) ~ escaped too. */
function formEncoded(text: string): string {
  return percentEncoded(text)
    .replace(/%20/g, '+')
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** encodeURIComponent, with a lone surrogate (which it refuses) written as U+FFFD, as URLSearchParams does. */
function percentEncoded(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return encodeURIComponent(text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));
  }
}
