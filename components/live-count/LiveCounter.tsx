/**
 * The live count under a prompt box: the exact token count of the box's
 * text in the default encoding, the other chosen encodings' counts beside
 * it, and a bar of the share of the chosen model's context window, which
 * says "near the limit" / "over the limit" in words (and a sign) as well as
 * in colour. Not interactive: it never takes focus or a click. Pure props
 * in; the page side (entrypoints/content/live-count/live-host.tsx) places it.
 */
import { t, uiLocale } from '@/utils/i18n';
import { formatInteger, formatShare } from '@/utils/format';
import type { Encoding } from '@/utils/tokens/encodings';
import type { ContextModel } from '@/utils/tokens/llm-prices';
import { LIVE_COUNT_NEAR_SHARE } from '@/utils/model/limits';

export type LiveCounterState =
  | { status: 'counting' }
  | { status: 'done'; counts: Partial<Record<Encoding, number>>; busy: boolean }
  | { status: 'too-long'; chars: number }
  | { status: 'error'; message: string };

interface Props {
  state: LiveCounterState;
  /** The encodings to show, the default one first. */
  encodings: readonly Encoding[];
  model: ContextModel;
  theme: 'light' | 'dark';
}

/** How full the model's window is: its level decides the bar's colour, its words and sign. */
export function windowLevel(share: number): 'ok' | 'near' | 'over' {
  return share > 1 ? 'over' : share >= LIVE_COUNT_NEAR_SHARE ? 'near' : 'ok';
}

export function LiveCounter({ state, encodings, model, theme }: Props) {
  const locale = uiLocale();
  const first = encodings[0];
  let body;
  if (state.status === 'done' && first) {
    const count = state.counts[first] ?? 0;
    const windowTokens = state.counts[model.encoding];
    const share = windowTokens === undefined ? null : windowTokens / model.contextWindow;
    const level = share === null ? 'ok' : windowLevel(share);
    body = (
      <>
        <span class="ti-live__count" data-testid="live-count-value" data-encoding={first} data-count={count}>
          {count === 1 ? t('badge_tokenOne') : t('badge_tokens', formatInteger(count, locale))}
        </span>
        {encodings.slice(1).map((e) => (
          <span key={e} class="ti-live__other" data-encoding={e} data-count={state.counts[e]}>
            <code>{e}</code> {state.counts[e] === undefined ? '—' : formatInteger(state.counts[e]!, locale)}
          </span>
        ))}
        {share !== null && (
          <span class="ti-live__window" data-testid="live-count-window" data-level={level}>
            <span class="ti-live__track" aria-hidden="true">
              <span class="ti-live__fill" style={{ transform: `scaleX(${Math.min(1, share)})` }} />
            </span>
            <span>{t('liveCount_share', [formatShare(share, locale), model.name])}</span>
            {level !== 'ok' && (
              <strong class="ti-live__warn">
                {level === 'over' ? '⛔ ' : '⚠ '}
                {t(level === 'over' ? 'liveCount_over' : 'liveCount_near')}
              </strong>
            )}
          </span>
        )}
      </>
    );
  } else if (state.status === 'too-long') {
    body = <span class="ti-live__note">{t('liveCount_tooLong')}</span>;
  } else if (state.status === 'error') {
    body = (
      <span class="ti-live__note ti-live__note--error" title={state.message}>
        {t('liveCount_failed')}
      </span>
    );
  } else {
    body = <span class="ti-live__note">{t('liveCount_counting')}</span>;
  }
  return (
    <div
      class="ti-live"
      data-testid="live-count"
      data-status={state.status}
      data-theme={theme}
      role="status"
      aria-live="off"
      aria-busy={state.status === 'counting' || (state.status === 'done' && state.busy)}
      aria-label={t('liveCount_label')}
    >
      {body}
    </div>
  );
}
