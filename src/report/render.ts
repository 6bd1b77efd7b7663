/**
 * `report.html` after `migrate`: one self-contained file (inline CSS/JS/SVG, nothing fetched). The
 * run's outcome, a filterable and sortable table of models, the assessment's sections (summary,
 * charts, dependency graph, waves — the assessment renderer's own functions), then each model's
 * journey. Pure: the caller reads the files (write.ts) and passes what exists.
 */
import {
  ASSESSMENT_CSS, chartsSection, esc, fmt, graphSection, sortTableJs, summarySection, wavesSection,
} from '../assess/report-html.js';
import { idOf } from '../assess/assess.js';
import type { Catalog, CatalogObjectBase, ObjectKind } from '../catalog/model.js';
import { buildResults, type MigrationResults } from '../orchestrator/results.js';
import { MODEL_STATUSES } from '../orchestrator/state.js';
import { findMarkers } from './code.js';
import { badge, journeyHtml, STATUS_COLOUR } from './journey.js';
import { NOT_RUN, type MigrationReportInput, type ModelView } from './model.js';

type SourceObject = CatalogObjectBase & { readonly kind: ObjectKind };

/** Catalog arrays by the kind their ids carry (`view:report.vw_x`, as assess/ and plan/ name objects). */
const KIND_LISTS = [['table', 'tables'], ['view', 'views'], ['procedure', 'procedures'], ['function', 'functions'], ['trigger', 'triggers'],
  ['sequence', 'sequences'], ['type', 'types'], ['synonym', 'synonyms']] as const satisfies readonly (readonly [ObjectKind, keyof Catalog])[];

function catalogIndex(catalog: Catalog | undefined): Map<string, SourceObject> {
  const byId = new Map<string, SourceObject>();
  for (const [kind, list] of KIND_LISTS) {
    for (const o of (catalog?.[list] ?? []) as readonly CatalogObjectBase[]) byId.set(idOf(kind, o.schema, o.name), { ...o, kind });
  }
  return byId;
}

/** The results to show: the run's own, or derived from its state when it stopped before writing them. */
function effectiveResults(input: MigrationReportInput): MigrationResults | undefined {
  if (input.results) return input.results;
  if (input.state) return buildResults(input.state, input.state.updatedAt);
  return undefined;
}

/** Plan nodes in plan order, joined with their results; results without a plan node come last. */
export function modelViews(input: MigrationReportInput): ModelView[] {
  const sources = catalogIndex(input.catalog);
  const results = effectiveResults(input);
  const byName = new Map((results?.models ?? []).map((m) => [m.name, m]));
  const views: ModelView[] = [];
  const seen = new Set<string>();
  for (const node of input.plan?.nodes ?? []) {
    const result = byName.get(node.name);
    const source = sources.get(node.objectId);
    seen.add(node.name);
    views.push({ name: node.name, objectId: node.objectId, node, status: result?.status ?? NOT_RUN, ...(result ? { result } : {}), ...(source ? { source } : {}) });
  }
  for (const result of results?.models ?? []) {
    if (seen.has(result.name)) continue;
    const source = sources.get(result.source);
    views.push({ name: result.name, objectId: result.source, result, status: result.status, ...(source ? { source } : {}) });
  }
  return views;
}

function card(label: string, value: string, extra = ''): string {
  return `<div class="card"${extra}><span>${esc(label)}</span><b>${esc(value)}</b></div>`;
}

/** One horizontal bar split by status: the run at a glance. */
function statusBar(counts: ReadonlyMap<string, number>, total: number): string {
  if (total === 0) return '';
  const width = 760;
  let x = 0;
  const segs = [...counts].filter(([, n]) => n > 0).map(([s, n]) => {
    const w = (n / total) * width;
    const seg = `<rect x="${x.toFixed(1)}" y="0" width="${w.toFixed(1)}" height="22" fill="${STATUS_COLOUR[s] ?? '#607d8b'}"><title>${esc(s)}: ${n}</title></rect>`
      + (w > 60 ? `<text x="${(x + 6).toFixed(1)}" y="15" style="fill:#fff">${esc(s)} ${n}</text>` : '');
    x += w;
    return seg;
  }).join('');
  return `<figure class="chart"><figcaption>Models by status</figcaption><svg id="status-bar" role="img" width="${width}" height="22" viewBox="0 0 ${width} 22">${segs}</svg></figure>`;
}

