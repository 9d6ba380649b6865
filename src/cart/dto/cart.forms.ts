import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { MAX_LINE_QUANTITY } from '../cart.service.js';

export class AddToCartForm {
  @IsString()
  @Length(1, 160)
  product: string;

  @IsOptional()
  @IsString()
  @Length(1, 40, { message: 'Please choose a size' })
  size?: string;

  @IsOptional()
  @IsString()
  @Length(1, 40, { message: 'Please choose a colour' })
  colour?: string;

  @Type(() => Number)
  @IsInt({ message: 'Quantity must be a whole number' })
  @Min(1, { message: 'Quantity must be at least 1' })
  @Max(MAX_LINE_QUANTITY, { message: `You can buy up to ${MAX_LINE_QUANTITY} at a time` })
  quantity: number;
}

export class CartLineForm {
  @Type(() => Number)
  @IsInt({ message: 'Quantity must be a whole number' })
  @Min(0, { message: 'Quantity cannot be negative' })
  @Max(MAX_LINE_QUANTITY, { message: `You can buy up to ${MAX_LINE_QUANTITY} at a time` })
  quantity: number;
}
