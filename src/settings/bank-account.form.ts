import { Transform } from 'class-transformer';
import { IsString, Length, Matches, ValidateIf } from 'class-validator';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value === undefined ? '' : value);

/**
 * The bank account form of /admin/settings/payments. All empty switches bank transfer off; a title and
 * an account number switch it on (the bank's name and instructions are optional).
 */
export class BankAccountForm {
  @Transform(trimmed)
  @IsString()
  @ValidateIf((form: BankAccountForm) => form.accountNumber !== '' || form.accountTitle !== '')
  @Length(1, 120, { message: 'Please enter the account title, as the bank shows it (up to 120 characters)' })
  accountTitle: string;

  @Transform(trimmed)
  @IsString()
  @Length(0, 120, { message: 'The bank’s name may have up to 120 characters' })
  bankName: string;

  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') : value === undefined ? '' : value))
  @IsString()
  @ValidateIf((form: BankAccountForm) => form.accountNumber !== '' || form.accountTitle !== '')
  @Matches(/^[A-Za-z0-9][A-Za-z0-9 -]{5,40}$/, { message: 'Please enter the IBAN or account number, such as PK36MEZN0001234567890123' })
  accountNumber: string;

  @Transform(trimmed)
  @IsString()
  @Length(0, 500, { message: 'The instructions may have up to 500 characters' })
  instructions: string;
}