function runSection(input: MigrationReportInput, views: readonly ModelView[]): string {
  const results = effectiveResults(input);
  const counts = new Map<string, number>();
  for (const s of [...MODEL_STATUSES, NOT_RUN]) counts.set(s, 0);
  for (const v of views) counts.set(v.status, (counts.get(v.status) ?? 0) + 1);
  const validation = { passed: 0, failed: 0, unverifiable: 0 };
  for (const v of views) if (v.result?.validation) validation[v.result.validation.status] += 1;
  const fixes = views.reduce((n, v) => n + (v.result?.fixes.length ?? 0), 0);
  const chip = (s: string): string => `<button type="button" class="chip" data-status="${esc(s)}" style="border-color:${STATUS_COLOUR[s] ?? '#607d8b'}">${esc(s)} <b>${counts.get(s) ?? 0}</b></button>`;
  const cards = [
    card('models', fmt(views.length, 0)),
    card('completed', fmt(counts.get('COMPLETED') ?? 0, 0)),
    card('failed', fmt(counts.get('FAILED') ?? 0, 0)),
    card('skipped', fmt(counts.get('SKIPPED') ?? 0, 0)),
    card('verified equal', fmt(validation.passed, 0)),
    card('data differs', fmt(validation.failed, 0)),
    card('unverifiable', fmt(validation.unverifiable, 0)),
    card('fixes applied', fmt(fixes, 0)),
    ...(input.results ? [card('duration', `${fmt(input.results.summary.seconds)} s`)] : []),
  ].join('');
  const chips = [...counts].filter(([, n]) => n > 0).map(([s]) => chip(s)).join(' ');
  const meta = results
    ? `<p class="note">Run ${esc(results.runId)} · target ${esc(results.target)} · started ${esc(results.startedAt)}${input.results ? ` · finished ${esc(results.finishedAt)}` : ''} · inputs: ${results.inputs.map(esc).join(', ') || '—'}</p>`
    : '';
  const phases = input.state?.phases.length
    ? `<details id="phases"><summary>Phases (${input.state.phases.length})</summary><table><thead><tr><th>phase</th><th>started</th><th>finished</th><th>outcome</th></tr></thead><tbody>${input.state.phases.map((p) => `<tr><td>${esc(p.phase)}</td><td>${esc(p.startedAt)}</td><td>${p.finishedAt ? esc(p.finishedAt) : '<i>not finished</i>'}</td><td>${esc(p.summary ?? '')}</td></tr>`).join('')}</tbody></table></details>`
    : '';
  return `<section id="run"><h2>Migration</h2>${meta}<div class="cards">${cards}</div>${statusBar(counts, views.length)}<p>Show: <button type="button" class="chip" data-status="">all <b>${views.length}</b></button> ${chips}</p>${phases}</section>`;
}

function options(values: readonly string[]): string {
  return ['<option value="">all</option>', ...[...new Set(values)].filter(Boolean).sort().map((v) => `<option value="${esc(v)}">${esc(v)}</option>`)].join('');
}

