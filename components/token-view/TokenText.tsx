import { memo } from 'preact/compat';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t, uiLocale } from '@/utils/i18n';
import { formatInteger } from '@/utils/format';
import {
  blockOf,
  estimateHeight,
  pieceStyle,
  makeBlocks,
  nextRange,
  offsetsOf,
  pieceIds,
  pieceStart,
  runsOf,
  utf8Length,
  visibleBlocks,
  type ViewSplit,
} from './layout';

interface Props {
  text: string;
  split: ViewSplit;
  /** Id of the element that describes the region (the summary and help). */
  describedBy: string;
  /** Called once the first blocks are on the page (the view's "ready" mark). */
  onRendered?: () => void;
}

/** Colours cycle over this many (palette.css: --ti-token-1…4), so neighbours always differ. */
const COLOURS = 4;
/** After a scroll, hovering shows a token again only once the text has been still this long. */
const HOVER_AFTER_SCROLL_MS = 200;
/** Blocks rendered beyond the visible part, in viewport heights, above and below. */
const OVERSCAN = 0.5;

interface Metrics {
  charsPerLine: number;
  lineHeight: number;
  width: number;
}

/** What a token's hover or keyboard focus shows: its id(s) and byte length. */
function describe(text: string, split: ViewSplit, i: number) {
  const ids = Array.from(pieceIds(split, i));
  const start = pieceStart(split, i);
  const end = split.pieceEnds[i]!;
  return { ids, bytes: utf8Length(text, start, end), text: text.slice(start, end) };
}

/** The piece's text with its whitespace spelt out (for the screen-reader announcement). */
function spelt(text: string): string {
  return text.replaceAll(' ', '·').replaceAll('\n', '↵').replaceAll('\t', '→').replaceAll('\r', '␍');
}

/** One piece's element (a plain function, not a component: a block makes hundreds of them). */
function piece(text: string, index: number, ids: string) {
  const style = pieceStyle(text);
  const cls = `tv-t tv-c${index % COLOURS}${style === 'plain' || style === 'runs' ? '' : ` tv-${style}`}`;
  return (
    <span key={index} class={cls} data-testid="token" data-token-id={ids} data-i={index}>
      {style !== 'runs'
        ? text
        : runsOf(text).map((run, k) =>
            run.mark === null ? (
              run.text
            ) : (
              <span key={k} class={`tv-${run.mark}`}>
                {run.text}
              </span>
            ),
          )}
    </span>
  );
}

/** One block of pieces: rendered once per split (memo), whatever the hover or the scroll does. */
const Block = memo(function Block({ text, split, from, to }: { text: string; split: ViewSplit; from: number; to: number }) {
  const pieces = [];
  for (let i = from; i < to; i++) {
    pieces.push(piece(text.slice(pieceStart(split, i), split.pieceEnds[i]!), i, pieceIds(split, i).join(' ')));
  }
  return <div class="tv-block">{pieces}</div>;
});

/**
 * The text split into its tokens, virtualised: the text is cut into blocks
 * (layout.ts) and only the blocks in and near the visible part are in the
 * page, placed by their heights (estimated from the text, then measured once
 * rendered; a correction above the visible part moves the scroll position
 * with it, so the text under the reader never jumps). Each piece is a
 * coloured element with its token id(s); hovering one, or moving through
 * them with the arrow keys (Home and End: first and last), shows its ids and
 * byte length. The pieces themselves are hidden from screen readers (a whole
 * text read out token by token helps nobody): the region is described by the
 * view's summary, and the arrow keys announce the token they move to.
 */
