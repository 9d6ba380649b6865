import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';

/**
 * At most this many characters in a body: a generous email, and well inside a text column's 64 KiB on
 * MySQL however many bytes each character takes.
 */
export const BODY_LENGTH = 16_000;

/** The email editor's form: the three templates of one kind. */
export class EmailTemplateForm {
  // One line: a subject of spaces is no subject.
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : value))
  @IsString()
  @Length(1, 255, { message: 'Please write a subject of at most 255 characters' })
  subject: string;

  @IsString()
  @Length(1, BODY_LENGTH, { message: `Please write an HTML body of at most ${BODY_LENGTH.toLocaleString('en')} characters` })
  html: string;

  @IsString()
  @Length(1, BODY_LENGTH, { message: `Please write a text body of at most ${BODY_LENGTH.toLocaleString('en')} characters` })
  text: string;
}