function modelsSection(views: readonly ModelView[], markerCounts: readonly number[]): string {
  const rows = views.map((m, i) => {
    const r = m.result;
    const n = m.node;
    const passed = r?.tests.filter((t) => t.status === 'pass' || t.status === 'success').length ?? 0;
    const v = r?.validation;
    return `<tr data-status="${esc(m.status)}" data-layer="${esc(n?.layer ?? '')}" data-disposition="${esc(n?.disposition ?? '')}" data-source="${esc(m.objectId)}">`
      + `<td><a href="#m-${i}">${esc(m.name)}</a></td><td>${esc(m.objectId)}</td><td>${esc(n?.layer ?? '')}</td><td>${esc(n?.disposition ?? '')}</td>`
      + `<td data-v="${esc(m.status)}">${badge(m.status, STATUS_COLOUR[m.status])}</td><td class="num">${r?.attempts ?? ''}</td><td class="num">${r?.fixes.length ?? ''}</td>`
      + `<td class="num" data-v="${r?.tests.length ? passed / r.tests.length : -1}">${r?.tests.length ? `${passed}/${r.tests.length}` : ''}</td>`
      + `<td>${esc(v?.status ?? '')}</td><td class="num" data-v="${v?.score ?? -1}">${v?.score ?? ''}</td><td class="num">${markerCounts[i] || ''}</td>`
      + `<td class="num" data-v="${r?.timings.buildSeconds ?? -1}">${r ? fmt(r.timings.buildSeconds, 2) : ''}</td></tr>`;
  }).join('\n');
  const statuses = views.map((v) => v.status);
  const layers = views.map((v) => v.node?.layer ?? '');
  const dispositions = views.map((v) => v.node?.disposition ?? '');
  return `<section id="models-section"><h2>Models</h2>
<div class="filters"><label>status <select id="f-status">${options(statuses)}</select></label> <label>layer <select id="f-layer">${options(layers)}</select></label> <label>disposition <select id="f-disposition">${options(dispositions)}</select></label> <label>name <input id="f-text" type="search" placeholder="model or source object"></label> <span id="f-count" class="note"></span></div>
<p class="note">Click a column header to sort, a model to open its journey below; a node of the dependency graph filters by its source object.</p>
<table id="models"><thead><tr><th>model</th><th>source object</th><th>layer</th><th>disposition</th><th>status</th><th data-type="num">attempts</th><th data-type="num">fixes</th><th data-type="num">tests passed</th><th>validation</th><th data-type="num">score</th><th data-type="num">markers</th><th data-type="num">build (s)</th></tr></thead>
<tbody>
${rows}
</tbody></table></section>`;
}

const CSS = `
.notice{background:#fff8e1;border:1px solid #f2b705;border-radius:8px;padding:8px 14px;margin:12px 0}
.badge{display:inline-block;padding:0 6px;border-radius:4px;color:#fff;font-size:12px;vertical-align:1px}
.chip{background:#fff;border:2px solid #999;border-radius:14px;padding:2px 10px;margin:2px;cursor:pointer;font:inherit}.chip.on{background:#e3f2fd}
.filters{display:flex;flex-wrap:wrap;gap:14px;align-items:center;margin:8px 0}
#models th{cursor:pointer;user-select:none;position:sticky;top:0}
details.journey{background:#fff;border:1px solid #ddd;border-radius:8px;margin:6px 0;padding:6px 12px}
details.journey>summary{cursor:pointer}details.journey[open]>summary{margin-bottom:8px}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:4px 0}.facts dt{color:#555}.facts dd{margin:0}
.jbody h4{margin:14px 0 4px}.jbody table{width:auto;min-width:50%}
pre.msg{margin:0;white-space:pre-wrap;max-height:12em;overflow:auto;font-size:12px}
.fix{border-left:3px solid #ef6c00;padding-left:10px;margin:8px 0}
pre.diff{background:#f6f8fa;border:1px solid #ddd;border-radius:6px;padding:6px;overflow:auto;font-size:12px;max-height:30em}
pre.diff span{display:block;min-height:1.2em}pre.diff .add{background:#e6ffec}pre.diff .del{background:#ffebe9}pre.diff .ctx{color:#555}pre.diff .gap{color:#999}
#phases{margin:8px 0}#phases summary{cursor:pointer;font-weight:600}
.sbs{display:grid;grid-template-columns:1fr 1fr;gap:12px}.sbs>div{min-width:0}.sbs h5{margin:6px 0}
.code{display:flex;border:1px solid #ddd;border-radius:6px;background:#fcfcfc;max-height:40em;overflow:auto;font:12px/1.45 ui-monospace,SFMono-Regular,Menlo,monospace}
.code pre{margin:0;padding:6px}.code .gutter{color:#aaa;text-align:right;border-right:1px solid #eee;user-select:none;background:#f5f5f5}
.code .sql{white-space:pre;flex:1}
mark.md{background:#ffe0b2;outline:1px solid #f57c00;border-radius:2px}mark.stmt{background:#e3f2fd}
td.val{font-family:ui-monospace,monospace;font-size:12px}.score{font-size:16px}
`;

