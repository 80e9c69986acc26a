import { useEffect, useState } from 'preact/hooks';
import { sendToBackground } from '@/utils/message-bus';
import type { WatchlistEntry } from '@/utils/db';
import { StatusMessage } from '@/components/StatusMessage';
import { t } from '@/utils/i18n';

type State =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; watchlist: WatchlistEntry[] };

export function App() {
  const [state, setState] = useState<State>({ status: 'loading' });

  const load = () => {
    setState({ status: 'loading' });
    sendToBackground('watchlist.list', {})
      .then((watchlist) => setState({ status: 'ready', watchlist }))
      .catch((error: unknown) =>
        setState({ status: 'error', message: error instanceof Error ? error.message : String(error) }),
      );
  };
  useEffect(load, []);

  return (
    <main class="popup">
      <header class="popup__header">
        <img src="/icon/32.png" alt="" width={20} height={20} />
        <h1>{t('extName')}</h1>
      </header>
      <section aria-labelledby="watchlist-title">
        <h2 id="watchlist-title">{t('popupWatchlistTitle')}</h2>
        {state.status === 'loading' && <StatusMessage kind="loading">{t('popupWatchlistLoading')}</StatusMessage>}
        {state.status === 'error' && (
          <StatusMessage kind="error" onRetry={load}>
            {state.message}
          </StatusMessage>
        )}
        {state.status === 'ready' && state.watchlist.length === 0 && (
          <StatusMessage kind="empty">{t('popupWatchlistEmpty')}</StatusMessage>
        )}
        {state.status === 'ready' && state.watchlist.length > 0 && (
          <ul class="watchlist">
            {state.watchlist.map((coin) => (
              <li key={coin.coinId} data-testid="watchlist-row" data-symbol={coin.symbol}>
                <span class="watchlist__symbol">{coin.symbol}</span>
                <span class="watchlist__name">{coin.name}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <footer class="popup__footer">
        <a href="/options.html" target="_blank" rel="noopener">
          {t('settingsLink')}
        </a>
      </footer>
    </main>
  );
}
