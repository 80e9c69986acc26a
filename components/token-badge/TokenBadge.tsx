/**
 * The selection's token badge: the default encoding's count at a glance;
 * expanded, the count in each chosen encoding with the models that use it,
 * characters, words, how much of a few models' context windows it fills and
 * its estimated input cost (or that the price table has no entry for an
 * encoding), a button that copies the count and one that opens the token view
 * (the selection split into its tokens, in a tab of its own). Pure props in, events out: the page side
 * (entrypoints/content/selection-badge/badge-host.tsx) places it and feeds it.
 */
import { useEffect, useState } from 'preact/hooks';
import { t, uiLocale } from '@/utils/i18n';
import { formatCost, formatInteger, formatShare } from '@/utils/format';
import { estimateForModels, OPEN_CONTEXTS, openModelShares, PRICE_TABLE, unpricedEncodings } from '@/utils/tokens/llm-prices';
import { ENCODING_MODELS, ENCODINGS, type Encoding } from '@/utils/tokens/encodings';

export interface BadgeResult {
  counts: Partial<Record<Encoding, number>>;
  chars: number;
  words: number;
}

export type BadgeState =
  | { status: 'counting'; phase: 'reading' | 'sending' | 'counting'; fraction: number | null }
  | { status: 'done'; result: BadgeResult }
  /** Too long to count by itself: counts on a click. */
  | { status: 'confirm'; chars: number }
  | { status: 'error'; message: string };

interface Props {
  state: BadgeState;
  encoding: Encoding;
  expanded: boolean;
  /** Matches the page around the selection. */
  theme: 'light' | 'dark';
  onToggle(): void;
  onClose(): void;
  onRetry?: () => void;
  /** Starts the count of a long selection (status `confirm`). */
  onCount?: () => void;
  /** Copies the text; resolves when done. */
  onCopy(text: string): Promise<void>;
  /** Opens the token view of the selection; resolves once its tab is open. */
  onOpenView?: () => Promise<void>;
}

const DETAILS_ID = 'ti-badge-details';

/** The badge's encoding first, then the others that were counted, in the settings' order. */
function encodingOrder(counts: Partial<Record<Encoding, number>>, first: Encoding): Encoding[] {
  const rest = ENCODINGS.filter((e) => e !== first && counts[e] !== undefined);
  return counts[first] === undefined ? rest : [first, ...rest];
}

/** The price table's source as a short name (its host). */
function sourceName(source: string): string {
  try {
    return new URL(source).host;
  } catch {
    return source;
  }
}