export function TokenText({ text, split, describedBy, onRendered }: Props) {
  const locale = uiLocale();
  const scroller = useRef<HTMLDivElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const inner = useRef<HTMLDivElement>(null);
  const probe = useRef<HTMLSpanElement>(null);
  const blocks = useMemo(() => makeBlocks(text, split.pieceEnds), [text, split]);
  const [metrics, setMetrics] = useState<Metrics | null>(null);
  // Heights and tops of the blocks live in refs: a measurement writes the two sizes it changes
  // straight to the page, so adding a block costs one render, not two.
  const heights = useRef<Float64Array>(new Float64Array(0));
  const offsets = useRef<Float64Array>(new Float64Array(1));
  const [range, setRange] = useState<[number, number]>([0, 0]);
  const [hover, setHover] = useState<number | null>(null);
  const [active, setActive] = useState<number | null>(null);
  const [tip, setTip] = useState<{ left: number; top: number; below: boolean } | null>(null);
  const rendered = useRef(false);
  const frame = useRef(0);
  /** When the text last scrolled: the pointer's hover waits until scrolling stops (text moving under it is no hover). */
  const lastScroll = useRef(-Infinity);

  // The font's metrics, at the start and whenever the width changes.
  useLayoutEffect(() => {
    const el = scroller.current;
    const sample = probe.current;
    if (!el || !sample) return;
    const measure = () => {
      const style = getComputedStyle(sample);
      const charWidth = sample.getBoundingClientRect().width / 50 || 8;
      const lineHeight = Number.parseFloat(style.lineHeight) || 22;
      const width = el.clientWidth;
      setMetrics((old) =>
        old && old.width === width ? old : { width, lineHeight, charsPerLine: Math.max(8, Math.floor((width - 24) / charWidth)) },
      );
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  /** Next frame: the blocks to render next (at most BLOCKS_PER_FRAME new ones), until the wanted ones are all there. */
  const update = () => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => {
      const el = scroller.current;
      if (!el) return;
      const o = offsets.current;
      const wanted = visibleBlocks(o, el.scrollTop - OVERSCAN * el.clientHeight, el.scrollTop + (OVERSCAN + 1) * el.clientHeight);
      const visible = visibleBlocks(o, el.scrollTop, el.scrollTop + el.clientHeight);
      setRange((old) => {
        const next = nextRange(old, wanted, visible);
        return old[0] === next[0] && old[1] === next[1] ? old : next;
      });
    });
  };

  // Estimated heights for a new split or width; a new split starts at the top.
  useLayoutEffect(() => {
    if (!metrics) return;
    const n = blocks.length;
    const h = new Float64Array(n);
    for (let b = 0; b < n; b++) {
      const from = b > 0 ? blocks[b - 1]! : 0;
      h[b] = estimateHeight(text, pieceStart(split, from), split.pieceEnds[blocks[b]! - 1]!, metrics.charsPerLine, metrics.lineHeight);
    }
    heights.current = h;
    offsets.current = offsetsOf(h);
    setRange([0, 0]);
    update();
  }, [blocks, metrics, text, split]);

  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
    setHover(null);
    setActive(null);
  }, [split]);

  // After each render: measure the blocks on the page; a block taller or shorter than estimated
  // moves the ones below it, and one above the visible part moves the scroll position by as much.
  useLayoutEffect(() => {
    const el = scroller.current;
    const box = inner.current;
    if (!el || !box) return;
    if (range[1] > range[0]) {
      const h = heights.current;
      let changed = false;
      let above = 0;
      const [first] = visibleBlocks(offsets.current, el.scrollTop, el.scrollTop + 1);
      for (let k = 0; k < box.children.length; k++) {
        const b = range[0] + k;
        if (b >= h.length) break;
        const real = (box.children[k] as HTMLElement).offsetHeight;
        if (Math.abs(real - h[b]!) > 0.5) {
          if (b < first) above += real - h[b]!;
          h[b] = real;
          changed = true;
        }
      }
      if (changed) {
        const o = offsetsOf(h);
        offsets.current = o;
        box.style.top = `${o[range[0]]}px`;
        body.current!.style.height = `${o[o.length - 1]}px`;
        if (above) el.scrollTop += above;
      }
      if (!rendered.current && box.children.length > 0) {
        rendered.current = true;
        onRendered?.();
      }
    }
    update();
  }, [range]);

  // Scrolling: the tip goes, the blocks follow.
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const onScroll = () => {
      lastScroll.current = performance.now();
      setTip(null);
      setHover(null);
      update();
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      el.removeEventListener('scroll', onScroll);
      cancelAnimationFrame(frame.current);
    };
  }, []);

  const shown = active ?? hover;

  // The shown piece: outlined, its tip placed next to it.
  useLayoutEffect(() => {
    const box = inner.current;
    box?.querySelectorAll('.tv-t.is-shown').forEach((e) => e.classList.remove('is-shown'));
    if (shown === null || !box) {
      setTip(null);
      return;
    }
    const element = box.querySelector<HTMLElement>(`[data-i="${shown}"]`);
    if (!element) {
      setTip(null);
      return;
    }
    element.classList.add('is-shown');
    if (active !== null) element.scrollIntoView({ block: 'nearest' });
    const rect = element.getClientRects()[0] ?? element.getBoundingClientRect();
    const below = rect.top < 60;
    setTip({ left: Math.max(4, Math.min(rect.left, window.innerWidth - 260)), top: below ? rect.bottom + 6 : rect.top - 6, below });
  }, [shown, active, range]);

  const moveTo = (piece: number) => {
    const n = split.pieceEnds.length;
    if (n === 0) return;
    const next = Math.max(0, Math.min(n - 1, piece));
    setActive(next);
    // Not on the page yet: scroll its block into view first, the piece follows once rendered.
    const el = scroller.current!;
    const b = blockOf(blocks, next);
    if (b < range[0] || b >= range[1]) el.scrollTop = offsets.current[b]!;
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const n = split.pieceEnds.length;
    if (n === 0) return;
    const firstVisible = () => {
      const el = scroller.current!;
      const [b] = visibleBlocks(offsets.current, el.scrollTop, el.scrollTop + 1);
      return b > 0 ? blocks[b - 1]! : 0;
    };
    if (e.key === 'ArrowRight') moveTo(active === null ? firstVisible() : active + 1);
    else if (e.key === 'ArrowLeft') moveTo(active === null ? firstVisible() : active - 1);
    else if (e.key === 'Home' && (e.ctrlKey || active !== null)) moveTo(0);
    else if (e.key === 'End' && (e.ctrlKey || active !== null)) moveTo(n - 1);
    else return;
    e.preventDefault();
  };

  const onOver = (e: MouseEvent) => {
    if (performance.now() - lastScroll.current < HOVER_AFTER_SCROLL_MS) return;
    const piece = (e.target as Element).closest?.('[data-i]');
    setHover(piece ? Number((piece as HTMLElement).dataset.i) : null);
  };

  const info = shown !== null && shown < split.pieceEnds.length ? describe(text, split, shown) : null;
  const first = range[0];
  const children = [];
  for (let b = range[0]; b < range[1] && b < blocks.length; b++) {
    children.push(<Block key={b} text={text} split={split} from={b > 0 ? blocks[b - 1]! : 0} to={blocks[b]!} />);
  }

  return (
    <>
      <div
        ref={scroller}
        class="tv-scroller"
        data-testid="token-view"
        data-blocks={blocks.length}
        tabIndex={0}
        role="region"
        aria-label={t('view_regionLabel')}
        aria-describedby={describedBy}
        onKeyDown={onKeyDown}
        onBlur={() => setActive(null)}
      >
        <span ref={probe} class="tv-probe" aria-hidden="true">
          {'x'.repeat(50)}
        </span>
        <div ref={body} class="tv-body" style={{ height: `${offsets.current[offsets.current.length - 1]}px` }} aria-hidden="true">
          <div
            ref={inner}
            class="tv-blocks"
            style={{ top: `${offsets.current[first] ?? 0}px` }}
            onMouseMove={onOver}
            onMouseLeave={() => setHover(null)}
          >
            {children}
          </div>
        </div>
      </div>
      {info && tip && (
        <div
          class={`tv-tip${tip.below ? ' tv-tip--below' : ''}`}
          data-testid="token-tip"
          aria-hidden="true"
          style={{ left: `${tip.left}px`, top: `${tip.top}px` }}
        >
          <span class="tv-tip__ids">
            {info.ids.length === 1 ? t('view_tipId', String(info.ids[0])) : t('view_tipIds', info.ids.join(' '))}
          </span>
          <span>{t('view_tipBytes', formatInteger(info.bytes, locale))}</span>
        </div>
      )}
      <p class="visually-hidden" aria-live="polite">
        {active !== null && info
          ? t('view_announce', [
              formatInteger(active + 1, locale),
              formatInteger(split.pieceEnds.length, locale),
              spelt(info.text),
              info.ids.join(' '),
              formatInteger(info.bytes, locale),
            ])
          : ''}
      </p>
    </>
  );
}
