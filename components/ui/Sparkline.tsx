import { changeDirection } from '@/utils/format';

interface Props {
  prices: readonly number[];
  width?: number;
  height?: number;
  /** Accessible description, e.g. "7-day price trend: up 4%". */
  label: string;
}

/** Builds the SVG polyline points for a series scaled into width × height (pure). */
export function sparklinePoints(prices: readonly number[], width: number, height: number): string {
  const values = prices.filter((p) => Number.isFinite(p));
  if (values.length < 2) return '';
  // At most ~1 point per pixel.
  const step = Math.max(1, Math.floor(values.length / width));
  const sampled = values.filter((_, i) => i % step === 0 || i === values.length - 1);
  const min = Math.min(...sampled);
  const max = Math.max(...sampled);
  const span = max - min || 1;
  const pad = 1;
  return sampled
    .map((p, i) => {
      const x = (i / (sampled.length - 1)) * width;
      const y = pad + (1 - (p - min) / span) * (height - 2 * pad);
      return `${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
}

/** A 7-day price sparkline as inline SVG; colour follows the trend, the label says it in words. */
export function Sparkline({ prices, width = 120, height = 32, label }: Props) {
  const points = sparklinePoints(prices, width, height);
  if (!points) return <span class="sparkline sparkline--empty">—</span>;
  const first = prices[0]!;
  const last = prices[prices.length - 1]!;
  const trend = changeDirection(last - first);
  return (
    <svg
      class={`sparkline sparkline--${trend}`}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
      data-testid="sparkline"
    >
      <polyline points={points} fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round" />
    </svg>
  );
}
