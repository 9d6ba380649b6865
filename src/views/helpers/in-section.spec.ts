import { inSection } from './in-section.js';

describe('inSection', () => {
  it('marks a section on its own page and the pages below it', () => {
    expect(inSection('/admin/orders', '/admin/orders')).toBe(true);
    expect(inSection('/admin/orders/AK-2345ABCD', '/admin/orders')).toBe(true);
    expect(inSection('/admin/ordersx', '/admin/orders')).toBe(false);
  });

  it('marks the dashboard only on the dashboard', () => {
    expect(inSection('/admin', '/admin')).toBe(true);
    expect(inSection('/admin/orders', '/admin')).toBe(false);
    expect(inSection(undefined, '/admin')).toBe(false);
  });
});
