import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { STOCK_NOTE_LENGTH } from '../entities/stock-movement.entity.js';
import { ADJUSTMENT_REASONS, type AdjustmentReason } from '../stock-reason.js';

/** More than any shelf holds: a typo such as 1200000 is refused instead of written to the ledger. */
const MOST_UNITS = 100_000;

/** The panel's stock adjustment form: units arriving (positive) or leaving (negative), why, and a note. */
export class StockAdjustmentForm {
  @Type(() => Number)
  @IsInt({ message: 'Enter a whole number of units, such as 12 or -2.' })
  @Min(-MOST_UNITS, { message: `Enter at most ${MOST_UNITS.toLocaleString('en')} units at a time.` })
  @Max(MOST_UNITS, { message: `Enter at most ${MOST_UNITS.toLocaleString('en')} units at a time.` })
  delta: number;

  @IsIn(ADJUSTMENT_REASONS.map((option) => option.reason), { message: 'Please choose why the stock changes.' })
  reason: AdjustmentReason;

  @IsOptional()
  @IsString()
  @MaxLength(STOCK_NOTE_LENGTH, { message: `A note may be up to ${STOCK_NOTE_LENGTH} characters.` })
  note?: string;
}
