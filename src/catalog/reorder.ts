/** Up or down one place, in a list the owner orders by hand (pictures, categories). */
export type Direction = 'up' | 'down';

/** The ids in their new order once `id` has swapped places with its neighbour; null when it is already at that end. */
export function swappedWithNeighbour(order: number[], id: number, direction: Direction): number[] | null {
  const from = order.indexOf(id);
  const to = direction === 'up' ? from - 1 : from + 1;
  if (from < 0 || to < 0 || to >= order.length) return null;
  const moved = [...order];
  [moved[from], moved[to]] = [moved[to], moved[from]];
  return moved;
}
