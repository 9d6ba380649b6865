import { percentChange, periodComparisons, salesChart, totals } from './sales-summary.js';

describe('the dashboard’s sums', () => {
  const byDay = new Map([
    ['2026-11-27', { orders: 2, revenueMinor: 300_000 }],
    ['2026-11-26', { orders: 1, revenueMinor: 100_000 }],
  ]);

  it('gives the change as a whole percentage with its sign, and — when there was nothing before', () => {
    expect(percentChange(100, 112)).toBe('+12%');
    expect(percentChange(300, 200)).toBe('-33%');
    expect(percentChange(50, 50)).toBe('0%');
    expect(percentChange(0, 50)).toBe('—');
    expect(percentChange(0, 0)).toBe('—');
  });

  it('averages an order as revenue over orders, and as nothing over no orders', () => {
    expect(totals(byDay, ['2026-11-26', '2026-11-27'])).toEqual({ revenueMinor: 400_000, orders: 3, averageMinor: 133_333 });
    expect(totals(byDay, ['2026-11-01'])).toEqual({ revenueMinor: 0, orders: 0, averageMinor: 0 });
  });

  it('compares today with yesterday', () => {
    expect(periodComparisons(byDay, '2026-11-27')[0]).toMatchObject({ name: 'Today', change: { revenue: '+200%', orders: '+100%', average: '+50%' } });
  });

  it('draws a bar per day, the best day reaching the top of the plot and a day without sales flat', () => {
    const chart = salesChart(byDay, '2026-11-27', 3);
    expect(chart.bars.map((bar) => [bar.day, bar.height])).toEqual([
      ['2026-11-25', 0],
      ['2026-11-26', 55.3],
      ['2026-11-27', 166],
    ]);
    expect(chart.bars[2].y + chart.bars[2].height).toBe(chart.baseline);
    expect(salesChart(new Map(), '2026-11-27', 3).bars.every((bar) => bar.height === 0)).toBe(true);
  });
});
