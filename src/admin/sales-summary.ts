import { addDays, daysEndingWith } from '../common/store-calendar.js';
import type { DaySales } from '../orders/sales-figures.service.js';

/** Revenue, orders and average order value over some days. */
export interface PeriodTotals {
  revenueMinor: number;
  orders: number;
  averageMinor: number;
}

/** A period of the dashboard against the one of the same length just before it. */
export interface PeriodComparison {
  name: string;
  current: PeriodTotals;
  previous: PeriodTotals;
  /** Per figure, the change as "+12%", "-3%", "0%", or "—" where the previous period had none to compare with. */
  change: { revenue: string; orders: string; average: string };
}

/** Today, the last 7 days and the last 30 days (each ending today), as the dashboard compares them. */
export const PERIODS = [
  { name: 'Today', days: 1 },
  { name: 'Last 7 days', days: 7 },
  { name: 'Last 30 days', days: 30 },
] as const;

/** How many days of sales the dashboard reads: the longest period and the one before it. */
export const DAYS_READ = 2 * Math.max(...PERIODS.map((period) => period.days));

export function totals(byDay: Map<string, DaySales>, days: string[]): PeriodTotals {
  let revenueMinor = 0;
  let orders = 0;
  for (const day of days) {
    revenueMinor += byDay.get(day)?.revenueMinor ?? 0;
    orders += byDay.get(day)?.orders ?? 0;
  }
  return { revenueMinor, orders, averageMinor: orders === 0 ? 0 : Math.round(revenueMinor / orders) };
}

/** "+12%" from 100 to 112; "—" when there was nothing before, as no percentage of nothing means anything. */
export function percentChange(previous: number, current: number): string {
  if (previous === 0) return '—';
  const percent = Math.round(((current - previous) / previous) * 100);
  return `${percent > 0 ? '+' : ''}${percent}%`;
}

export function periodComparisons(byDay: Map<string, DaySales>, today: string): PeriodComparison[] {
  return PERIODS.map(({ name, days }) => {
    const current = totals(byDay, daysEndingWith(today, days));
    const previous = totals(byDay, daysEndingWith(addDays(today, -days), days));
    return {
      name,
      current,
      previous,
      change: {
        revenue: percentChange(previous.revenueMinor, current.revenueMinor),
        orders: percentChange(previous.orders, current.orders),
        average: percentChange(previous.averageMinor, current.averageMinor),
      },
    };
  });
}

/** The chart's drawing area in SVG units; the browser scales it to the page's width. */
const CHART = { width: 600, height: 200, top: 10, bottom: 24 };

/**
 * The 30-day sales chart as the template draws it: one bar per day (its height the day's revenue
 * against the best day's), with labels for the first, middle and last day, and the same numbers as
 * rows for the table beside it.
 */
export function salesChart(byDay: Map<string, DaySales>, today: string, count = 30) {
  const days = daysEndingWith(today, count);
  const best = Math.max(0, ...days.map((day) => byDay.get(day)?.revenueMinor ?? 0));
  const slot = CHART.width / count;
  const plot = CHART.height - CHART.top - CHART.bottom;
  const bars = days.map((day, i) => {
    const sales = byDay.get(day) ?? { orders: 0, revenueMinor: 0 };
    const height = best === 0 ? 0 : Math.round((sales.revenueMinor / best) * plot * 10) / 10;
    return {
      day,
      ...sales,
      x: Math.round((i * slot + slot * 0.15) * 10) / 10,
      y: Math.round((CHART.top + plot - height) * 10) / 10,
      width: Math.round(slot * 0.7 * 10) / 10,
      height,
    };
  });
  const labelled = [0, Math.floor(count / 2), count - 1].map((i) => ({ day: days[i], x: Math.round((i * slot + slot / 2) * 10) / 10 }));
  return { width: CHART.width, height: CHART.height, baseline: CHART.height - CHART.bottom, labelY: CHART.height - 6, bestMinor: best, bars, labelled };
}
