/** The catalog cache's reads so far of the shop at `baseUrl`, hits and misses, from its /metrics as Prometheus scrapes it. */
export async function catalogCacheReads(baseUrl: string): Promise<{ hit: number; miss: number }> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const count = (result: string) => Number(new RegExp(`^shop_catalog_cache_reads_total\\{result="${result}"\\} (\\S+)$`, 'm').exec(text)?.[1]);
  return { hit: count('hit'), miss: count('miss') };
}

/** What a catalog cache store's read found, as text: the entry of the current generation, and a stale one. */
export function entryTexts(found: { entry?: { text: string }; stale?: { text: string } }): { entry?: string; stale?: string } {
  return { entry: found.entry?.text, stale: found.stale?.text };
}
