/**
 * SQL Server compares strings as if the shorter one were padded with spaces: 'abc' = 'abc  ' is true,
 * for char and varchar alike (SET ANSI_PADDING changes storage, not comparison), and LIKE ignores the
 * trailing blanks of the string it matches. The targets compare strings exactly. Under the option
 * `trailingSpaces: 'ignore'` (the default: SQL Server's semantics) string comparisons drop trailing
 * spaces: literals at translation time, anything else through RTrim. 'keep' leaves comparisons as the
 * target makes them, for data known to hold no trailing spaces (and SQL that reads more simply).
 *
 * Rewritten: = <> < > <= >=, BETWEEN, IN (…), CASE s WHEN … and LIKE, where one side is a string and no side is a
 * known non-string (a string literal next to a number or a date converts, it is not compared as text).
 * Runs before collation-ci, which then folds the trimmed operands: lower(rtrim(x)).
 */
import { classOf, comparedAsText, isText } from '../infer.js';
import { fn, type Expr, type Lit } from '../ir.js';
import { mapStmt, type Pass } from './walk.js';

const COMPARISONS = new Set(['=', '<>', '<', '>', '<=', '>=']);

export const EXPR_KINDS: ReadonlySet<Expr['kind']> = new Set(['Binary', 'Between', 'InList', 'Like', 'Case']);

const isStringLit = (e: Expr): e is Lit => e.kind === 'Lit' && e.type === 'string';
/** A literal that an untyped column may be compared with as a number or a date (then not as text). */
const convertible = (e: Expr): boolean => isStringLit(e) && /^[\d\s:.+\-/T]*$/.test(e.value);
const trimmed = (e: Expr): boolean => e.kind === 'Fn' && (e.fn === 'RTrim' || e.fn === 'Trim');

/** Operands compared as strings (infer.ts), where an untyped one is not beside a literal like '5' or '2020-01-01' (it may be a number or a date). */
function trimmable(operands: readonly Expr[]): boolean {
  return comparedAsText(operands) && !(operands.some((e) => classOf(e) === undefined) && operands.some(convertible));
}

/** The operand without its trailing spaces: a literal is cut now, anything else at run time. */
function rtrim(e: Expr): Expr {
  if (e.kind === 'Lit') {
    if (e.type !== 'string') return e;
    const value = e.value.replace(/ +$/, '');
    return value === e.value ? e : { ...e, value };
  }
  if (trimmed(e)) return e;
  return fn('RTrim', [e], e.span ? { span: e.span } : {});
}

export const trailingSpaces: Pass = (stmt, ctx) => {
  if (ctx.trailingSpaces === 'keep') return stmt;
  return mapStmt(stmt, {
    exprKinds: EXPR_KINDS,
    expr(e) {
      switch (e.kind) {
        case 'Binary': {
          if (!COMPARISONS.has(e.op) || !trimmable([e.left, e.right])) return e;
          const left = rtrim(e.left);
          const right = rtrim(e.right);
          return left === e.left && right === e.right ? e : { ...e, left, right };
        }
        case 'Between': {
          if (!trimmable([e.expr, e.low, e.high])) return e;
          return { ...e, expr: rtrim(e.expr), low: rtrim(e.low), high: rtrim(e.high) };
        }
        case 'Case': {
          // CASE s WHEN 'a' …: each WHEN is an `=` against the operand.
          if (!e.operand || !trimmable([e.operand, ...e.whens.map((w) => w.when)])) return e;
          return { ...e, operand: rtrim(e.operand), whens: e.whens.map((w) => ({ ...w, when: rtrim(w.when) })) };
        }
        case 'InList': {
          if (!trimmable([e.expr, ...e.list])) return e;
          return { ...e, expr: rtrim(e.expr), list: e.list.map(rtrim) };
        }
        case 'Like': {
          // Trailing blanks of the pattern count; those of the matched string do not. A pattern ending
          // in % absorbs them anyway.
          if (classOf(e.expr) === undefined ? !isStringLit(e.pattern) : !isText(e.expr)) return e;
          if (isStringLit(e.pattern) && e.pattern.value.endsWith('%')) return e;
          const expr = rtrim(e.expr);
          return expr === e.expr ? e : { ...e, expr };
        }
        default:
          return e;
      }
    },
  });
};
