import { percentOf } from '../../common/percent.js';

/** {{percent taxRateBasisPoints}} → "17%". */
export function percent(basisPoints: unknown): string {
  return typeof basisPoints === 'number' ? percentOf(basisPoints) : '';
}
