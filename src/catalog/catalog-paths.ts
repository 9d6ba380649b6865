/** The storefront's addresses of a product and a category: one spelling for pages, links, the API and redirects. */
export function productPath(slug: string): string {
  return `/products/${encodeURIComponent(slug)}`;
}

export function categoryPath(slug: string): string {
  return `/categories/${encodeURIComponent(slug)}`;
}
