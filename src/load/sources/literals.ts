/**
 * Constant T-SQL expressions of INSERT … VALUES → values of the target column: literals, N'…',
 * 0x…, NULL, signs, parentheses, CAST/CONVERT of a constant, and the few functions install scripts
 * use as values (GETDATE(), NEWID()). Date strings are read with the script's SET DATEFORMAT,
 * exactly as the translator's insert-literal-types pass reads them.
 */
import { randomUUID } from 'node:crypto';
import type { Expression } from '../../tsql/index.js';
import { parseScript } from '../../tsql/index.js';
import type { DateFormat } from '../../translate/index.js';
import type { LoadColumn } from '../columns.js';
import type { Cell } from '../model.js';
import { hexToBytes, readText, shown } from '../values.js';

export type Evaluated = { readonly value: Cell } | { readonly error: string; readonly notConstant?: boolean };

const NOW_FUNCTIONS = new Set(['getdate', 'sysdatetime', 'getutcdate', 'sysutcdatetime', 'current_timestamp', 'sysdatetimeoffset']);

function nowText(): string {
  return new Date().toISOString().replace('T', ' ').replace('Z', '');
}

/** The constant an expression stands for, as T-SQL text plus what kind of literal it was. */
function constant(e: Expression): { text: string; type: string } | { error: string } | null {
  switch (e.kind) {
    case 'Literal':
      return e.type === 'null' ? null : { text: e.value, type: e.type };
    case 'Paren':
      return constant(e.expr);
    case 'Collate':
      return constant(e.expr);
    case 'Unary': {
      const inner = constant(e.operand);
      if (inner === null || 'error' in inner) return inner;
      if (e.op === '-') return { text: inner.text.startsWith('-') ? inner.text.slice(1) : `-${inner.text}`, type: inner.type };
      if (e.op === '+') return inner;
      return { error: `operator ${e.op}` };
    }
    case 'Cast': case 'Convert':
      // The column's own type decides how the constant is read; CONVERT styles of dates are not applied.
      return constant(e.expr);
    case 'FunctionCall': {
      const name = e.name.parts.at(-1)?.name.toLowerCase() ?? '';
      if (NOW_FUNCTIONS.has(name) && e.args.length === 0) return { text: nowText(), type: 'string' };
      if ((name === 'newid' || name === 'newsequentialid') && e.args.length === 0) return { text: randomUUID(), type: 'string' };
      return { error: `${name}()` };
    }
    case 'ColumnRef': {
      // CURRENT_TIMESTAMP parses as a name.
      const name = e.name.parts.at(-1)?.name.toLowerCase() ?? '';
      if (e.name.parts.length === 1 && NOW_FUNCTIONS.has(name)) return { text: nowText(), type: 'string' };
      return { error: `column reference ${e.name.parts.map((p) => p?.name ?? '').join('.')}` };
    }
    default:
      return { error: `${e.kind} expression` };
  }
}

export function evaluate(e: Expression, col: LoadColumn, dateFormat: DateFormat): Evaluated {
  const c = constant(e);
  if (c === null) return { value: null };
  if ('error' in c) return { error: c.error, notConstant: true };
  if (c.type === 'binary') {
    const bytes = hexToBytes(c.text);
    if (!bytes) return { error: shown(c.text) };
    if (col.kind === 'binary') return { value: bytes };
    // 0x… into a number or string column: SQL Server converts the bytes; numbers are big-endian.
    if (col.kind === 'int') return { value: bytes.length ? BigInt(`0x${Buffer.from(bytes).toString('hex')}`).toString() : '0' };
    return { value: Buffer.from(bytes).toString('latin1') };
  }
  if (col.kind === 'binary' && (c.type === 'string' || c.type === 'nstring')) return { value: Buffer.from(c.text, 'latin1') };
  if (col.kind === 'string') return { value: c.text };
  const v = readText(c.text, col.kind, { dateFormat });
  if (v === undefined) return { error: shown(c.text) };
  return { value: v };
}

const defaults = new Map<string, Expression | null>();

/** A column default (`(getdate())`, `('UNDECIDED')`, `((0))`) as an expression, parsed once. */
export function defaultExpression(text: string): Expression | null {
  const hit = defaults.get(text);
  if (hit !== undefined) return hit;
  const parsed = parseScript(`SELECT ${text}`);
  const stmt = parsed.diagnostics.length ? undefined : parsed.script.batches[0]?.statements[0];
  let out: Expression | null = null;
  if (stmt?.kind === 'SelectStatement' && stmt.query.body.kind === 'QuerySpec') {
    const item = stmt.query.body.columns[0];
    if (item?.kind === 'SelectColumn') out = item.expr;
  }
  if (defaults.size < 10_000) defaults.set(text, out);
  return out;
}
