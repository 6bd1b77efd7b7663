/**
 * PRINT, RAISERROR and THROW → RAISE. RAISERROR's printf-style message becomes format()'s: %d %i %u %s
 * are all %s there (the argument prints as text); flags, width and precision are not applied (MD3002).
 * Severity 0–10 is informational in SQL Server (docs: raiserror-transact-sql) → RAISE NOTICE; 11 and up
 * is an error → RAISE EXCEPTION.
 */
import type * as A from '../../tsql/ast/index.js';

export interface MessageHost {
  expr(e: A.Expression): string;
  /** Records MD3002 and returns its marker comment. */
  approx(name: string, detail: string, span: A.Statement['span']): string;
  readonly str: (s: string) => string;
  /** Inside a TRY block: an error transfers to the CATCH (exact); outside, SQL Server carries on after RAISERROR. */
  readonly inTry: boolean;
}

const SPEC = /%%|%([-+ 0#]*)(\d+|\*)?(\.(?:\d+|\*))?(h|l|I64)?([diosuxX])/g;

/** T-SQL message format → format() pattern; undefined when it uses `*` (width from an argument). */
function formatPattern(msg: string): { pattern: string; exact: boolean } | undefined {
  let exact = true;
  let star = false;
  const pattern = msg.replace(SPEC, (m, flags: string, width?: string, prec?: string, _size?: string, type?: string) => {
    if (m === '%%') return '%%';
    if (width === '*' || prec?.includes('*')) star = true;
    if (flags || width || prec || !'disu'.includes(type ?? '')) exact = false;
    return '%s';
  });
  return star ? undefined : { pattern, exact };
}

const literal = (e: A.Expression | undefined): string | undefined =>
  e?.kind === 'Literal' && (e.type === 'string' || e.type === 'nstring') ? e.value : undefined;
const intLiteral = (e: A.Expression | undefined): number | undefined => (e?.kind === 'Literal' && e.type === 'integer' ? Number(e.value) : undefined);

export function print(h: MessageHost, s: A.Print): string {
  return `RAISE NOTICE '%', ${h.expr(s.expr)};`;
}

/** RAISERROR (msg, severity, state [, args]) → RAISE; undefined when the message is a sys.messages number. */
export function raiserror(h: MessageHost, s: A.Raiserror): string | undefined {
  const [msg, severity, , ...args] = s.args;
  if (!msg || (msg.kind === 'Literal' && msg.type === 'integer')) return undefined;
  const sev = intLiteral(severity);
  let prefix = '';
  if (sev === undefined) prefix += h.approx('RAISERROR severity', 'not a literal: raised as an error', s.span);
  const level = sev !== undefined && sev <= 10 ? 'NOTICE' : 'EXCEPTION';
  if (level === 'EXCEPTION' && !h.inTry) {
    prefix += h.approx('RAISERROR', 'PostgreSQL stops the CALL and rolls back its changes; SQL Server continues with the next statement', s.span);
  }
  const text = literal(msg);
  let message: string;
  if (text !== undefined && (args.length || text.includes('%'))) {
    const f = formatPattern(text);
    if (!f) return undefined;
    if (!f.exact) prefix += h.approx('RAISERROR format', 'flags, width, precision and %o/%x are printed as plain %s', s.span);
    message = `format(${[h.str(f.pattern), ...args.map((a) => h.expr(a))].join(', ')})`;
  } else if (args.length) {
    prefix += h.approx('RAISERROR format', 'the message is not a literal: its % placeholders are passed to format() unchecked', s.span);
    message = `format(${[h.expr(msg), ...args.map((a) => h.expr(a))].join(', ')})`;
  } else {
    message = h.expr(msg);
  }
  return `${prefix ? `${prefix.trim()}\n` : ''}RAISE ${level} USING MESSAGE = ${message};`;
}

/** THROW; re-raises inside a CATCH; THROW n, msg, state raises msg (n has no SQLSTATE counterpart). */
export function throwStmt(h: MessageHost, s: A.Throw): string {
  if (!s.args) return 'RAISE;';
  const note = h.approx('THROW', `error number ${intLiteral(s.args[0]) ?? 'expression'} is not kept (SQLSTATE is P0001)`, s.span);
  return `${note.trim()}\nRAISE EXCEPTION USING MESSAGE = ${h.expr(s.args[1])};`;
}
