/**
 * A small HTTP server that answers like CoinGecko's API v3 (`/coins/markets`,
 * also by `category` for the living registry's lists, `/simple/price`,
 * `/search`, `/ping`), counts requests, and can be told to
 * misbehave: 429 with Retry-After, 500, slow answers, malformed JSON, or
 * being down. Shapes follow CoinGecko's public documentation.
 *
 * It also plays the keyless fallback, Coinbase's `/v2/exchange-rates`, with
 * its own `fallbackMode`; tests route `https://api.coinbase.com/*` to it
 * (see `routeFallback`).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { ExtensionSession } from './driver';
import { closeServer, listenLocal } from './local-server';

export interface FakeCoin {
  id: string;
  symbol: string;
  name: string;
  /** Price in USD; other currencies use the fixed rates below. */
  usd: number | null;
  change24h?: number | null;
  marketCap?: number | null;
  volume?: number | null;
  rank?: number | null;
  sparkline?: number[];
}

export const USD_RATES: Record<string, number> = {
  usd: 1,
  inr: 83.5,
  eur: 0.92,
  gbp: 0.79,
  jpy: 151.2,
  btc: 1 / 77_000,
  eth: 1 / 3_100,
};

export const DEFAULT_COINS: FakeCoin[] = [
  { id: 'bittensor', symbol: 'tao', name: 'Bittensor', usd: 432.17, change24h: 3.21, marketCap: 3_200_000_000, volume: 150_000_000, rank: 30 },
  { id: 'fetch-ai', symbol: 'fet', name: 'Artificial Superintelligence Alliance', usd: 1.2345, change24h: -2.5, marketCap: 3_000_000_000, volume: 200_000_000, rank: 35 },
  { id: 'singularitynet', symbol: 'agix', name: 'SingularityNET', usd: 0.5012, change24h: null, marketCap: null, volume: 1_000_000, rank: null },
  { id: 'numeraire', symbol: 'nmr', name: 'Numeraire', usd: 15.87, change24h: 0.4, marketCap: 120_000_000, volume: 9_000_000, rank: 400 },
  { id: 'the-graph', symbol: 'grt', name: 'The Graph', usd: 0.1623, change24h: 1.1, marketCap: 1_500_000_000, volume: 60_000_000, rank: 60 },
  { id: 'ocean-protocol', symbol: 'ocean', name: 'Ocean Protocol', usd: 0.4312, change24h: -0.8, marketCap: 250_000_000, volume: 20_000_000, rank: 250 },
  { id: 'render-token', symbol: 'render', name: 'Render', usd: 4.56, change24h: 2.2, marketCap: 2_300_000_000, volume: 90_000_000, rank: 45 },
  { id: 'akash-network', symbol: 'akt', name: 'Akash Network', usd: 2.34, change24h: 5.5, marketCap: 580_000_000, volume: 12_000_000, rank: 150 },
  { id: 'worldcoin-wld', symbol: 'wld', name: 'Worldcoin', usd: 1.87, change24h: -4.1, marketCap: 1_100_000_000, volume: 150_000_000, rank: 70 },
  { id: 'virtual-protocol', symbol: 'virtual', name: 'Virtuals Protocol', usd: 1.05, change24h: 8.9, marketCap: 1_000_000_000, volume: 110_000_000, rank: 80 },
  { id: 'arkham', symbol: 'arkm', name: 'Arkham', usd: 0.61, change24h: 0.2, marketCap: 170_000_000, volume: 40_000_000, rank: 300 },
  { id: 'near', symbol: 'near', name: 'NEAR Protocol', usd: 2.95, change24h: -1.3, marketCap: 3_600_000_000, volume: 250_000_000, rank: 28 },
  { id: 'bitcoin', symbol: 'btc', name: 'Bitcoin', usd: 77_000, change24h: 0.5, marketCap: 1_500_000_000_000, volume: 30_000_000_000, rank: 1 },
];

export type Mode =
  | { kind: 'ok' }
  | { kind: 'rate-limited'; retryAfterSeconds: number }
  | { kind: 'error'; status: number }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'malformed' }
  | { kind: 'nulls' };

export interface RecordedRequest {
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  time: number;
}

function sparkline(coin: FakeCoin): number[] {
  if (coin.sparkline) return coin.sparkline;
  const base = coin.usd ?? 1;
  // 168 hourly points with a gentle, deterministic wave.
  return Array.from({ length: 168 }, (_, i) => +(base * (1 + 0.04 * Math.sin(i / 12) - 0.0002 * (168 - i))).toFixed(6));
}

