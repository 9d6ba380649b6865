import type { Silhouette } from './garment-picture.js';

/** The demo clothing label's catalog: categories, product kinds, colours and size runs. Data only. */

export const COLOURS: Record<string, string> = {
  Indigo: '#3b4a8c',
  Rust: '#b5532d',
  Olive: '#6b7340',
  Ivory: '#efe7d6',
  Charcoal: '#3a3b3d',
  Rose: '#d98c9a',
  Mustard: '#d4a22b',
  Teal: '#2f7f7a',
  Black: '#1c1c1c',
  White: '#fafafa',
};

/** Every size in the order a size chart reads. */
export const SIZE_ORDER = ['XS', 'S', 'M', 'L', 'XL', '28', '30', '32', '34', '36', '2-3Y', '4-5Y', '6-7Y', '8-9Y'];

const LETTER_SIZES = ['XS', 'S', 'M', 'L', 'XL'];
const WAIST_SIZES = ['28', '30', '32', '34', '36'];
const KIDS_SIZES = ['2-3Y', '4-5Y', '6-7Y', '8-9Y'];

export interface DemoKind {
  name: string;
  /** The kind's sub-category under its category, e.g. Women › Lawn Kurtas. */
  plural: string;
  silhouette: Silhouette;
  priceMinor: number;
  sizes: string[] | null;
  fabric: string;
}

export interface DemoCategory {
  slug: string;
  name: string;
  description: string;
  kinds: DemoKind[];
}

export const DEMO_CATEGORIES: DemoCategory[] = [
  {
    slug: 'women',
    name: 'Women',
    description: 'Kurtas, dresses and everyday pieces cut from breathable cotton and lawn.',
    kinds: [
      { name: 'Lawn Kurta', plural: 'Lawn Kurtas', silhouette: 'kurta', priceMinor: 349_900, sizes: LETTER_SIZES, fabric: 'light summer lawn' },
      {
        name: 'Block-Print Kurta',
        plural: 'Block-Print Kurtas',
        silhouette: 'kurta',
        priceMinor: 429_900,
        sizes: LETTER_SIZES,
        fabric: 'hand block-printed cotton',
      },
      { name: 'Maxi Dress', plural: 'Dresses', silhouette: 'dress', priceMinor: 549_900, sizes: LETTER_SIZES, fabric: 'flowing viscose' },
    ],
  },
  {
    slug: 'men',
    name: 'Men',
    description: 'Shirts, kurtas and trousers for warm days and long evenings.',
    kinds: [
      { name: 'Linen Shirt', plural: 'Shirts', silhouette: 'shirt', priceMinor: 399_900, sizes: LETTER_SIZES, fabric: 'washed linen' },
      { name: 'Cotton Kurta', plural: 'Kurtas', silhouette: 'kurta', priceMinor: 379_900, sizes: LETTER_SIZES, fabric: 'soft combed cotton' },
      { name: 'Chino Trousers', plural: 'Trousers', silhouette: 'trousers', priceMinor: 449_900, sizes: WAIST_SIZES, fabric: 'stretch cotton twill' },
    ],
  },
  {
    slug: 'basics',
    name: 'Basics',
    description: 'The tees and layers you reach for every day.',
    kinds: [
      { name: 'Cotton T-Shirt', plural: 'T-Shirts', silhouette: 'tee', priceMinor: 149_900, sizes: LETTER_SIZES, fabric: '180 gsm organic cotton' },
      { name: 'Long-Sleeve Tee', plural: 'Long-Sleeve Tees', silhouette: 'tee', priceMinor: 189_900, sizes: LETTER_SIZES, fabric: 'brushed cotton jersey' },
    ],
  },
  {
    slug: 'outerwear',
    name: 'Outerwear',
    description: 'Jackets for cool mornings and winter weddings.',
    kinds: [
      { name: 'Denim Jacket', plural: 'Jackets', silhouette: 'jacket', priceMinor: 699_900, sizes: LETTER_SIZES, fabric: 'rigid 12 oz denim' },
      { name: 'Quilted Waistcoat', plural: 'Waistcoats', silhouette: 'jacket', priceMinor: 599_900, sizes: LETTER_SIZES, fabric: 'quilted cotton' },
    ],
  },
  {
    slug: 'kids',
    name: 'Kids',
    description: 'Soft, hard-wearing clothes for small people.',
    kinds: [
      { name: 'Kids Kurta', plural: 'Kurtas', silhouette: 'kurta', priceMinor: 199_900, sizes: KIDS_SIZES, fabric: 'soft cotton' },
      { name: 'Kids Tee', plural: 'Tees', silhouette: 'tee', priceMinor: 99_900, sizes: KIDS_SIZES, fabric: 'organic cotton' },
    ],
  },
  {
    slug: 'accessories',
    name: 'Accessories',
    description: 'Dupattas, scarves and bags to finish the look.',
    kinds: [
      { name: 'Silk Dupatta', plural: 'Dupattas', silhouette: 'scarf', priceMinor: 249_900, sizes: null, fabric: 'pure silk' },
      { name: 'Tote Bag', plural: 'Bags', silhouette: 'bag', priceMinor: 129_900, sizes: null, fabric: 'heavy canvas' },
    ],
  },
];

/** Named lines of each kind; with the kinds above this makes 48 products. */
export const COLLECTIONS = ['Shalimar', 'Anarkali', 'Ravi', 'Basant'];
