/** {{#if (eq a b)}} — for marking the selected option in a form. */
export function eq(a: unknown, b: unknown): boolean {
  return String(a ?? '') === String(b ?? '');
}
