/** At most `limit` events per key in a sliding window of `windowMs` (in memory: limits reset with the process). */
export class RateLimiter {
  private readonly events = new Map<string, number[]>();
  private readonly warned = new Set<string>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const list = (this.events.get(key) ?? []).filter((t) => t > since);
    this.events.set(key, list);
    if (list.length < this.limit) this.warned.delete(key);
    return list;
  }

  /** Whether one more event would be allowed, without counting it. */
  peek(key: string): boolean {
    return this.recent(key).length < this.limit;
  }

  /** Counts an event; false when over the limit. */
  take(key: string): boolean {
    const list = this.recent(key);
    if (list.length >= this.limit) return false;
    list.push(this.now());
    return true;
  }

  /** True once per burst over the limit, so the sender is told once, not at every message. */
  justExceeded(key: string): boolean {
    if (this.warned.has(key)) return false;
    this.warned.add(key);
    return true;
  }
}
