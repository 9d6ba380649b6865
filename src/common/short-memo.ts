/**
 * Answers worth reusing for a few seconds: each key is computed once per `ttlMs`, and callers arriving
 * while it is computed share that one computation. For read-only figures whose slight staleness
 * harms nobody (a dashboard's totals); a failed computation is forgotten at once.
 */
export class ShortMemo<T> {
  private readonly entries = new Map<string, { until: number; value: Promise<T> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 32,
  ) {}

  get(key: string, compute: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const kept = this.entries.get(key);
    if (kept && kept.until > now) return kept.value;
    const value = compute();
    this.entries.delete(key);
    this.entries.set(key, { until: now + this.ttlMs, value });
    value.catch(() => this.entries.get(key)?.value === value && this.entries.delete(key));
    // Keys are days and limits: a few at a time. The oldest go first should that ever grow.
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(oldest);
    }
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
