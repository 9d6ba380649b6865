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
