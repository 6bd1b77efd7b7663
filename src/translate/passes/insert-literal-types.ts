/**
 * INSERT … VALUES into a table created earlier in the same script: string literals bound for date
 * and datetime columns are read the way SQL Server reads them (SET DATEFORMAT, default mdy) and
 * written as typed ISO literals, since targets do not parse '7/4/1996' implicitly.
 */
import { diagnostic } from '../../diagnostics/index.js';
import type { Expr, Lit } from '../ir.js';
import { typeClass, type SqlType } from '../types.js';
import type { Pass, PassContext } from './walk.js';

export type DateFormat = 'mdy' | 'dmy' | 'ymd' | 'ydm' | 'myd' | 'dym';

/** Parses `a/b/c` (or - .) in the given DATEFORMAT order; ISO and unseparated forms are left as they are. */
export function readDate(text: string, format: DateFormat): string | undefined {
  const m = /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})(\s+.*)?$/.exec(text.trim());
  if (!m) return undefined;
  if (m[1]!.length === 4) return undefined; // yyyy-mm-dd is ISO whatever DATEFORMAT says
  const parts: Record<string, string> = {};
  [...format].forEach((k, i) => (parts[k] = m[i + 1]!));
  let y = parts['y']!;
  if (y.length <= 2) y = String(Number(y) < 50 ? 2000 + Number(y) : 1900 + Number(y)); // two-digit year cutoff 2049
  const pad = (s: string) => s.padStart(2, '0');
  return `${y.padStart(4, '0')}-${pad(parts['m']!)}-${pad(parts['d']!)}${m[4] ?? ''}`;
}

function typed(e: Expr, type: SqlType | undefined, ctx: PassContext): Expr {
  if (!type || e.kind !== 'Lit' || e.type !== 'string') return e;
  const cls = typeClass(type);
  if (cls !== 'date' && cls !== 'datetime') return e;
  const iso = readDate(e.value, ctx.dateFormat ?? 'mdy');
  if (iso === undefined && !/^\d{4}-\d\d-\d\d/.test(e.value) && !/^\d{8}/.test(e.value)) {
    ctx.diagnostics.push(diagnostic('MD3002', { name: `date literal '${e.value}'`, target: 'the target', detail: 'format not recognised; passed to the target as written' }, e.span));
    return e;
  }
  const v = iso ?? (/^\d{8}/.test(e.value) ? `${e.value.slice(0, 4)}-${e.value.slice(4, 6)}-${e.value.slice(6)}` : e.value);
  const lit: Lit = { ...e, value: v };
  return { kind: 'Cast', expr: lit, type, safe: false, ...(e.span ? { span: e.span } : {}) };
}

/** Date or datetime columns of a created table: a set to test before walking rows. */
const DATE_COLUMNS = new WeakMap<ReadonlyMap<string, SqlType>, ReadonlySet<string>>();

function dateColumns(table: ReadonlyMap<string, SqlType>): ReadonlySet<string> {
  let found = DATE_COLUMNS.get(table);
  if (!found) {
    found = new Set([...table].filter(([, t]) => typeClass(t) === 'date' || typeClass(t) === 'datetime').map(([c]) => c));
    DATE_COLUMNS.set(table, found);
  }
  return found;
}

export const insertLiteralTypes: Pass = (stmt, ctx) => {
  if (stmt.kind !== 'Insert' || !ctx.tables || stmt.source.body.kind !== 'Values') return stmt;
  const table = ctx.tables.get(stmt.table[stmt.table.length - 1]?.name.toLowerCase() ?? '');
  if (!table) return stmt;
  // No date or datetime column among the targets: no literal can change (skip the rows).
  const dates = dateColumns(table);
  if (dates.size === 0) return stmt;
  const columns = stmt.columns ? stmt.columns.map((c) => c.name.toLowerCase()) : [...table.keys()];
  if (!columns.some((c) => dates.has(c))) return stmt;
  const types = columns.map((c) => table.get(c));
  const rows = stmt.source.body.rows.map((r) => r.map((x, i) => typed(x, types[i], ctx)));
  return { ...stmt, source: { ...stmt.source, body: { ...stmt.source.body, rows } } };
};
