// The dashboard's charts as plain SVG drawn on the server: bars by commune (account share; reach
// by path, stacked) and columns by month for the trend. Sizes are SVG attributes and colours come
// from dashboard.css, so the page keeps the console's strict style policy (no inline styles).
import { html, type SafeHtml } from "../../../lib/html.ts";

export interface Bar {
  label: string;
  /** Segments drawn left to right; values are counts (or percents) on the same scale. */
  parts: { value: number; tone: string; title: string }[];
  href?: string;
  flagged?: boolean;
}

const ROW = 22;
const LABEL = 190;
const WIDTH = 760;
const VALUE = 70;

/** Horizontal bars, one per row, scaled to `max` (e.g. 100 for percents, or the largest total). */
export function barChart(o: {
  title: string;
  bars: Bar[];
  max: number;
  valueText: (b: Bar) => string;
  mark?: { at: number; title: string };
}): SafeHtml {
  const plot = WIDTH - LABEL - VALUE;
  const scale = (v: number) => (o.max > 0 ? (v / o.max) * plot : 0);
  const height = o.bars.length * ROW + 8;
  const mark = o.mark
    ? html`<line class="mark" x1="${LABEL + scale(o.mark.at)}" x2="${LABEL + scale(o.mark.at)}" y1="0" y2="${height}"
        ><title>${o.mark.title}</title></line
      >`
    : "";
  return html`<svg class="chart bars" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-label="${o.title}">
    <title>${o.title}</title>
    ${o.bars.map((b, i) => {
      const y = i * ROW + 4;
      let x = LABEL;
      const label = html`<text
        class="label ${b.flagged ? "flagged" : ""}"
        x="${LABEL - 8}"
        y="${y + 14}"
        text-anchor="end"
        >${b.label}</text
      >`;
      return html`<g class="bar">
        ${b.href ? html`<a href="${b.href}">${label}</a>` : label}
        ${b.parts.map((p) => {
          const w = scale(p.value);
          const rect = html`<rect
            class="${p.tone}"
            x="${x.toFixed(1)}"
            y="${y}"
            width="${w.toFixed(1)}"
            height="${ROW - 6}"
            ><title>${p.title}</title></rect
          >`;
          x += w;
          return rect;
        })}
        <text class="value" x="${WIDTH - VALUE + 6}" y="${y + 14}">${o.valueText(b)}</text>
      </g>`;
    })}
    ${mark}
  </svg>`;
}

/** Columns by month with the value above each; `null` values are drawn as a gap. */
export function columnChart(o: {
  title: string;
  points: { label: string; value: number | null; text: string }[];
  max: number;
  tone: string;
}): SafeHtml {
  const width = 380;
  const height = 170;
  const base = height - 24;
  const step = o.points.length > 0 ? width / o.points.length : width;
  const barW = Math.max(4, step * 0.62);
  return html`<svg
    class="chart columns"
    viewBox="0 0 ${width} ${height}"
    width="100%"
    role="img"
    aria-label="${o.title}"
  >
    <title>${o.title}</title>
    <line class="axis" x1="0" x2="${width}" y1="${base}" y2="${base}"></line>
    ${o.points.map((p, i) => {
      const h = p.value === null || o.max <= 0 ? 0 : (p.value / o.max) * (base - 22);
      const x = i * step + (step - barW) / 2;
      return html`<g>
        <rect
          class="${o.tone}"
          x="${x.toFixed(1)}"
          y="${(base - h).toFixed(1)}"
          width="${barW.toFixed(1)}"
          height="${h.toFixed(1)}"
          ><title>${p.label}: ${p.text}</title></rect
        >
        <text class="value" x="${(x + barW / 2).toFixed(1)}" y="${(base - h - 5).toFixed(1)}" text-anchor="middle"
          >${p.text}</text
        >
        <text class="label" x="${(x + barW / 2).toFixed(1)}" y="${height - 6}" text-anchor="middle">${p.label}</text>
      </g>`;
    })}
  </svg>`;
}
