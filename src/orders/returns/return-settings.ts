import { Injectable } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import type { Actor } from '../../audit/actor.js';
import { Transactions } from '../../database/transactions.js';
import { SettingsService } from '../../settings/settings.service.js';

const WINDOW_KEY = 'return_window_days';
export const DEFAULT_RETURN_WINDOW_DAYS = 14;
const DAYS = 'Please enter a number of days from 0 (no returns) to 365, such as 14';

/** The returns form of /admin/settings/returns. */
export class ReturnSettingsForm {
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^\s*\d{1,4}\s*$/.test(value) ? Number(value) : value))
  @IsInt({ message: DAYS })
  @Min(0, { message: DAYS })
  @Max(365, { message: DAYS })
  windowDays: number;
}

/** How long after delivery a customer may ask for a return: the owner's setting, read through SettingsService. */
@Injectable()
export class ReturnSettings {
  constructor(
    private readonly settings: SettingsService,
    private readonly transactions: Transactions,
  ) {}

  async windowDays(): Promise<number> {
    const saved = (await this.settings.valuesOf([WINDOW_KEY])).get(WINDOW_KEY);
    return saved === undefined || saved === '' ? DEFAULT_RETURN_WINDOW_DAYS : Number(saved);
  }

  async saveWindowDays(days: number, actor: Actor): Promise<void> {
    await this.transactions.run((manager) => this.settings.saveValues(manager, { [WINDOW_KEY]: String(days) }, actor));
  }
}