/** Filters for table#models (sorting: the assessment's sortTableJs), status chips, lazy templates, anchors and graph clicks. */
const JS = `
(function(){
var t=document.getElementById('models');if(!t)return;var b=t.tBodies[0];
var f={status:document.getElementById('f-status'),layer:document.getElementById('f-layer'),disposition:document.getElementById('f-disposition')};
var text=document.getElementById('f-text');var count=document.getElementById('f-count');
var journeys=Array.prototype.slice.call(document.querySelectorAll('details.journey'));
function match(el){for(var k in f){var v=f[k].value;if(v&&el.getAttribute('data-'+k)!==v)return false;}
var q=text.value.trim().toLowerCase();if(!q)return true;var s=el.getAttribute('data-source')||'';
return s.toLowerCase()===q||el.textContent.toLowerCase().indexOf(q)>=0;}
function apply(){var n=0;Array.prototype.forEach.call(b.rows,function(r){var ok=match(r);r.style.display=ok?'':'none';if(ok)n++;});
journeys.forEach(function(j){j.style.display=match(j)?'':'none';});count.textContent=n+' of '+b.rows.length+' models shown';
Array.prototype.forEach.call(document.querySelectorAll('.chip'),function(c){c.classList.toggle('on',c.getAttribute('data-status')===f.status.value);});}
for(var k in f)f[k].addEventListener('change',apply);text.addEventListener('input',apply);
Array.prototype.forEach.call(document.querySelectorAll('.chip'),function(c){c.addEventListener('click',function(){
var s=c.getAttribute('data-status');var has=false;for(var o=0;o<f.status.options.length;o++)if(f.status.options[o].value===s)has=true;
f.status.value=has?s:'';apply();document.getElementById('models-section').scrollIntoView();});});
Array.prototype.forEach.call(document.querySelectorAll('#dep-graph g.node'),function(g){g.style.cursor='pointer';g.addEventListener('click',function(){
text.value=g.getAttribute('data-id');apply();document.getElementById('models-section').scrollIntoView();});});
document.addEventListener('toggle',function(e){var d=e.target;if(!d.open||!d.classList||!d.classList.contains('lazy'))return;
var tp=d.querySelector(':scope>template');if(tp){d.appendChild(tp.content.cloneNode(true));tp.remove();}},true);
function openHash(){var h=location.hash.slice(1);var d=h&&document.getElementById(h);if(d&&d.tagName==='DETAILS'){d.open=true;d.scrollIntoView();}}
window.addEventListener('hashchange',openHash);openHash();apply();
})();
`;

/** report.html as a string. Every part of the input is optional; what is missing is said, not guessed. */
export function renderMigrationReport(input: MigrationReportInput): string {
  const views = modelViews(input);
  const generated = views.map((m) => (m.node?.path && input.readFile ? input.readFile(m.node.path) : undefined));
  const markerCounts = generated.map((g) => (g === undefined ? 0 : findMarkers(g).length));
  const sourcesOf = input.catalog?.sources ?? input.plan?.sources ?? [];
  const title = input.title ?? `Migration report: ${sourcesOf.map((x) => x.database ?? x.path).join(', ') || 'estate'}`;
  const notices = [...(input.notices ?? [])];
  if (!input.results && input.state) notices.push('migration_results.json is missing: the run stopped before it finished. Statuses come from migration_state.json, as they were when it stopped.');
  if (!input.results && !input.state && input.plan) notices.push('The run has no state yet: the plan is shown, no model has run.');
  const a = input.assessment;
  const assessment = a
    ? `<section id="assessment"><h2>Assessment</h2>${summarySection(a)}\n${chartsSection(a)}\n${graphSection(a, input.maxGraphNodes ?? 300)}\n${wavesSection(a)}</section>`
    : '<section id="assessment"><h2>Assessment</h2><p class="note">No assessment: metadata.json is missing.</p></section>';
  const journeys = views.length
    ? views.map((m, i) => journeyHtml(m, i, generated[i])).join('\n')
    : '<p class="note">No models: migration_plan.json and migration_results.json are missing.</p>';
  const sources = sourcesOf.map((x) => `${esc(x.kind)} ${esc(x.path)}`).join('; ');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>${ASSESSMENT_CSS}${CSS}</style></head><body>
<h1>${esc(title)}</h1><p class="note">Sources: ${sources || '—'}</p>
${notices.map((n) => `<div class="notice">${esc(n)}</div>`).join('\n')}
${runSection(input, views)}
${modelsSection(views, markerCounts)}
${assessment}
<section id="journeys"><h2>Journeys</h2><p class="note">Each model: status, attempts, errors, fixes, tests, validation, and its source beside the generated SQL (translator markers <mark class="md">highlighted</mark>).</p>
${journeys}
</section>
<script>${sortTableJs('models')}${JS}</script>
</body></html>
`;
}
