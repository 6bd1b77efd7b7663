/**
 * `assessment.html`: one self-contained file (inline CSS, JS and SVG; nothing fetched) with the
 * summary, bar charts, the dependency graph (laid out by dagre, see layout.ts), the waves and a
 * sortable table of objects. Every piece of user text goes through `esc`.
 */
import type { SourceLocation } from '../catalog/model.js';
import { layoutGraph } from './layout.js';
import { LEVELS, type Assessment, type Breakdown, type Level } from './model.js';

export function esc(s: unknown): string {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const LEVEL_COLOUR: Record<Level, string> = { low: '#4caf50', medium: '#f2b705', high: '#f57c00', 'very high': '#d32f2f' };
const DISPOSITION_COLOUR: Record<string, string> = { migrate: '#2e7d32', 'migrate with review': '#1565c0', manual: '#c62828', retire: '#757575' };

export function locationText(l: SourceLocation): string {
  if ('file' in l) return `${l.file}:${l.line}:${l.col}`;
  if ('package' in l) return `${l.package}#${l.part}`;
  return `${l.database} (object_id ${l.objectId})`;
}

export function fmt(n: number, digits = 1): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** Horizontal stacked bars: one row per key, one segment per level. */
function levelBars(title: string, data: Readonly<Record<string, Breakdown>>): string {
  const keys = Object.keys(data);
  const max = Math.max(1, ...keys.map((k) => data[k]!.objects));
  const rowH = 22;
  const labelW = 170;
  const barW = 380;
  const h = keys.length * rowH + 30;
  const rows = keys.map((k, i) => {
    const b = data[k]!;
    let x = labelW;
    const segs = LEVELS.map((lv) => {
      const w = (b.byLevel[lv] / max) * barW;
      const seg = w > 0 ? `<rect x="${x.toFixed(1)}" y="${i * rowH + 4}" width="${w.toFixed(1)}" height="${rowH - 8}" fill="${LEVEL_COLOUR[lv]}"><title>${esc(k)}: ${b.byLevel[lv]} ${lv}</title></rect>` : '';
      x += w;
      return seg;
    }).join('');
    return `<text x="${labelW - 6}" y="${i * rowH + rowH / 2 + 4}" text-anchor="end">${esc(k)}</text>${segs}<text x="${(x + 4).toFixed(1)}" y="${i * rowH + rowH / 2 + 4}">${b.objects}</text>`;
  }).join('');
  const legend = LEVELS.map((lv, i) => `<rect x="${labelW + i * 95}" y="${keys.length * rowH + 12}" width="10" height="10" fill="${LEVEL_COLOUR[lv]}"/><text x="${labelW + i * 95 + 14}" y="${keys.length * rowH + 21}">${lv}</text>`).join('');
  return `<figure class="chart"><figcaption>${esc(title)}</figcaption><svg role="img" width="${labelW + barW + 60}" height="${h}" viewBox="0 0 ${labelW + barW + 60} ${h}">${rows}${legend}</svg></figure>`;
}

function valueBars(title: string, data: Readonly<Record<string, Breakdown>>, pick: (b: Breakdown) => number, unit: string): string {
  const keys = Object.keys(data);
  const max = Math.max(1e-9, ...keys.map((k) => pick(data[k]!)));
  const rowH = 22;
  const labelW = 170;
  const barW = 380;
  const h = keys.length * rowH + 8;
  const rows = keys.map((k, i) => {
    const v = pick(data[k]!);
    const w = (v / max) * barW;
    return `<text x="${labelW - 6}" y="${i * rowH + rowH / 2 + 4}" text-anchor="end">${esc(k)}</text><rect x="${labelW}" y="${i * rowH + 4}" width="${w.toFixed(1)}" height="${rowH - 8}" fill="#5c6bc0"><title>${esc(k)}: ${fmt(v)} ${unit}</title></rect><text x="${(labelW + w + 4).toFixed(1)}" y="${i * rowH + rowH / 2 + 4}">${fmt(v)} ${unit}</text>`;
  }).join('');
  return `<figure class="chart"><figcaption>${esc(title)}</figcaption><svg role="img" width="${labelW + barW + 90}" height="${h}" viewBox="0 0 ${labelW + barW + 90} ${h}">${rows}</svg></figure>`;
}

function graphSvg(a: Assessment, maxNodes: number): string {
  if (a.objects.length === 0) return '<p>No objects.</p>';
  const g = layoutGraph(a, maxNodes);
  const edges = g.edges.map((e) => {
    const d = e.points.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
    return `<path class="edge" d="${d}" data-from="${esc(e.from)}" data-to="${esc(e.to)}"><title>${esc(e.from)} ${esc(e.kind)} ${esc(e.to)}</title></path>`;
  }).join('');
  const nodes = g.nodes.map((n) => {
    const x = n.x - n.width / 2;
    const y = n.y - n.height / 2;
    const dash = n.disposition === 'retire' ? ' stroke-dasharray="4 3"' : '';
    return `<g class="node" data-id="${esc(n.id)}"><title>${esc(n.id)} — ${esc(n.level)}, ${esc(n.disposition)}</title><rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${n.width.toFixed(1)}" height="${n.height}" rx="5" fill="${LEVEL_COLOUR[n.level as Level] ?? '#ccc'}" fill-opacity="0.25" stroke="${DISPOSITION_COLOUR[n.disposition] ?? '#333'}"${dash}/><text x="${n.x.toFixed(1)}" y="${(n.y + 4).toFixed(1)}" text-anchor="middle">${esc(n.label.length > 38 ? n.label.slice(0, 37) + '…' : n.label)}</text></g>`;
  }).join('');
  const note = g.omitted > 0 ? `<p class="note">The ${g.nodes.length} most connected objects are drawn; ${g.omitted} others are left out of the picture (they are all in the table below).</p>` : '';
  return `${note}<div class="graph-wrap"><svg id="dep-graph" class="graph" width="${g.width}" height="${g.height}" style="max-width:100%;height:auto" viewBox="0 0 ${g.width} ${g.height}" xmlns="http://www.w3.org/2000/svg"><defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#888"/></marker></defs>${edges}${nodes}</svg></div>`;
}

/** The assessment report's stylesheet (also the base of report.html). */
export const ASSESSMENT_CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;padding:20px 28px;color:#222;background:#fafafa}
h1{margin:0 0 4px}h2{margin-top:32px;border-bottom:1px solid #ddd;padding-bottom:4px}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}.card{background:#fff;border:1px solid #ddd;border-radius:8px;padding:10px 16px;min-width:130px}
.card b{display:block;font-size:22px}.charts{display:flex;flex-wrap:wrap;gap:24px}.chart{margin:0;background:#fff;border:1px solid #ddd;border-radius:8px;padding:10px}
.chart figcaption{font-weight:600;margin-bottom:6px}.chart text{font-size:12px;fill:#333}
.graph-wrap{overflow:auto;max-height:900px;background:#fff;border:1px solid #ddd;border-radius:8px}
.graph .edge{fill:none;stroke:#999;stroke-width:1.2;marker-end:url(#arrow)}.graph text{font-size:11px;fill:#222}
table{border-collapse:collapse;background:#fff;width:100%}th,td{border:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#eee}#objects th{cursor:pointer;user-select:none;position:sticky;top:0}th.asc::after{content:" ▲"}th.desc::after{content:" ▼"}
td.num{text-align:right}.lv{display:inline-block;padding:0 6px;border-radius:4px;color:#fff;font-size:12px}
ul.reasons{margin:0;padding-left:16px}.diag{font-family:ui-monospace,monospace;font-size:12px}.note{color:#555}
.wave-objs{font-size:12px;color:#444}
`;

/** Click-to-sort for the table with id `tableId` (header `data-type="num"` sorts numbers, a cell's `data-v` overrides its text). */
export function sortTableJs(tableId: string): string {
  // Called with our own table ids only ('objects', 'models'), never user text.
  return `
(function(){var t=document.getElementById('${tableId}');if(!t)return;var hs=t.tHead.rows[0].cells;
for(var i=0;i<hs.length;i++)(function(i){hs[i].addEventListener('click',function(){var h=hs[i];var asc=!h.classList.contains('asc');
for(var j=0;j<hs.length;j++)hs[j].classList.remove('asc','desc');h.classList.add(asc?'asc':'desc');var num=h.getAttribute('data-type')==='num';
var b=t.tBodies[0];var rows=Array.prototype.slice.call(b.rows);rows.sort(function(x,y){var a=x.cells[i].getAttribute('data-v')||x.cells[i].textContent;
var c=y.cells[i].getAttribute('data-v')||y.cells[i].textContent;var r=num?(parseFloat(a)||0)-(parseFloat(c)||0):a.localeCompare(c);return asc?r:-r;});
rows.forEach(function(r){b.appendChild(r);});});})(i);})();
`;
}

/** Click-to-sort for `table#objects`. */
export const ASSESSMENT_SORT_JS = sortTableJs('objects');

export interface HtmlOptions {
  readonly title?: string;
  /** Most objects drawn in the graph (the rest are listed in the table). */
  readonly maxGraphNodes?: number;
}

/** The summary cards and the effort assumptions (`<section id="summary">`). */
export function summarySection(a: Assessment): string {
  const s = a.summary;
  const cards = [
    ['objects', fmt(s.objects, 0)],
    ['estimated effort', `${fmt(s.effortHours)} h`],
    ['automatic conversion', `${fmt(s.automaticShare * 100, 0)} %`],
    ['waves', fmt(s.waves, 0)],
    ['cycles', fmt(s.cycles, 0)],
    ['external references', fmt(s.externalReferences, 0)],
    ...Object.entries(s.byDisposition).map(([d, n]) => [d, fmt(n, 0)]),
  ].map(([k, v]) => `<div class="card"><span>${esc(k)}</span><b>${esc(v)}</b></div>`).join('');
  const assumptions = `<p class="note">Effort = base hours of the kind × level multiplier (+ ${a.assumptions.hoursPerTranslatorError} h per translator error; × ${a.assumptions.manualFactor} for manual; ${a.assumptions.retireHours} h for a retirement). Base hours: ${Object.entries(a.assumptions.baseHours).map(([k, v]) => `${esc(k)} ${v}`).join(', ')}. Multipliers: ${Object.entries(a.assumptions.levelMultiplier).map(([k, v]) => `${esc(k)} ×${v}`).join(', ')}. Levels from score ${a.assumptions.levelThresholds.medium} (medium), ${a.assumptions.levelThresholds.high} (high), ${a.assumptions.levelThresholds.veryHigh} (very high). Translator diagnostics: ${a.assumptions.translateTarget ? `counted for views and functions (target ${esc(a.assumptions.translateTarget)})` : 'not counted'}.</p>`;
  return `<section id="summary"><h2>Summary</h2><div class="cards">${cards}</div>${assumptions}</section>`;
}

/** Complexity and effort bar charts by kind and schema (`<section id="charts">`). */
export function chartsSection(a: Assessment): string {
  const s = a.summary;
  const charts = [
    levelBars('Objects by kind and complexity', s.byKind),
    levelBars('Objects by schema and complexity', s.bySchema),
    valueBars('Effort by kind', s.byKind, (b) => b.effortHours, 'h'),
    valueBars('Effort by schema', s.bySchema, (b) => b.effortHours, 'h'),
    valueBars('Average complexity score by kind', s.byKind, (b) => b.averageScore, ''),
    valueBars('Average complexity score by schema', s.bySchema, (b) => b.averageScore, ''),
  ].join('');
  return `<section id="charts"><h2>Complexity and effort</h2><div class="charts">${charts}</div></section>`;
}

/** The dependency graph SVG (`#dep-graph`, nodes `g.node[data-id]`) in `<section id="graph">`. */
export function graphSection(a: Assessment, maxGraphNodes = 300): string {
  return `<section id="graph"><h2>Dependency graph</h2><p class="note">Arrows run from an object to the objects that depend on it (migration order). Fill: complexity level; border: disposition (dashed = retire).</p>${graphSvg(a, maxGraphNodes)}</section>`;
}

/** Waves, cycles and external references (`<section id="waves">`). */
export function wavesSection(a: Assessment): string {
  const waves = a.waves.map((w) => {
    const shown = w.objects.slice(0, 60).map(esc).join(', ');
    const more = w.objects.length > 60 ? ` … and ${w.objects.length - 60} more` : '';
    return `<tr><td class="num">${w.number}</td><td class="num">${w.objects.length}</td><td class="num">${fmt(w.effortHours)}</td><td class="wave-objs">${shown}${more}</td></tr>`;
  }).join('');
  const cycles = a.cycles.length ? `<ul>${a.cycles.map((c) => `<li>${c.map(esc).join(' → ')}</li>`).join('')}</ul>` : '<p>None.</p>';
  const ext = a.externalReferences.length
    ? `<ul>${a.externalReferences.map((r) => `<li>${esc(r.from)} → ${esc(r.target)}</li>`).join('')}</ul>`
    : '<p>None.</p>';
  return `<section id="waves"><h2>Migration waves</h2><table id="wave-table"><thead><tr><th>wave</th><th>objects</th><th>effort (h)</th><th>members</th></tr></thead><tbody>${waves}</tbody></table>
<h3>Cycles</h3>${cycles}<h3>External references</h3>${ext}</section>`;
}

/** The sortable objects table (`table#objects`; sorted by `ASSESSMENT_SORT_JS`). */
export function objectsSection(a: Assessment): string {
  const rows = a.objects.map((o) => {
    const diags = o.diagnostics.map((d) => `<div class="diag">${esc(d.severity)}[${esc(d.code)}]: ${esc(d.message)}</div>`).join('');
    const lv = `<span class="lv" style="background:${LEVEL_COLOUR[o.level]}">${esc(o.level)}</span>`;
    return `<tr><td>${esc(o.kind)}${o.subkind ? ` <small>(${esc(o.subkind)})</small>` : ''}</td><td>${esc(o.schema)}.${esc(o.name)}</td>`
      + `<td class="num">${o.lines}</td><td class="num">${o.metrics.statements}</td><td class="num">${o.score}</td><td data-v="${LEVELS.indexOf(o.level)}">${lv}</td>`
      + `<td class="num">${o.effortHours}</td><td>${esc(o.disposition)}</td><td class="num" data-v="${o.wave ?? 9999}">${o.wave ?? '—'}</td>`
      + `<td><ul class="reasons">${o.reasons.map((r) => `<li>${esc(r)}</li>`).join('')}</ul></td><td>${diags}</td><td><small>${esc(locationText(o.location))}</small></td></tr>`;
  }).join('\n');
  return `<section id="objects-section"><h2>Objects</h2><p class="note">Click a column header to sort.</p>
<table id="objects"><thead><tr><th>kind</th><th>name</th><th data-type="num">lines</th><th data-type="num">statements</th><th data-type="num">score</th><th data-type="num">level</th><th data-type="num">effort (h)</th><th>disposition</th><th data-type="num">wave</th><th>reasons</th><th>diagnostics</th><th>location</th></tr></thead>
<tbody>
${rows}
</tbody></table></section>`;
}

export function renderHtml(a: Assessment, options: HtmlOptions = {}): string {
  const title = options.title ?? `Assessment: ${a.sources.map((x) => x.database ?? x.path).join(', ') || 'estate'}`;
  const sources = a.sources.map((x) => `${esc(x.kind)} ${esc(x.path)}`).join('; ');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>${ASSESSMENT_CSS}</style></head><body>
<h1>${esc(title)}</h1><p class="note">Sources: ${sources || '—'} · assessment format ${a.formatVersion}</p>
${summarySection(a)}
${chartsSection(a)}
${graphSection(a, options.maxGraphNodes ?? 300)}
${wavesSection(a)}
${objectsSection(a)}
<script>${ASSESSMENT_SORT_JS}</script>
</body></html>
`;
}
