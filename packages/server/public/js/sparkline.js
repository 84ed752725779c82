const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 160;
const HEIGHT = 32;
const PAD = 2;

/**
 * A small inline SVG plot of numeric values over time (`{t, v}`, oldest first), scaled to its
 * own range, with the last point marked. Limits from the dictionary, when given, are drawn as
 * dashed lines when they fall in the plotted range. Empty when fewer than one number is given.
 * @param {{t: number, v: number}[]} points
 * @param {string} label what the plot shows, for screen readers
 * @param {{min?: number, max?: number}} [limits]
 */
export function sparkline(points, label, limits = {}) {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${WIDTH} ${HEIGHT}`);
  svg.setAttribute("width", String(WIDTH));
  svg.setAttribute("height", String(HEIGHT));
  svg.setAttribute("role", "img");
  svg.setAttribute("class", "sparkline");
  svg.setAttribute("data-points", String(points.length));
  const title = document.createElementNS(SVG, "title");
  svg.append(title);
  if (points.length === 0) {
    title.textContent = `${label}: no values yet`;
    svg.setAttribute("aria-label", title.textContent);
    return svg;
  }
  const values = points.map((p) => p.v);
  const low = Math.min(...values);
  const high = Math.max(...values);
  const first = points[0].t;
  const last = points[points.length - 1].t;
  const x = (t) => (last === first ? WIDTH - PAD : PAD + ((t - first) / (last - first)) * (WIDTH - 2 * PAD));
  const y = (v) =>
    high === low ? HEIGHT / 2 : HEIGHT - PAD - ((v - low) / (high - low)) * (HEIGHT - 2 * PAD);
  for (const limit of [limits.min, limits.max]) {
    if (typeof limit !== "number" || limit < low || limit > high || high === low) continue;
    const line = document.createElementNS(SVG, "line");
    line.setAttribute("x1", "0");
    line.setAttribute("x2", String(WIDTH));
    line.setAttribute("y1", y(limit).toFixed(1));
    line.setAttribute("y2", y(limit).toFixed(1));
    line.setAttribute("class", "sparkline-limit");
    svg.append(line);
  }
  const line = document.createElementNS(SVG, "polyline");
  line.setAttribute("points", points.map((p) => `${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(" "));
  line.setAttribute("class", "sparkline-line");
  const dot = document.createElementNS(SVG, "circle");
  const end = points[points.length - 1];
  dot.setAttribute("cx", x(end.t).toFixed(1));
  dot.setAttribute("cy", y(end.v).toFixed(1));
  dot.setAttribute("r", "2.5");
  dot.setAttribute("class", "sparkline-dot");
  svg.append(line, dot);
  title.textContent = `${label}: ${points.length} values from ${low} to ${high}, last ${end.v}`;
  svg.setAttribute("aria-label", title.textContent);
  return svg;
}
