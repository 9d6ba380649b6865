/** A rate in basis points as people read it: 1,700 → "17%", 1,250 → "12.5%", 5 → "0.05%". */
export function percentOf(basisPoints: number): string {
  return `${basisPoints / 100}%`;
}
