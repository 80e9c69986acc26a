/**
 * The quote cache in IndexedDB (`quotes` store of storage/db.ts): the last quote
 * per coin and currency. Entries are re-validated when read, so a quote saved
 * by an older version with another shape is ignored rather than shown.
 */
import { QuoteSchema, type Quote } from '@/utils/model/quote';
import { withDb } from './db';
import type { QuoteStore } from '../prices/quote-service';

/** Quotes older than this are deleted by `pruneQuotes`. */
export const QUOTE_KEEP_MS = 30 * 24 * 3600_000;

export const idbQuoteStore: QuoteStore = {
  read(coinIds, currency) {
    return withDb(async (db) => {
      const tx = db.transaction('quotes');
      const rows = await Promise.all(coinIds.map((id) => tx.store.get([id, currency])));
      await tx.done;
      const out = new Map<string, Quote>();
      for (const row of rows) {
        const parsed = QuoteSchema.safeParse(row?.quote);
        if (parsed.success) out.set(parsed.data.coinId, parsed.data);
      }
      return out;
    });
  },
  write(quotes) {
    if (quotes.length === 0) return Promise.resolve();
    return withDb(async (db) => {
      const tx = db.transaction('quotes', 'readwrite');
      await Promise.all(
        quotes.map((quote) =>
          tx.store.put({ coinId: quote.coinId, currency: quote.currency, source: quote.source, fetchedAt: quote.fetchedAt, quote: { ...quote } }),
        ),
      );
      await tx.done;
    });
  },
};

/** Deletes cached quotes fetched before `now - keepMs`; answers how many. */
export function pruneQuotes(now = Date.now(), keepMs = QUOTE_KEEP_MS): Promise<number> {
  return withDb(async (db) => {
    const tx = db.transaction('quotes', 'readwrite');
    let removed = 0;
    for (let cursor = await tx.store.index('fetchedAt').openCursor(IDBKeyRange.upperBound(now - keepMs)); cursor; cursor = await cursor.continue()) {
      await cursor.delete();
      removed++;
    }
    await tx.done;
    return removed;
  });
}
