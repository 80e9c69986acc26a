interface Props {
  values: readonly number[];
  /** Each bar's label (its tooltip), e.g. "3 Dec: 1,204". */
  titles: readonly string[];
  /** The chart in words: what it shows and its main figures (screen readers read this, not the bars). */
  label: string;
  width?: number;
  height?: number;
  testId?: string;
}

/** A bar's box, in the chart's own units. */
export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Bars for `values` in a width × height box (pure): equal widths with a gap,
 * scaled to the largest value; a zero is a 1-unit stub so every day shows.
 */
export function barRects(values: readonly number[], width: number, height: number, gap = 1): Bar[] {
  const n = values.length;
  if (n === 0) return [];
  const max = Math.max(...values, 0);
  const barWidth = Math.max(1, (width - gap * (n - 1)) / n);
  return values.map((v, i) => {
    const h = max > 0 && v > 0 ? Math.max(2, (v / max) * height) : 1;
    return { x: i * (barWidth + gap), y: height - h, width: barWidth, height: h };
  });
}

/** A small bar chart as inline SVG: one bar per value, a tooltip per bar, and a label for screen readers. */
export function BarChart({ values, titles, label, width = 300, height = 40, testId }: Props) {
  return (
    <svg
      class="bar-chart"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
      data-testid={testId}
    >
      {barRects(values, width, height).map((bar, i) => (
        <rect key={i} x={bar.x} y={bar.y} width={bar.width} height={bar.height} class={values[i] ? 'bar-chart__bar' : 'bar-chart__zero'} data-value={values[i]}>
          <title>{titles[i]}</title>
        </rect>
      ))}
    </svg>
  );
}
