import { Transform } from 'class-transformer';
import { IsIn, IsString, Length, Matches } from 'class-validator';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value === undefined ? '' : value);

/** A category as the owner writes it: its name, address, place in the tree and description. */
export class CategoryForm {
  @Transform(trimmed)
  @IsString()
  @Length(1, 120, { message: 'Please enter a name (up to 120 characters)' })
  name: string;

  /** Empty: made from the name. */
  @Transform(trimmed)
  @IsString()
  @Length(0, 120, { message: 'An address may have up to 120 characters' })
  slug: string;

  /** '' for the top level, or the id of the parent category. */
  @Transform(trimmed)
  @Matches(/^(\d{1,10})?$/, { message: 'Please choose where the category goes' })
  parentId: string;

  @Transform(trimmed)
  @IsString()
  @Length(0, 1000, { message: 'A description may have up to 1,000 characters' })
  description: string;
}

/** Move up or move down, among the category's siblings. */
export class MoveCategoryForm {
  @IsIn(['up', 'down'], { message: 'Please choose up or down' })
  direction: 'up' | 'down';
}
