/**
 * One model's journey in report.html: status, attempts, errors, the Rebuilder's fixes as small
 * diffs, tests, validation (score and diff samples), timings, diagnostics, and the source T-SQL
 * beside the generated dbt SQL. Collapsed by default, and lazy twice: the body, and inside it the
 * code, sit in <template>s that become DOM only when opened (render.ts's script), so a
 * 10,000-model report opens with one summary line per model in the DOM.
 */
import { esc, fmt, locationText } from '../assess/report-html.js';
import type { ModelResult } from '../orchestrator/results.js';
import { codeBlock, diffHtml, findMarkers, highlightMarkers, highlightRanges, lineCount } from './code.js';
import type { ModelView } from './model.js';

/** Colours of the status badges. */
export const STATUS_COLOUR: Readonly<Record<string, string>> = {
  COMPLETED: '#2e7d32', FAILED: '#c62828', SKIPPED: '#757575', PENDING: '#8d6e63', IN_PROGRESS: '#1565c0',
  TESTING: '#1565c0', REBUILDING: '#ef6c00', EVALUATING: '#6a1b9a', 'NOT RUN': '#9e9e9e',
};
const VALIDATION_COLOUR: Readonly<Record<string, string>> = { passed: '#2e7d32', failed: '#c62828', unverifiable: '#9e9e9e' };

/** Text longer than this (error messages, test output) is cut in the report; the JSON files keep it whole. */
const MAX_MESSAGE = 3000;

export function badge(text: string, colour: string | undefined): string {
  return `<span class="badge" style="background:${colour ?? '#607d8b'}">${esc(text)}</span>`;
}

function clip(s: string, max = MAX_MESSAGE): string {
  return s.length > max ? `${s.slice(0, max)}… (${s.length - max} more characters in migration_results.json)` : s;
}

function seconds(n: number): string {
  return `${fmt(n, 2)} s`;
}

function facts(rows: readonly (readonly [string, string | undefined])[]): string {
  return `<dl class="facts">${rows.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join('')}</dl>`;
}