/** The AI categories the fake lists by default: the coins it prices, bitcoin aside (nothing new to find). */
export const DEFAULT_CATEGORIES = (): Record<string, FakeCoin[]> => ({
  'artificial-intelligence': structuredClone(DEFAULT_COINS.filter((c) => c.id !== 'bitcoin')),
  'ai-agents': structuredClone(DEFAULT_COINS.filter((c) => c.id === 'virtual-protocol' || c.id === 'fetch-ai')),
});

export class FakeCoinGecko {
  coins: FakeCoin[] = structuredClone(DEFAULT_COINS);
  /** `/coins/markets?category=…` lists (largest market cap first, paged like CoinGecko); other categories are empty. */
  categories: Record<string, FakeCoin[]> = DEFAULT_CATEGORIES();
  mode: Mode = { kind: 'ok' };
  /** How the fake Coinbase fallback answers. */
  fallbackMode: Mode = { kind: 'ok' };
  requests: RecordedRequest[] = [];
  private server: Server | null = null;
  port = 0;

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}/api/v3`;
  }

  /** Requests to one endpoint, e.g. `count('/coins/markets')` (price requests: category lists are counted by categoryCount). */
  count(endpoint: string): number {
    return this.requests.filter((r) => r.path === `/api/v3${endpoint}` && !r.query.has('category')).length;
  }

  /** Category list requests (`/coins/markets?category=…`), optionally of one category. */
  categoryCount(category?: string): number {
    return this.requests.filter((r) => r.path === '/api/v3/coins/markets' && r.query.has('category') && (!category || r.query.get('category') === category)).length;
  }

  reset(): void {
    this.coins = structuredClone(DEFAULT_COINS);
    this.categories = DEFAULT_CATEGORIES();
    this.mode = { kind: 'ok' };
    this.fallbackMode = { kind: 'ok' };
    this.requests = [];
  }

  /** Requests to the fake Coinbase fallback. */
  fallbackCount(): number {
    return this.requests.filter((r) => r.path === '/v2/exchange-rates').length;
  }

  async start(port = 0): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.port = await listenLocal(this.server, port);
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    await closeServer(server);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-allow-headers', 'x-cg-demo-api-key, x-cg-pro-api-key');
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    this.requests.push({ path: url.pathname, query: url.searchParams, headers: req.headers, time: Date.now() });

    const mode = url.pathname.startsWith('/v2/') ? this.fallbackMode : this.mode;
    if (mode.kind === 'slow') await new Promise((r) => setTimeout(r, mode.delayMs));
    if (mode.kind === 'rate-limited') {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(mode.retryAfterSeconds) });
      return void res.end(
        JSON.stringify({ status: { error_code: 429, error_message: "You've exceeded the Rate Limit. Please visit https://www.coingecko.com/en/api/pricing to subscribe to our API plans for higher rate limits." } }),
      );
    }
    if (mode.kind === 'error') {
      res.writeHead(mode.status, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ error: 'Internal server error' }));
    }
    if (mode.kind === 'malformed') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end('{"id": "bittensor", "current_price": 4');
    }

    const body = url.pathname.startsWith('/v2/') ? this.coinbaseAnswer(url) : this.answer(url);
    if (body === undefined) {
      res.writeHead(404, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ error: 'Not found' }));
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  /** Coinbase `/v2/exchange-rates?currency=X`: how much of each currency/coin one X buys, as strings. */
  private coinbaseAnswer(url: URL): unknown {
    if (url.pathname !== '/v2/exchange-rates') return undefined;
    const base = (url.searchParams.get('currency') ?? 'USD').toUpperCase();
    const rate = USD_RATES[base.toLowerCase()];
    if (rate === undefined) return undefined;
    const rates: Record<string, string> = {};
    for (const [cur, r] of Object.entries(USD_RATES)) rates[cur.toUpperCase()] = String(r / rate);
    for (const c of this.coins) if (c.usd) rates[c.symbol.toUpperCase()] = String(1 / (c.usd * rate));
    return { data: { currency: base, rates } };
  }

  private answer(url: URL): unknown {
    const q = url.searchParams;
    const nulls = this.mode.kind === 'nulls';
    const byIds = (ids: string | null) => {
      const wanted = (ids ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      return this.coins.filter((c) => wanted.includes(c.id));
    };
    switch (url.pathname) {
      case '/api/v3/ping':
        return { gecko_says: '(V3) To the Moon!' };
      case '/api/v3/coins/markets': {
        const currency = (q.get('vs_currency') ?? '').toLowerCase();
        const rate = USD_RATES[currency];
        if (rate === undefined) return { error: 'invalid vs_currency' };
        const withSparkline = q.get('sparkline') === 'true';
        const category = q.get('category');
        let listed: FakeCoin[];
        if (category !== null) {
          const perPage = Math.min(250, Number(q.get('per_page') ?? 100) || 100);
          const page = Math.max(1, Number(q.get('page') ?? 1) || 1);
          listed = [...(this.categories[category] ?? [])]
            .sort((a, b) => (b.marketCap ?? -1) - (a.marketCap ?? -1))
            .slice((page - 1) * perPage, page * perPage);
        } else {
          listed = byIds(q.get('ids'));
        }
        return listed.map((c) => {
          const conv = (v: number | null | undefined) => (nulls || v == null ? null : +(v * rate).toPrecision(12));
          return {
            id: c.id,
            symbol: c.symbol,
            name: c.name,
            image: `https://coin-images.coingecko.com/coins/images/1/large/${c.id}.png`,
            current_price: conv(c.usd),
            market_cap: conv(c.marketCap),
            market_cap_rank: nulls ? null : (c.rank ?? null),
            total_volume: conv(c.volume),
            high_24h: conv(c.usd == null ? null : c.usd * 1.02),
            low_24h: conv(c.usd == null ? null : c.usd * 0.98),
            price_change_percentage_24h: nulls ? null : (c.change24h ?? null),
            last_updated: new Date().toISOString(),
            ...(withSparkline ? { sparkline_in_7d: { price: nulls ? [] : sparkline(c).map((p) => +(p * rate).toPrecision(12)) } } : {}),
            price_change_percentage_7d_in_currency: nulls ? null : 1.5,
          };
        });
      }
      case '/api/v3/simple/price': {
        const currencies = (q.get('vs_currencies') ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
        const out: Record<string, Record<string, number | null>> = {};
        for (const c of byIds(q.get('ids'))) {
          const entry: Record<string, number | null> = {};
          for (const cur of currencies) {
            const rate = USD_RATES[cur];
            if (rate === undefined) continue;
            entry[cur] = nulls || c.usd == null ? null : +(c.usd * rate).toPrecision(12);
            if (q.get('include_market_cap') === 'true') entry[`${cur}_market_cap`] = c.marketCap == null ? null : c.marketCap * rate;
            if (q.get('include_24hr_vol') === 'true') entry[`${cur}_24h_vol`] = c.volume == null ? null : c.volume * rate;
            if (q.get('include_24hr_change') === 'true') entry[`${cur}_24h_change`] = c.change24h ?? null;
          }
          if (q.get('include_last_updated_at') === 'true') entry.last_updated_at = Math.floor(Date.now() / 1000);
          out[c.id] = entry;
        }
        return out;
      }
      case '/api/v3/search': {
        const query = (q.get('query') ?? '').trim().toLowerCase();
        const coins = query
          ? this.coins
              .filter((c) => c.id.includes(query) || c.name.toLowerCase().includes(query) || c.symbol.includes(query))
              .map((c) => ({
                id: c.id,
                name: c.name,
                api_symbol: c.id,
                symbol: c.symbol.toUpperCase(),
                market_cap_rank: c.rank ?? null,
                thumb: `https://coin-images.coingecko.com/coins/images/1/thumb/${c.id}.png`,
                large: `https://coin-images.coingecko.com/coins/images/1/large/${c.id}.png`,
              }))
          : [];
        return { coins, exchanges: [], icos: [], categories: [], nfts: [] };
      }
      default:
        return undefined;
    }
  }
}

/**
 * Sends the extension's requests to the real fallback host (Coinbase) to the
 * fake instead (driver.ts routeHost: Playwright routing in Chromium, which sees
 * service-worker fetches; a redirect in Firefox's network layer). When the fake
 * is stopped, the request fails like a dead network.
 */
export async function routeFallback(ext: ExtensionSession, fake: FakeCoinGecko): Promise<void> {
  await ext.routeHost('https://api.coinbase.com', `http://127.0.0.1:${fake.port}`);
}
