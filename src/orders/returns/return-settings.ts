import { Injectable } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { Matches } from 'class-validator';
import type { Actor } from '../../audit/actor.js';
import { Transactions } from '../../database/transactions.js';
import { SettingsService } from '../../settings/settings.service.js';

const WINDOW_KEY = 'return_window_days';
export const DEFAULT_RETURN_WINDOW_DAYS = 14;

/** The returns form of /admin/settings/returns. */
export class ReturnSettingsForm {
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @Matches(/^(0|[1-9]\d{0,2})$/, { message: 'Please enter a number of days from 0 (no returns) to 365, such as 14' })
  @Matches(/^(?:[0-2]?\d{1,2}|3[0-5]\d|36[0-5])$/, { message: 'Please enter a number of days from 0 (no returns) to 365, such as 14' })
  windowDays: string;
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
