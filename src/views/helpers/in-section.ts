/**
 * {{#if (inSection currentPath "/admin/orders")}} — whether the page is the section's own page or one
 * below it, for marking the navigation link of where the reader is (aria-current). "/admin" alone
 * is only the dashboard.
 */
export function inSection(currentPath: unknown, section: unknown): boolean {
  if (typeof currentPath !== 'string' || typeof section !== 'string') return false;
  return currentPath === section || (section !== '/admin' && currentPath.startsWith(`${section}/`));
}
