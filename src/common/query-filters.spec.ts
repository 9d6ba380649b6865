import { QueryFilters } from './query-filters.js';

describe('QueryFilters', () => {
  it('reads blank parameters as no filter, with nothing to complain about', () => {
    const sut = new QueryFilters({ q: '  ', status: '', from: '', to: '' });
    expect([sut.text('q', 100), sut.choice('status', ['placed'], 'bad'), sut.dayRange('from', 'to', 'Asia/Karachi')]).toEqual([undefined, undefined, {}]);
    expect(sut.ok).toBe(true);
    expect(sut.applied).toEqual({});
  });

  it('keeps what was used for the pagination links, and what was typed for the form', () => {
    const sut = new QueryFilters({ q: ' ayesha ', status: 'placed', from: '2026-11-28', to: '2026-11-30' });
    expect(sut.text('q', 100)).toBe('ayesha');
    expect(sut.choice('status', ['placed', 'shipped'], 'bad')).toBe('placed');
    expect(sut.dayRange('from', 'to', 'Asia/Karachi')).toEqual({ from: new Date('2026-11-27T19:00:00Z'), before: new Date('2026-11-30T19:00:00Z') });
    expect(sut.applied).toEqual({ q: 'ayesha', status: 'placed', from: '2026-11-28', to: '2026-11-30' });
    expect(sut.values).toEqual({ q: ' ayesha ', status: 'placed', from: '2026-11-28', to: '2026-11-30' });
  });

  it('names each value it cannot use at its field, and leaves it out of the filter', () => {
    const sut = new QueryFilters({ q: 'x'.repeat(101), status: 'lost', from: '2026-02-30', to: 'yesterday', page: '2' });
    expect(sut.text('q', 100)).toBeUndefined();
    expect(sut.choice('status', ['placed'], 'Please choose a status from the list.')).toBeUndefined();
    expect(sut.dayRange('from', 'to', 'Asia/Karachi')).toEqual({});
    expect(sut.ok).toBe(false);
    expect(sut.errors).toEqual({
      q: 'Please search with at most 100 characters.',
      status: 'Please choose a status from the list.',
      from: 'Please enter a date such as 2026-11-27.',
      to: 'Please enter a date such as 2026-11-27.',
    });
    expect(sut.applied).toEqual({});
    expect(sut.values.q).toHaveLength(100);
  });

  it('refuses a range that ends before it starts, and a parameter given twice or nested', () => {
    const backwards = new QueryFilters({ from: '2026-11-30', to: '2026-11-28' });
    expect(backwards.dayRange('from', 'to', 'Asia/Karachi')).toEqual({});
    expect(backwards.errors).toEqual({ to: 'Please choose an end date on or after the start date.' });

    const odd = new QueryFilters({ status: ['placed', 'shipped'], q: { $gt: '' } });
    expect(odd.choice('status', ['placed', 'shipped'], 'bad')).toBeUndefined();
    expect(odd.text('q', 100)).toBeUndefined();
    expect(odd.errors).toEqual({ status: 'Please give this filter once.', q: 'Please give this filter once.' });
  });
});
