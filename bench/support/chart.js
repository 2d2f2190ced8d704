// @ts-check
// The README's picture of the benchmark: time until every comment is in the DOM against thread
// size, one line per contender, as a self-contained SVG (no fonts or scripts to fetch). Sizes are
// evenly spaced, times on a log scale, so 100 comments and 10,000 both stay readable.

const WIDTH = 640;
const HEIGHT = 360;
const PAD = { left: 64, right: 150, top: 36, bottom: 48 };
const COLOURS = { ours: '#0a6b4c', floor: '#6b7280', waline: '#b45309' };
const LABELS = { ours: 'recovery-comments', floor: 'floor', waline: 'Waline 3' };

/** @param {string} text */
const escapeXml = (text) => text.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * @param {{ sizes: number[], series: Record<'ours' | 'floor' | 'waline', Array<number | null>>, title: string }} data
 *   medians in ms per size (null where a contender had no successful run)
 * @returns {string}
 */
export function timeChart({ sizes, series, title }) {
  const values = Object.values(series)
    .flat()
    .filter((v) => typeof v === 'number' && v > 0);
  const low = 10 ** Math.floor(Math.log10(Math.min(...values, 100)));
  const high = 10 ** Math.ceil(Math.log10(Math.max(...values, 1000)));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  /** @param {number} i */
  const x = (i) => PAD.left + (sizes.length === 1 ? plotW / 2 : (i / (sizes.length - 1)) * plotW);
  /** @param {number} ms */
  const y = (ms) => PAD.top + plotH - ((Math.log10(ms) - Math.log10(low)) / Math.log10(high / low)) * plotH;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" font-family="system-ui, sans-serif" font-size="12" role="img" aria-labelledby="t">`,
    `<title id="t">${escapeXml(title)}</title>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    `<text x="${PAD.left}" y="20" font-size="14" font-weight="600" fill="#1f2328">${escapeXml(title)}</text>`,
  ];
  for (let tick = low; tick <= high; tick *= 10) {
    for (const step of [1, 2, 5]) {
      const ms = tick * step;
      if (ms > high) break;
      parts.push(
        `<line x1="${PAD.left}" x2="${PAD.left + plotW}" y1="${y(ms).toFixed(1)}" y2="${y(ms).toFixed(1)}" stroke="#e5e7eb"/>`,
        `<text x="${PAD.left - 8}" y="${(y(ms) + 4).toFixed(1)}" text-anchor="end" fill="#4b5563">${ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`}</text>`,
      );
    }
  }
  sizes.forEach((n, i) =>
    parts.push(
      `<text x="${x(i).toFixed(1)}" y="${HEIGHT - PAD.bottom + 18}" text-anchor="middle" fill="#4b5563">${n.toLocaleString('en-US')}</text>`,
    ),
  );
  parts.push(
    `<text x="${PAD.left + plotW / 2}" y="${HEIGHT - 10}" text-anchor="middle" fill="#1f2328">comments in the thread (all rendered)</text>`,
  );
  for (const key of /** @type {const} */ (['waline', 'ours', 'floor'])) {
    const points = series[key]
      .map((ms, i) => (typeof ms === 'number' && ms > 0 ? [x(i), y(ms)] : null))
      .filter((p) => p !== null);
    if (points.length === 0) continue;
    const path = points.map(([px, py], i) => `${i ? 'L' : 'M'}${px.toFixed(1)} ${py.toFixed(1)}`).join(' ');
    parts.push(`<path d="${path}" fill="none" stroke="${COLOURS[key]}" stroke-width="2.5"/>`);
    for (const [px, py] of points)
      parts.push(`<circle cx="${px.toFixed(1)}" cy="${py.toFixed(1)}" r="3.5" fill="${COLOURS[key]}"/>`);
    const [lastX, lastY] = /** @type {number[]} */ (points[points.length - 1]);
    parts.push(
      `<text x="${(lastX ?? 0) + 8}" y="${((lastY ?? 0) + 4).toFixed(1)}" fill="${COLOURS[key]}" font-weight="600">${escapeXml(LABELS[key])}</text>`,
    );
  }
  parts.push(
    `<text x="${PAD.left}" y="${PAD.top - 4}" fill="#4b5563">time until every comment is in the DOM (median, log scale; lower is better)</text>`,
    '</svg>',
  );
  return parts.join('\n') + '\n';
}
