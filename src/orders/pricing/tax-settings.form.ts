import { Transform } from 'class-transformer';
import { IsIn, Matches } from 'class-validator';

/** The tax form of /admin/settings/tax: a percent ("17", "17.5") and whether shop prices include it. */
export class TaxSettingsForm {
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().replace(/%$/, '').trim() : value))
  @Matches(/^(100|\d{1,2})(\.\d{1,2})?$/, { message: 'Please enter a rate from 0 to 100 percent, such as 17 or 17.5' })
  rate: string;

  @IsIn(['inclusive', 'exclusive'], { message: 'Please say whether your prices include the tax' })
  prices: 'inclusive' | 'exclusive';
}

/** The rate as basis points: "17.5" → 1,750 (text, so no binary fraction creeps in). */
export function basisPointsOf(rate: string): number {
  const [whole, fraction = ''] = rate.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}
