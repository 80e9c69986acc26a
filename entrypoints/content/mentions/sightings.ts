/**
 * Decides when the content script reports the coins seen on the page
 * (`sightings.record`): once when the first full read is done, then again —
 * debounced — only when new coins appear (dynamic pages), and afresh after an
 * in-page navigation (a new visit). Counts never go down within a visit.
 * Pure: the sender and the clock are injected.
 */
export interface SightedCoin {
  coinId: string;
  symbol: string;
  count: number;
}

export type SendSightings = (coins: SightedCoin[]) => Promise<unknown> | void;

export const SIGHTINGS_DEBOUNCE_MS = 3000;

export class SightingsReporter {
  private best = new Map<string, SightedCoin>();
  private reported = new Set<string>();
  private ready = false;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private send: SendSightings,
    private debounceMs = SIGHTINGS_DEBOUNCE_MS,
  ) {}

  /** Latest counts per coin on the page; `firstScanDone` once the page has been read. */
  update(counts: ReadonlyMap<string, { symbol: string; count: number }>, firstScanDone: boolean): void {
    for (const [coinId, { symbol, count }] of counts) {
      const prev = this.best.get(coinId);
      if (!prev) this.best.set(coinId, { coinId, symbol, count });
      else if (count > prev.count) prev.count = count;
    }
    // Coins not reported yet (new ones, or ones whose report failed).
    const fresh = [...this.best.keys()].some((id) => !this.reported.has(id));
    if (!firstScanDone) return;
    if (!this.ready) {
      this.ready = true;
      this.flush();
    } else if (fresh) {
      this.later();
    }
  }

  /** An in-page navigation: the next report is a new visit. */
  newVisit(counts: ReadonlyMap<string, { symbol: string; count: number }>): void {
    this.best.clear();
    this.reported.clear();
    this.cancel();
    for (const [coinId, { symbol, count }] of counts) this.best.set(coinId, { coinId, symbol, count });
    if (this.ready && this.best.size) this.later();
  }

  private later(): void {
    this.cancel();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, this.debounceMs);
  }

  private flush(): void {
    if (this.best.size === 0) return;
    const coins = [...this.best.values()].map((c) => ({ ...c }));
    for (const c of coins) this.reported.add(c.coinId);
    void Promise.resolve(this.send(coins.slice(0, 500))).catch(() => {
      // The background may be restarting; the next change reports again.
      for (const c of coins) this.reported.delete(c.coinId);
    });
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
