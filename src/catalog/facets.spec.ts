import { ancestorsOf, categoryFacets, optionFacets, subtreeIds } from './facets.js';

const category = (id: number, slug: string, parentId: number | null, position = 0) => ({ id, slug, name: slug, description: null, parentId, position });

describe('facets', () => {
  const tree = [
    category(1, 'women', null, 0),
    category(2, 'women-kurtas', 1, 0),
    category(3, 'women-dresses', 1, 1),
    category(4, 'men', null, 1),
    category(5, 'men-shirts', 4),
    category(6, 'silk', 2),
  ];

  it('finds a category subtree and the way down to a category', () => {
    expect(subtreeIds(tree, 1).sort()).toEqual([1, 2, 3, 6]);
    expect(ancestorsOf(tree, tree[5]).map((c) => c.slug)).toEqual(['women', 'women-kurtas']);
    expect(ancestorsOf([category(7, 'a', 8), category(8, 'b', 7)], category(7, 'a', 8)).map((c) => c.slug)).toEqual(['b']);
  });

  it('counts each category with its descendants, hiding empty ones unless chosen', () => {
    const counts = new Map([
      [2, 3],
      [6, 1],
      [5, 0],
    ]);
    expect(categoryFacets(tree, counts, 4)).toEqual([
      {
        slug: 'women',
        name: 'women',
        count: 4,
        selected: false,
        children: [
          {
            slug: 'women-kurtas',
            name: 'women-kurtas',
            count: 4,
            selected: false,
            children: [{ slug: 'silk', name: 'silk', count: 1, selected: false, children: [] }],
          },
        ],
      },
      { slug: 'men', name: 'men', count: 0, selected: true, children: [] },
    ]);
  });

  it('orders options as the store does, unknown values last, and keeps a choice that matches nothing', () => {
    const rows = [
      { value: 'L', count: 2, position: 3, swatch: null },
      { value: 'Custom', count: 1, position: null, swatch: null },
      { value: 'S', count: 5, position: 1, swatch: 'red; x' },
    ];
    expect(optionFacets(rows, ['XXS', 'L']).map((o) => [o.value, o.count, o.selected, o.swatch])).toEqual([
      ['S', 5, false, null],
      ['L', 2, true, null],
      ['Custom', 1, false, null],
      ['XXS', 0, true, null],
    ]);
  });
});