export function TokenBadge({ state, encoding, expanded, theme, onToggle, onClose, onRetry, onCount, onCopy, onOpenView }: Props) {
  const locale = uiLocale();
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const [view, setView] = useState<'idle' | 'opening' | 'failed'>('idle');
  useEffect(() => {
    setCopy('idle');
    setView('idle');
  }, [state]);

  const count = state.status === 'done' ? state.result.counts[encoding] : undefined;
  const label =
    state.status === 'done' && count !== undefined
      ? count === 1
        ? t('badge_tokenOne')
        : t('badge_tokens', formatInteger(count, locale))
      : state.status === 'error'
        ? t('badge_errorShort')
        : state.status === 'confirm'
          ? t('badge_clickToCount', formatInteger(state.chars, locale))
          : t('badge_counting');

  return (
    <div
      class="ti-badge"
      data-testid="token-badge"
      data-status={state.status}
      data-theme={theme}
      role="group"
      aria-label={t('badge_label')}
    >
      <div class="ti-badge__bar">
        <button
          type="button"
          class="ti-badge__count"
          data-testid="token-count"
          aria-expanded={state.status === 'done' ? expanded : undefined}
          aria-controls={state.status === 'done' ? DETAILS_ID : undefined}
          aria-busy={state.status === 'counting'}
          title={state.status === 'done' ? t('badge_expandHint') : undefined}
          onClick={() => {
            if (state.status === 'done') onToggle();
            else if (state.status === 'confirm') onCount?.();
          }}
        >
          {label}
        </button>
        {state.status === 'counting' && <Progress phase={state.phase} fraction={state.fraction} locale={locale} />}
        <button type="button" class="ti-badge__close" aria-label={t('badge_close')} title={t('badge_close')} onClick={onClose}>
          ×
        </button>
      </div>

      {state.status === 'error' && (
        <div class="ti-badge__error" role="alert">
          <span>{state.message}</span>
          {onRetry && (
            <button type="button" onClick={onRetry}>
              {t('retry')}
            </button>
          )}
        </div>
      )}

      {state.status === 'done' && expanded && (
        <div class="ti-badge__details" id={DETAILS_ID} data-testid="token-details">
          <table class="ti-badge__table">
            <caption>{t('badge_encodingsCaption')}</caption>
            <tbody>
              {encodingOrder(state.result.counts, encoding).map((e) => (
                <tr key={e} data-encoding={e}>
                  <th scope="row">
                    <code>{e}</code>
                    <small>{ENCODING_MODELS[e]}</small>
                  </th>
                  <td>{formatInteger(state.result.counts[e]!, locale)}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">{t('badge_characters')}</th>
                <td data-testid="token-chars">{formatInteger(state.result.chars, locale)}</td>
              </tr>
              <tr>
                <th scope="row">{t('badge_words')}</th>
                <td data-testid="token-words">{formatInteger(state.result.words, locale)}</td>
              </tr>
            </tbody>
          </table>

          <table class="ti-badge__table ti-badge__models">
            <caption>{t('badge_modelsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('badge_model')}</th>
                <th scope="col">{t('badge_contextShare')}</th>
                <th scope="col">{t('badge_inputCost')}</th>
              </tr>
            </thead>
            <tbody>
              {estimateForModels(state.result.counts).map((row) => (
                <tr key={row.model.id} data-model={row.model.id}>
                  <th scope="row">{row.model.name}</th>
                  <td class={row.contextShare > 1 ? 'ti-badge__over' : undefined}>
                    {formatShare(row.contextShare, locale)}
                  </td>
                  <td>{formatCost(row.cost, PRICE_TABLE.currency, locale)}</td>
                </tr>
              ))}
              {openModelShares(state.result.counts).map((row) => (
                <tr key={row.model.id} data-model={row.model.id} data-open-model={row.model.encoding}>
                  <th scope="row">{row.model.name}</th>
                  <td class={row.contextShare > 1 ? 'ti-badge__over' : undefined}>
                    {formatShare(row.contextShare, locale)}
                  </td>
                  <td class="ti-badge__unpriced">{t('badge_openWeights')}</td>
                </tr>
              ))}
              {unpricedEncodings(encodingOrder(state.result.counts, encoding)).map((e) => (
                <tr key={e} data-unpriced={e}>
                  <th scope="row">{ENCODING_MODELS[e]}</th>
                  <td colSpan={2} class="ti-badge__unpriced">
                    {t('badge_noPriceEntry')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="ti-badge__note">{t('badge_pricesNote', [PRICE_TABLE.asOf, sourceName(PRICE_TABLE.source)])}</p>
          {openModelShares(state.result.counts).length > 0 && <p class="ti-badge__note">{t('badge_openContextsNote', [OPEN_CONTEXTS.asOf])}</p>}

          <div class="ti-badge__actions">
            <button
              type="button"
              data-testid="copy-count"
              onClick={() => {
                if (count === undefined) return;
                onCopy(String(count)).then(
                  () => setCopy('copied'),
                  () => setCopy('failed'),
                );
              }}
            >
              {t('badge_copy')}
            </button>
            {onOpenView && (
              <button
                type="button"
                data-testid="token-view-open"
                aria-busy={view === 'opening'}
                title={t('badge_tokenViewHint')}
                onClick={() => {
                  // Not disabled while opening: a disabled button would drop the keyboard focus the view gives back.
                  if (view === 'opening') return;
                  setView('opening');
                  onOpenView().then(
                    () => setView('idle'),
                    () => setView('failed'),
                  );
                }}
              >
                {t('badge_tokenView')}
              </button>
            )}
            <span class="ti-badge__copied" role="status">
              {view === 'failed'
                ? t('badge_tokenViewFailed')
                : copy === 'copied'
                  ? t('badge_copied')
                  : copy === 'failed'
                    ? t('badge_copyFailed')
                    : ''}
            </span>
          </div>
        </div>
      )}
    </div>
  );
}

function Progress({ phase, fraction, locale }: { phase: 'reading' | 'sending' | 'counting'; fraction: number | null; locale: string }) {
  const text =
    phase === 'reading' ? t('badge_reading') : phase === 'sending' ? t('badge_sending') : t('badge_countingPhase');
  const pct = fraction === null ? null : Math.max(0, Math.min(100, Math.round(fraction * 100)));
  return (
    <span
      class="ti-badge__progress"
      data-testid="token-progress"
      role="progressbar"
      aria-label={text}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct ?? undefined}
    >
      <span class="ti-badge__track">
        <span
          class={pct === null ? 'ti-badge__fill ti-badge__fill--busy' : 'ti-badge__fill'}
          style={pct === null ? undefined : { transform: `scaleX(${pct / 100})` }}
        />
      </span>
      <span class="ti-badge__pct">{pct === null ? text : `${text} ${formatShare(pct / 100, locale)}`}</span>
    </span>
  );
}
