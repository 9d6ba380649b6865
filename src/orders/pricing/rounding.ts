/**
 * The shop's one rounding rule for money that is a fraction of other money (tax, a percent discount):
 * half up to a whole minor unit, in integers, so the same amounts always give the same result on every
 * machine. `numerator / denominator` with both non-negative.
 */
export function roundHalfUp(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/**
 * Splits `total` over `weights` in proportion, in whole minor units that add up to `total` exactly:
 * each part rounded down, then the units left over go to the largest remainders (the earlier line on
 * a tie). Used to share an order's discount among its lines.
 */
export function shareInProportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0 || total === 0) return weights.map(() => 0);
  const parts = weights.map((weight) => Math.floor((total * weight) / sum));
  const remainders = weights.map((weight, i) => ({ i, rest: (total * weight) % sum }));
  let left = total - parts.reduce((a, b) => a + b, 0);
  for (const { i } of remainders.sort((a, b) => b.rest - a.rest || a.i - b.i)) {
    if (left === 0) break;
    parts[i] += 1;
    left -= 1;
  }
  return parts;
}
