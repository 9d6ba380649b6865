import { Transform } from 'class-transformer';
import { Matches } from 'class-validator';

/** The form of /admin/settings/cod-risk: the risk threshold, a whole number; blank or 0 turns the check off. */
export class CodRiskSettingsForm {
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || '0' : '0'))
  @Matches(/^\d{1,3}$/, { message: 'Please enter a whole number of orders from 0 to 999 (0 or blank turns this off)' })
  threshold: string;
}
