import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t, uiLocale } from '@/utils/i18n';
import { formatInteger } from '@/utils/format';
import { sendToBackground } from '@/utils/protocol/bus';
import { unpackInts } from '@/utils/protocol/packed';
import { countChars } from '@/utils/tokens/text-stats';
import { ENCODING_MODELS, ENCODINGS, type Encoding } from '@/utils/tokens/encodings';
import type { TokenSplitPart, TokenView } from '@/utils/model/token-view';
import { StatusMessage } from '@/components/ui/StatusMessage';
import { TokenText } from './TokenText';
import type { ViewSplit } from './layout';

type Loadable<T> = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; value: T };

/** The whole split of a view in one encoding (null: the default one), asked for part by part. */
async function fetchSplit(viewId: string, asked: Encoding | null): Promise<ViewSplit & { encoding: Encoding }> {
  const parts: TokenSplitPart[] = [];
  let encoding = asked;
  let from: number | null = 0;
  while (from !== null) {
    const part: TokenSplitPart = await sendToBackground('tokenView.split', { viewId, from, ...(encoding ? { encoding } : {}) });
    parts.push(part);
    encoding = part.encoding;
    from = part.next;
  }
  const join = (pick: (part: TokenSplitPart) => string, rising = false) => {
    const lists = parts.map((part) => unpackInts(pick(part), rising));
    if (lists.length === 1) return lists[0]!;
    const all = new Int32Array(lists.reduce((n, l) => n + l.length, 0));
    let at = 0;
    for (const list of lists) {
      all.set(list, at);
      at += list.length;
    }
    return all;
  };
  return {
    encoding: encoding!,
    ids: join((p) => p.ids),
    pieceEnds: join((p) => p.pieceEnds, true),
    pieceTokenEnds: join((p) => p.pieceTokenEnds, true),
  };
}

/** The first requests of a view, sent before the first render (main.tsx): the page shows sooner. */
export interface FirstLoad {
  viewId: string;
  view: Promise<TokenView>;
  split: Promise<ViewSplit & { encoding: Encoding }>;
}

/** Asks for the view's text and its split in the default encoding at once. */
export function startLoading(viewId: string): FirstLoad {
  const load = { viewId, view: sendToBackground('tokenView.get', { viewId }), split: fetchSplit(viewId, null) };
  // Handled when used; a view that is never shown (another id) must not report unhandled rejections.
  load.view.catch(() => {});
  load.split.catch(() => {});
  return load;
}

/** Back to the page the view was opened from, and this tab closed (Escape or the Close button). */
async function closeView(): Promise<void> {
  try {
    const tab = await browser.tabs.getCurrent();
    if (tab?.openerTabId !== undefined) await browser.tabs.update(tab.openerTabId, { active: true }).catch(() => {});
    if (tab?.id !== undefined) {
      await browser.tabs.remove(tab.id);
      return;
    }
  } catch {
    // Not in a tab of its own: the window's close below.
  }
  window.close();
}

const HEADINGS: Record<TokenView['kind'], string> = {
  selection: 'view_sourceSelection',
  readable: 'view_sourceReadable',
  visible: 'view_sourceVisible',
};

/**
 * The token view: a text (a selection, or a page's readable or visible text)
 * split into its tokens. At the top: where the text comes from, the token
 * count and characters per token in the chosen encoding (every encoding the
 * counter supports; the settings' default at first), "Copy ids as JSON"
 * and Close (also Escape). Below, the text itself, token by token (TokenText).
 * The view's id is the address's fragment (`tokens.html#<id>`); the text
 * comes from the background, which keeps it while this tab is open.
 */
