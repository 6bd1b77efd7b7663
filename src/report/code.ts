/**
 * Code in report.html: SQL blocks with a line-number gutter, the translator's `/* mssql2dbt: MD3xxx … *\/`
 * markers highlighted, source statements a node was made from marked, and small line diffs for the
 * Rebuilder's fixes. Everything is escaped here, piece by piece, before any markup is added.
 */
import { esc } from '../assess/report-html.js';

/** A translator marker in generated SQL: `/* mssql2dbt: MD3001 message *\/` (may span lines). */
const MARKER = /\/\*\s*mssql2dbt:\s*(MD\d{4})\b([\s\S]*?)\*\//g;

export interface Marker {
  readonly code: string;
  readonly message: string;
}

/** The translator markers found in a generated file, in order. */
export function findMarkers(sql: string): Marker[] {
  return [...sql.matchAll(MARKER)].map((m) => ({ code: m[1]!, message: m[2]!.trim().split('\n')[0]!.trim() }));
}

/** Escaped SQL with every marker wrapped in `<mark class="md" data-code>` (its message as a tooltip). */
export function highlightMarkers(sql: string): string {
  let out = '';
  let last = 0;
  for (const m of sql.matchAll(MARKER)) {
    const at = m.index!;
    out += esc(sql.slice(last, at));
    const message = m[2]!.trim().split('\n')[0]!.trim();
    out += `<mark class="md" data-code="${esc(m[1])}" title="${esc(`${m[1]} ${message}`)}">${esc(m[0])}</mark>`;
    last = at + m[0].length;
  }
  return out + esc(sql.slice(last));
}

/** Escaped text with the given [start, end) ranges wrapped in `<mark class="stmt">` (overlaps merged). */
export function highlightRanges(text: string, ranges: readonly { readonly start: number; readonly end: number }[]): string {
  const sorted = ranges
    .filter((r) => r.end > r.start && r.start < text.length)
    .map((r) => ({ start: Math.max(0, r.start), end: Math.min(text.length, r.end) }))
    .sort((a, b) => a.start - b.start);
  let out = '';
  let pos = 0;
  for (const r of sorted) {
    if (r.end <= pos) continue;
    const start = Math.max(r.start, pos);
    out += esc(text.slice(pos, start)) + `<mark class="stmt">${esc(text.slice(start, r.end))}</mark>`;
    pos = r.end;
  }
  return out + esc(text.slice(pos));
}

/**
 * A code block with line numbers (from `firstLine`: a definition is numbered as in its file). The gutter is a separate column (not per-line spans) so that a
 * marker spanning several lines stays one element.
 */
export function codeBlock(html: string, lineCount: number, cls = '', firstLine = 1): string {
  const gutter = Array.from({ length: Math.max(1, lineCount) }, (_, i) => i + firstLine).join('\n');
  return `<div class="code${cls ? ` ${cls}` : ''}"><pre class="gutter" aria-hidden="true">${gutter}</pre><pre class="sql">${html}</pre></div>`;
}

export function lineCount(text: string): number {
  return text.split('\n').length;
}

export type DiffLine = { readonly op: ' ' | '-' | '+'; readonly text: string };

/** Above this many cells the middle of a diff is shown as removed-then-added instead of aligned. */
const MAX_DIFF_CELLS = 4_000_000;

/**
 * Line diff of `before` → `after`: common prefix and suffix first (a fix usually changes a few
 * lines), then a longest-common-subsequence alignment of the middle when it is small enough.
 */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const am = a.slice(pre, a.length - suf);
  const bm = b.slice(pre, b.length - suf);
  const out: DiffLine[] = a.slice(0, pre).map((text) => ({ op: ' ', text }));
  if (am.length * bm.length > MAX_DIFF_CELLS) {
    out.push(...am.map((text) => ({ op: '-' as const, text })), ...bm.map((text) => ({ op: '+' as const, text })));
  } else {
    // lcs[i][j]: length of the LCS of am[i..] and bm[j..], one flat array.
    const w = bm.length + 1;
    const lcs = new Uint32Array((am.length + 1) * w);
    for (let i = am.length - 1; i >= 0; i--) {
      for (let j = bm.length - 1; j >= 0; j--) {
        lcs[i * w + j] = am[i] === bm[j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < am.length || j < bm.length) {
      if (i < am.length && j < bm.length && am[i] === bm[j]) {
        out.push({ op: ' ', text: am[i]! });
        i++;
        j++;
      } else if (i < am.length && (j >= bm.length || lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!)) {
        // Removed lines first, as unified diffs show them.
        out.push({ op: '-', text: am[i++]! });
      } else {
        out.push({ op: '+', text: bm[j++]! });
      }
    }
  }
  out.push(...a.slice(a.length - suf).map((text) => ({ op: ' ' as const, text })));
  return out;
}

/** A unified diff as HTML: changed lines with `context` lines around them, gaps marked `…`. */
export function diffHtml(before: string, after: string, context = 2): string {
  const lines = diffLines(before, after);
  const keep = new Array<boolean>(lines.length).fill(false);
  lines.forEach((l, i) => {
    if (l.op === ' ') return;
    for (let k = Math.max(0, i - context); k <= Math.min(lines.length - 1, i + context); k++) keep[k] = true;
  });
  if (!keep.some(Boolean)) return '<p class="note">No textual change.</p>';
  let html = '';
  let gap = false;
  lines.forEach((l, i) => {
    if (!keep[i]) {
      gap = true;
      return;
    }
    if (gap) html += '<span class="gap">…</span>';
    gap = false;
    const cls = l.op === '+' ? 'add' : l.op === '-' ? 'del' : 'ctx';
    html += `<span class="${cls}">${l.op} ${esc(l.text)}</span>`;
  });
  if (gap) html += '<span class="gap">…</span>';
  return `<pre class="diff">${html}</pre>`;
}
