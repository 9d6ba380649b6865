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

export interface PageLinks {
  previous: string | null;
  next: string | null;
  page: number;
  pages: number;
}

/** Previous/next links for the pagination partial, keeping the page's other (non-empty) query parameters. */
export function pageLinks(base: string, result: { page: number; pages: number }, params: Record<string, string>): PageLinks {
  const link = (page: number) => {
    const query = new URLSearchParams({ ...Object.fromEntries(Object.entries(params).filter(([, v]) => v)), page: String(page) });
    return `${base}?${query.toString()}`;
  };
  return {
    previous: result.page > 1 ? link(result.page - 1) : null,
    next: result.page < result.pages ? link(result.page + 1) : null,
    page: result.page,
    pages: result.pages,
  };
}
