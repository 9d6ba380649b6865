// Types for scripts/load.ts, which seeds its catalog with scripts/bench-seed.mjs (plain JavaScript).
export const DEFAULT_DATABASE_URL: string;
export function seedShop(options?: {
  databaseUrl?: string;
  products?: number;
  orders?: number;
  log?: (line: string) => void;
}): Promise<{ products: number; orders: number; server: string; reused: boolean; productSlug: string | null; database: string }>;
