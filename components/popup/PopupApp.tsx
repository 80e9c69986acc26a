import { useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { Tabs } from './Tabs';
import { Watchlist } from './Watchlist';
import { Summaries } from './Summaries';

type Tab = 'watchlist' | 'summaries';

/** The popup: the watchlist and the summaries of what you counted and read, in two tabs. */
export function PopupApp() {
  const [tab, setTab] = useState<Tab>('watchlist');
  return (
    <main class="popup">
      <header class="popup__header">
        <img src="/icon/32.png" alt="" width={20} height={20} />
        <h1>{t('extName')}</h1>
        <a class="popup__settings" href="/options.html" target="_blank" rel="noopener">
          {t('popup_settingsLink')}
        </a>
      </header>
      <Tabs
        label={t('popup_tabsLabel')}
        selected={tab}
        onSelect={setTab}
        tabs={[
          { id: 'watchlist', label: t('popup_tabWatchlist'), panel: () => <Watchlist /> },
          { id: 'summaries', label: t('popup_tabSummaries'), panel: () => <Summaries /> },
        ]}
      />
    </main>
  );
}