function errorsHtml(r: ModelResult): string {
  if (!r.errors.length) return '';
  const rows = r.errors.map((e) => `<tr><td class="num">${e.attempt}</td><td>${esc(e.cause)}</td><td><pre class="msg">${esc(clip(e.message))}</pre></td><td><small>${esc(e.at)}</small></td></tr>`).join('');
  return `<h4>Errors</h4><table class="errors"><thead><tr><th>attempt</th><th>cause</th><th>message</th><th>at</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function fixesHtml(r: ModelResult): string {
  if (!r.fixes.length) return '';
  const items = r.fixes.map((f) => `<div class="fix"><p><b>Attempt ${f.attempt}: ${esc(f.rule)}</b> <small>(answers ${esc(f.cause)}, ${esc(f.at)})</small></p>`
    + `<p><b>What:</b> ${esc(f.what)}<br><b>Why:</b> ${esc(f.why)}</p>${diffHtml(f.before, f.after)}</div>`).join('');
  return `<h4>Fixes applied</h4>${items}`;
}

function testsHtml(r: ModelResult): string {
  if (!r.tests.length) return '';
  const rows = r.tests.map((t) => {
    const colour = t.status === 'pass' || t.status === 'success' ? '#2e7d32' : t.status === 'fail' || t.status === 'error' ? '#c62828' : '#757575';
    return `<tr><td>${esc(t.name)}</td><td>${badge(t.status, colour)}</td><td class="num">${t.failures ?? ''}</td><td>${t.message ? `<pre class="msg">${esc(clip(t.message))}</pre>` : ''}</td></tr>`;
  }).join('');
  return `<h4>Tests</h4><table class="tests"><thead><tr><th>test</th><th>status</th><th>failures</th><th>message</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function validationHtml(r: ModelResult): string {
  const v = r.validation;
  if (!v) return '<h4>Validation</h4><p class="note">Not validated.</p>';
  const rows = facts([
    ['status', badge(v.status, VALIDATION_COLOUR[v.status])],
    ['score', v.score === undefined ? undefined : `<b class="score">${v.score}</b> / 100`],
    ['compared with', v.against === undefined ? undefined : esc(v.against)],
    ['rows', v.sourceRows === undefined && v.targetRows === undefined ? undefined : `source ${v.sourceRows ?? '—'}, target ${v.targetRows ?? '—'}`],
    ['summary', esc(v.summary)],
  ]);
  const samples = v.samples?.length
    ? `<table class="samples"><thead><tr><th>difference</th><th>key</th><th>column</th><th>source</th><th>target</th></tr></thead><tbody>${v.samples.map((s) => `<tr><td>${esc(s.kind)}</td><td>${esc(s.key ?? '')}</td><td>${esc(s.column ?? '')}</td><td class="val">${s.source === null ? '<i>NULL</i>' : esc(s.source ?? '')}</td><td class="val">${s.target === null ? '<i>NULL</i>' : esc(s.target ?? '')}</td></tr>`).join('')}</tbody></table>`
    : '';
  return `<h4>Validation</h4>${rows}${samples}`;
}

/** Source (with the statements the node was made from marked) beside the generated file (markers marked). */
function sideBySide(m: ModelView, generated: string | undefined): string {
  const def = m.source?.definition;
  const ranges = (m.node?.statements ?? []).filter((s) => s.offset !== undefined && s.end !== undefined).map((s) => ({ start: s.offset!, end: s.end! }));
  const left = def === undefined
    ? '<p class="note">The catalog has no definition text for this object.</p>'
    : codeBlock(highlightRanges(def, ranges), lineCount(def), 'tsql', m.source && 'file' in m.source.location ? m.source.location.line : 1);
  const right = generated === undefined
    ? `<p class="note">${m.node?.path ? `${esc(m.node.path)} is not in the output folder.` : 'No generated file for this node.'}</p>`
    : codeBlock(highlightMarkers(generated), lineCount(generated), 'dbt');
  const where = m.source ? esc(locationText(m.source.location)) : '';
  const stmtNote = ranges.length ? ' · <mark class="stmt">marked</mark>: the statements this model was made from' : '';
  return `<div class="sbs"><div><h5>Source T-SQL <small>${where}${stmtNote}</small></h5>${left}</div>`
    + `<div><h5>Generated dbt SQL <small>${esc(m.node?.path ?? '')}</small></h5>${right}</div></div>`;
}


/** The collapsed `<details class="journey">` of one model; `index` gives it a stable anchor `m-<index>`. */
export function journeyHtml(m: ModelView, index: number, generated: string | undefined): string {
  const r = m.result;
  const n = m.node;
  const markers = generated === undefined ? [] : findMarkers(generated);
  const t = r?.timings;
  const head = facts([
    ['source object', `${esc(m.objectId)}${m.source ? ` <small>${esc(locationText(m.source.location))}</small>` : ''}`],
    ['plan', n ? esc([n.disposition, n.layer, n.materialization, n.pattern].filter(Boolean).join(' · ')) : '<i>not in the plan</i>'],
    ['file', n?.path ? `<code>${esc(n.path)}</code>` : undefined],
    ['depends on', n?.dependsOn.length ? n.dependsOn.map(esc).join(', ') : undefined],
    ['status', badge(m.status, STATUS_COLOUR[m.status])],
    ['attempts', r ? String(r.attempts) : undefined],
    ['why', r?.reason ? esc(r.reason) : undefined],
    ['timings', t ? `build ${seconds(t.buildSeconds)}${t.startedAt ? `; started ${esc(t.startedAt)}` : ''}${t.finishedAt ? `; finished ${esc(t.finishedAt)}` : ''}` : undefined],
  ]);
  const reasons = n?.reasons.length ? `<h4>Plan reasons</h4><ul class="reasons">${n.reasons.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>` : '';
  const diags = n?.diagnostics.length || markers.length
    ? `<h4>Diagnostics</h4>${n?.diagnostics.length ? `<ul class="diags">${n.diagnostics.map((d) => `<li class="diag">${esc(d.severity)}[${esc(d.code)}]: ${esc(d.message)}${d.span ? ` <small>${esc(`${d.span.file}:${d.span.line}:${d.span.col}`)}</small>` : ''}</li>`).join('')}</ul>` : ''}`
      + (markers.length ? `<p class="note">${markers.length} translator marker(s) in the generated file: ${[...new Set(markers.map((x) => x.code))].map((c) => `<mark class="md">${esc(c)}</mark>`).join(' ')}</p>` : '')
    : '';
  const body = head + (r ? errorsHtml(r) + fixesHtml(r) + testsHtml(r) + validationHtml(r) : '') + reasons + diags;
  const code = n?.path || m.source?.definition
    ? `<details class="code-pair lazy"><summary>Source T-SQL and generated dbt SQL</summary><template>${sideBySide(m, generated)}</template></details>`
    : '';
  const score = r?.validation?.score !== undefined ? ` · score ${r.validation.score}` : '';
  const v = r?.validation ? ` ${badge(r.validation.status, VALIDATION_COLOUR[r.validation.status])}` : '';
  return `<details class="journey lazy" id="m-${index}" data-name="${esc(m.name)}" data-status="${esc(m.status)}" data-layer="${esc(n?.layer ?? '')}" data-disposition="${esc(n?.disposition ?? '')}" data-source="${esc(m.objectId)}">`
    + `<summary><b>${esc(m.name)}</b> ${badge(m.status, STATUS_COLOUR[m.status])}${v}<small> ${esc(m.objectId)}${r ? ` · ${r.attempts} attempt(s) · ${r.fixes.length} fix(es)` : ''}${score}${markers.length ? ` · ${markers.length} marker(s)` : ''}</small></summary>`
    + `<template><div class="jbody">${body}${code}</div></template></details>`;
}
