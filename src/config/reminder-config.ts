/** How long the shop waits before its after-sale jobs act: each a whole number of hours from 1 to 720 (30 days). */
export interface ReminderConfig {
  /** COD_CONFIRMATION_HOURS (48): how long a risky cash-on-delivery order waits for confirmation before it is cancelled. */
  codConfirmationHours: number;
  /** CART_REMINDER_HOURS (24): how long a cart waits untouched before its shopper is reminded of it. */
  cartReminderHours: number;
}

export function parseReminderConfig(env: NodeJS.ProcessEnv, problems: string[]): ReminderConfig {
  const hours = (name: string, fallback: number) => {
    const value = Number(env[name] || fallback);
    if (!Number.isInteger(value) || value < 1 || value > 720) problems.push(`${name} must be a whole number of hours from 1 to 720 (got "${env[name]}")`);
    return value;
  };
  return { codConfirmationHours: hours('COD_CONFIRMATION_HOURS', 48), cartReminderHours: hours('CART_REMINDER_HOURS', 24) };
}
