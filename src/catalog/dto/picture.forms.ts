import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** What every picture of a product needs: words for those who cannot see it, and the colour it shows ('' for none). */
export class PictureForm {
  @Transform(trimmed)
  @IsString({ message: 'Please describe the picture for shoppers who cannot see it' })
  @Length(1, 255, { message: 'Please describe the picture for shoppers who cannot see it (up to 255 characters)' })
  alt: string;

  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @Length(0, 40)
  colour?: string;
}

/** Move up or move down, among the product's pictures. */
export class MovePictureForm {
  @IsIn(['up', 'down'], { message: 'Please choose up or down' })
  direction: 'up' | 'down';
}
