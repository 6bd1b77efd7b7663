/**
 * Date and time strings as SQL Server reads them, written so that every target reads them alike:
 *
 * - Unseparated forms ('19970101', '99991231 23:59:59.9999999'): SQL Server converts them implicitly;
 *   DuckDB does not parse them at all. They become ISO text ('1997-01-01', '9999-12-31 23:59:59.999999').
 * - More than 6 fractional digits (datetime2(7), time(7), datetimeoffset(7) keep 100 ns): the targets keep
 *   microseconds, and PostgreSQL rounds the 7th digit away (the end-of-time marker '…23:59:59.9999999'
 *   becomes year 10000, which no loaded row equals) while DuckDB truncates. The fraction is cut to 6
 *   digits, as the loader cuts the data (src/load/values.ts), so literal and data still compare equal; MD3015.
 *
 * Where: a CAST/CONVERT of the string to a date or time type (no doubt about the type: MD3005 is not
 * raised, only MD3015 when digits are dropped), and a comparison (=, <>, <, >, BETWEEN) next to a value
 * whose type is unknown or a date: there MD3005 warns, because the other side might be a string.
 */
import { diagnostic } from '../../diagnostics/index.js';
import { classOf } from '../infer.js';
import type { Expr, Lit } from '../ir.js';
import { typeClass } from '../types.js';
import { mapStmt, type Pass, type PassContext } from './walk.js';

const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?$/;
const LONG_FRACTION = /^(\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}|\d{2}:\d{2}:\d{2})\.(\d{7,})(\s*(?:Z|[+-]\d{2}:\d{2})?)$/;

interface Rewritten {
  readonly text: string;
  /** Fractional digits beyond the 6th were dropped (and were not all zeros). */
  readonly cut: boolean;
}

const fraction = (f: string | undefined): string => (f ? `.${f.slice(0, 6)}` : '');

/** The ISO text of a date/time string SQL Server reads as one, when it differs from the string; else undefined. */
export function isoDateTime(text: string): Rewritten | undefined {
  const c = COMPACT.exec(text);
  if (c) {
    const [, y, m, d, h, mi, s, f] = c as unknown as [string, string, string, string, string?, string?, string?, string?];
    const date = new Date(`${y}-${m}-${d}T00:00:00Z`);
    if (Number.isNaN(date.getTime()) || date.getUTCDate() !== Number(d) || y === '0000') return undefined;
    const time = h === undefined ? '' : ` ${h.padStart(2, '0')}:${mi}:${s ?? '00'}${fraction(f)}`;
    return { text: `${y}-${m}-${d}${time}`, cut: /[1-9]/.test(f?.slice(6) ?? '') };
  }
  const l = LONG_FRACTION.exec(text);
  if (l) return { text: `${l[1]}${fraction(l[2])}${l[3]}`, cut: /[1-9]/.test(l[2]!.slice(6)) };
  return undefined;
}

/** `l` rewritten when it is a date/time string; `compared` raises MD3005 (the other side might be text). */
function rewrite(l: Expr, ctx: PassContext, compared: boolean): Expr {
  if (l.kind !== 'Lit' || l.type !== 'string') return l;
  const iso = isoDateTime(l.value);
  if (!iso) return l;
  if (compared) ctx.diagnostics.push(diagnostic('MD3005', { value: `'${l.value}'`, iso: iso.text }, l.span));
  if (iso.cut) ctx.diagnostics.push(diagnostic('MD3015', { value: `'${l.value}'`, iso: iso.text }, l.span));
  return { ...(l as Lit), value: iso.text };
}

/** The other side of a comparison lets a string be read as a date: its type is unknown or a date/time. */
function dateSide(other: Expr): boolean {
  const c = classOf(other);
  return c === undefined || c === 'date' || c === 'datetime' || c === 'time';
}

const COMPARISONS = new Set(['=', '<>', '<', '>', '<=', '>=']);

/** The expression kinds this pass rewrites (the walker skips the rest). */
export const EXPR_KINDS: ReadonlySet<Expr['kind']> = new Set(['Between', 'Binary', 'Cast']);

export const isoDateLiterals: Pass = (stmt, ctx) =>
  mapStmt(stmt, {
    exprKinds: EXPR_KINDS,
    expr(e) {
      if (e.kind === 'Cast') {
        const cls = typeClass(e.type);
        if (cls !== 'date' && cls !== 'datetime' && cls !== 'time') return e;
        const inner = rewrite(e.expr, ctx, false);
        return inner === e.expr ? e : { ...e, expr: inner };
      }
      if (e.kind === 'Between') {
        if (!dateSide(e.expr)) return e;
        const low = rewrite(e.low, ctx, true);
        const high = rewrite(e.high, ctx, true);
        return low === e.low && high === e.high ? e : { ...e, low, high };
      }
      if (e.kind === 'Binary' && COMPARISONS.has(e.op)) {
        const left = dateSide(e.right) ? rewrite(e.left, ctx, true) : e.left;
        const right = dateSide(e.left) ? rewrite(e.right, ctx, true) : e.right;
        return left === e.left && right === e.right ? e : { ...e, left, right };
      }
      return e;
    },
  });
