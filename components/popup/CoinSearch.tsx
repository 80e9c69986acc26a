import { useEffect, useRef, useState } from 'preact/hooks';
import { sendToBackground } from '@/utils/protocol/bus';
import { t } from '@/utils/i18n';
import type { CoinRef } from '@/utils/model/coin';

/** A search result: a coin and its market-cap rank. */
export type FoundCoin = CoinRef & { rank: number | null };

interface Props {
  /** Coins already followed (shown as added, not offered again). */
  followed: ReadonlySet<string>;
  onAdd: (coin: FoundCoin) => Promise<void>;
}

export const SEARCH_DEBOUNCE_MS = 300;
const MIN_CHARS = 2;
/** role=combobox on a text input (Preact's types only allow it together with a `list` attribute). */
const COMBOBOX = { role: 'combobox' } as Record<string, string>;

type Results =
  | { kind: 'idle' }
  | { kind: 'searching' }
  | { kind: 'done'; coins: FoundCoin[] }
  | { kind: 'error'; message: string };

/**
 * Search-as-you-type for adding coins (a WAI-ARIA combobox): debounced
 * `coins.search`, Arrow keys move through the results, Enter adds, Escape closes.
 */
export function CoinSearch({ followed, onAdd }: Props) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<Results>({ kind: 'idle' });
  const [active, setActive] = useState(-1);
  const [adding, setAdding] = useState<string | null>(null);
  const latest = useRef(0);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const q = query.trim();
    const mine = ++latest.current;
    if (q.length < MIN_CHARS) {
      setResults({ kind: 'idle' });
      return;
    }
    const timer = setTimeout(() => {
      setResults({ kind: 'searching' });
      sendToBackground('coins.search', { query: q.slice(0, 100) }).then(
        ({ coins }) => {
          if (mine !== latest.current) return;
          setResults({ kind: 'done', coins });
          setActive(coins.length ? 0 : -1);
        },
        (error: unknown) => {
          if (mine !== latest.current) return;
          setResults({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
        },
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query]);

  const coins = results.kind === 'done' ? results.coins : [];
  const open = results.kind !== 'idle';

  const choose = async (coin: FoundCoin | undefined) => {
    if (!coin || followed.has(coin.coinId) || adding) return;
    setAdding(coin.coinId);
    try {
      await onAdd(coin);
      setQuery('');
      setResults({ kind: 'idle' });
      setActive(-1);
      input.current?.focus();
    } catch (error) {
      setResults({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    } finally {
      setAdding(null);
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' && coins.length) setActive((i) => (i + 1) % coins.length);
    else if (e.key === 'ArrowUp' && coins.length) setActive((i) => (i <= 0 ? coins.length - 1 : i - 1));
    else if (e.key === 'Enter' && active >= 0) void choose(coins[active]);
    else if (e.key === 'Escape' && open) {
      setQuery('');
      setResults({ kind: 'idle' });
    } else return;
    e.preventDefault();
  };

  return (
    <div class="search">
      <label for="coin-search" class="search__label">
        {t('popup_searchLabel')}
      </label>
      <input
        id="coin-search"
        ref={input}
        type="search"
        data-testid="coin-search"
        {...COMBOBOX}
        autocomplete="off"
        spellcheck={false}
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls="coin-search-results"
        aria-activedescendant={open && active >= 0 ? `coin-result-${active}` : undefined}
        placeholder={t('popup_searchPlaceholder')}
        value={query}
        maxLength={100}
        onInput={(e) => setQuery(e.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      <ul id="coin-search-results" class="search__results" role="listbox" aria-label={t('popup_searchResults')} hidden={!open || coins.length === 0}>
        {coins.map((coin, i) => {
          const added = followed.has(coin.coinId);
          return (
            <li
              key={coin.coinId}
              id={`coin-result-${i}`}
              role="option"
              data-testid="search-result"
              data-coin={coin.coinId}
              aria-selected={i === active}
              aria-disabled={added || undefined}
              class={`search__result${i === active ? ' search__result--active' : ''}`}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => void choose(coin)}
              onMouseMove={() => setActive(i)}
            >
              <span class="search__symbol">{coin.symbol.toUpperCase()}</span>
              <span class="search__name">{coin.name}</span>
              <span class="search__note">
                {added ? t('popup_searchAdded') : adding === coin.coinId ? t('popup_searchAdding') : coin.rank ? `#${coin.rank}` : ''}
              </span>
            </li>
          );
        })}
      </ul>
      <p class="search__status" role="status">
        {results.kind === 'searching' && t('popup_searchSearching')}
        {results.kind === 'done' && coins.length === 0 && t('popup_searchNoResults', query.trim())}
        {results.kind === 'done' && coins.length > 0 && t('popup_searchResultCount', String(coins.length))}
        {results.kind === 'error' && t('popup_searchError', results.message)}
      </p>
    </div>
  );
}