export function TokenViewApp({ first }: { first?: FirstLoad }) {
  const locale = uiLocale();
  const [viewId, setViewId] = useState(() => location.hash.slice(1));
  /** The first requests, used once if they are for this view (not after Retry, another view or encoding). */
  const firstLoad = (id: string, asked: Encoding | null, tries: number) => (first && first.viewId === id && asked === null && tries === 0 ? first : null);
  const [view, setView] = useState<Loadable<TokenView>>({ kind: 'loading' });
  /** The encoding the user chose; null until then (the background's default encoding is shown). */
  const [choice, setChoice] = useState<Encoding | null>(null);
  const [split, setSplit] = useState<Loadable<ViewSplit & { encoding: Encoding }>>({ kind: 'loading' });
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const [attempt, setAttempt] = useState(0);
  const readyMarked = useRef(false);

  useEffect(() => {
    const onHash = () => setViewId(location.hash.slice(1));
    window.addEventListener('hashchange', onHash);
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) void closeView();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('hashchange', onHash);
      document.removeEventListener('keydown', onKey);
    };
  }, []);

  useEffect(() => {
    setView({ kind: 'loading' });
    (firstLoad(viewId, null, attempt)?.view ?? sendToBackground('tokenView.get', { viewId })).then(
      (value) => {
        performance.mark('token-view-text');
        setView({ kind: 'ready', value });
      },
      (error: unknown) => setView({ kind: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
  }, [viewId, attempt]);

  // Asked at the same time as the text (the background starts splitting in the default encoding when it opens the view).
  useEffect(() => {
    let current = true;
    setSplit({ kind: 'loading' });
    setCopy('idle');
    (firstLoad(viewId, choice, attempt)?.split ?? fetchSplit(viewId, choice)).then(
      (value) => {
        performance.mark('token-view-split');
        if (current) setSplit({ kind: 'ready', value });
      },
      (error: unknown) => current && setSplit({ kind: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, [choice, viewId, attempt]);

  const onRendered = useCallback(() => {
    if (readyMarked.current) return;
    readyMarked.current = true;
    // The e2e test reads how long the view took to open from here.
    performance.mark('token-view-ready');
  }, []);

  const text = view.kind === 'ready' ? view.value.text : '';
  const chars = useMemo(() => countChars(text), [text]);
  const tokens = split.kind === 'ready' ? split.value.ids.length : null;
  useEffect(() => {
    document.title = tokens === null ? t('view_pageTitle') : t('view_pageTitleCount', formatInteger(tokens, locale));
  }, [tokens, locale]);

  const copyIds = () => {
    if (split.kind !== 'ready') return;
    navigator.clipboard.writeText(JSON.stringify(Array.from(split.value.ids))).then(
      () => setCopy('copied'),
      () => setCopy('failed'),
    );
  };
  const retry = () => setAttempt((n) => n + 1);

  return (
    <main
      class="tv"
      data-testid="token-view-page"
      data-state={view.kind === 'error' || split.kind === 'error' ? 'error' : view.kind === 'ready' && split.kind === 'ready' ? 'ready' : 'loading'}
    >
      <header class="tv-head">
        <div class="tv-head__title">
          <img src="/icon/32.png" alt="" width={20} height={20} />
          <h1>{t('view_title')}</h1>
          <button type="button" class="button tv-close" data-testid="token-view-close" onClick={() => void closeView()}>
            {t('view_close')}
          </button>
        </div>
        {view.kind === 'ready' && (
          <p class="tv-source">
            {t(HEADINGS[view.value.kind], view.value.title || t('view_untitled'))}
            {view.value.other && (
              <>
                {' '}
                <a href={`#${view.value.other}`} data-testid="token-view-other">
                  {view.value.kind === 'readable' ? t('view_showVisible') : t('view_showReadable')}
                </a>
              </>
            )}
          </p>
        )}
        <div class="tv-controls">
          <label class="tv-encoding">
            <span>{t('view_encoding')}</span>
            <select
              data-testid="token-view-encoding"
              value={choice ?? (split.kind === 'ready' ? split.value.encoding : '')}
              disabled={choice === null && split.kind !== 'ready'}
              onChange={(e) => setChoice(e.currentTarget.value as Encoding)}
            >
              {ENCODINGS.map((e) => (
                <option key={e} value={e}>
                  {`${e} — ${ENCODING_MODELS[e]}`}
                </option>
              ))}
            </select>
          </label>
          <button type="button" class="button" data-testid="token-view-copy" disabled={split.kind !== 'ready'} onClick={copyIds}>
            {t('view_copyIds')}
          </button>
          <span class="tv-copied" role="status">
            {copy === 'copied' ? t('view_copied') : copy === 'failed' ? t('badge_copyFailed') : ''}
          </span>
        </div>
        <div id="tv-summary" class="tv-summary">
          <p class="tv-stats" role="status" data-testid="token-view-stats">
            {split.kind === 'ready' && tokens !== null ? (
              <>
                <strong data-testid="token-view-count" data-count={tokens}>
                  {tokens === 1 ? t('badge_tokenOne') : t('badge_tokens', formatInteger(tokens, locale))}
                </strong>
                {' · '}
                <span data-testid="token-view-ratio">
                  {tokens > 0
                    ? t('view_charsPerToken', new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(chars / tokens))
                    : t('view_noTokens')}
                </span>
                {' · '}
                <span>{t('popup_chars', formatInteger(chars, locale))}</span>
                {' · '}
                <code>{split.value.encoding}</code>
              </>
            ) : (
              ''
            )}
          </p>
          <p class="tv-help">{t('view_help')}</p>
        </div>
      </header>

      {view.kind === 'loading' && <StatusMessage kind="loading">{t('view_loadingText')}</StatusMessage>}
      {view.kind === 'error' && (
        <StatusMessage kind="error" onRetry={retry}>
          {t('view_gone')}
        </StatusMessage>
      )}
      {view.kind === 'ready' && split.kind === 'loading' && <StatusMessage kind="loading">{t('view_splitting')}</StatusMessage>}
      {view.kind === 'ready' && split.kind === 'error' && (
        <StatusMessage kind="error" onRetry={retry}>
          {t('view_splitError', split.message)}
        </StatusMessage>
      )}
      {view.kind === 'ready' && split.kind === 'ready' && text.length === 0 && <StatusMessage kind="empty">{t('view_empty')}</StatusMessage>}
      {view.kind === 'ready' && split.kind === 'ready' && (
        <TokenText text={text} split={split.value} describedBy="tv-summary" onRendered={onRendered} />
      )}
    </main>
  );
}
