/** T-SQL expression AST → neutral expressions. Function calls are handled in functions.ts. */
import type * as A from '../../tsql/ast/index.js';
import { printExpression } from '../../tsql/index.js';
import { classOf } from '../infer.js';
import type { BinaryOp, Expr, Ident, OrderItem, Window } from '../ir.js';
import { typeFromTsql, t, type SqlType } from '../types.js';
import { mark, note, type LowerContext } from './context.js';
import { lowerConvert } from './convert.js';
import { lowerCall } from './functions.js';
import { lowerQuery } from './queries.js';

export function lowerIdent(id: A.Identifier): Ident {
  return { name: id.name, quoted: id.quote !== 'none' };
}

/** Name parts in order; skipped parts (`db..t`) are dropped. */
export function lowerName(n: A.ObjectName): Ident[] {
  return n.parts.filter((p): p is A.Identifier => p !== null).map(lowerIdent);
}

const OPS: Readonly<Record<A.BinaryOp, BinaryOp>> = {
  '+': '+', '-': '-', '*': '*', '/': '/', '%': '%', '&': '&', '|': '|', '^': '^',
  '=': '=', '<>': '<>', '!=': '<>', '<': '<', '>': '>', '<=': '<=', '>=': '>=', '!<': '>=', '!>': '<=',
  AND: 'AND', OR: 'OR',
};

export function lowerType(ctx: LowerContext, dt: A.DataType): SqlType {
  const last = dt.name.parts[dt.name.parts.length - 1];
  const name = last?.name ?? '';
  const known = dt.name.parts.length === 1 ? typeFromTsql(name, dt.args) : undefined;
  if (known) return known;
  // A user alias type: without the catalog we do not know its base type.
  note(ctx, 'MD3002', { name: `type ${name}`, target: 'any target', detail: 'user-defined alias type; mapped to nvarchar(max)' }, dt.span,
    'Give the catalog so alias types resolve to their base types.');
  return t('nvarchar', 'max');
}

export function lowerExpr(ctx: LowerContext, e: A.Expression): Expr {
  const span = e.span;
  switch (e.kind) {
    case 'Literal':
      switch (e.type) {
        case 'string': case 'nstring': return { kind: 'Lit', type: 'string', value: e.value, span };
        case 'integer': return { kind: 'Lit', type: 'integer', value: e.value, span };
        case 'decimal': case 'money': return { kind: 'Lit', type: 'decimal', value: e.value.replace(/^\$/, ''), span };
        case 'float': return { kind: 'Lit', type: 'float', value: e.value, span };
        case 'binary': return { kind: 'Lit', type: 'binary', value: e.value, span };
        case 'null': return { kind: 'Lit', type: 'null', value: 'NULL', span };
      }
      break;
    case 'ColumnRef':
      return { kind: 'Col', parts: lowerName(e.name), span };
    case 'Star':
      return e.qualifier ? { kind: 'Star', qualifier: lowerName(e.qualifier), span } : { kind: 'Star', span };
    case 'Variable':
      // @@DATEFIRST: the translation of DATEPART(weekday) already assumes SET DATEFIRST 7 (us_english,
      // weeks start on Sunday), so the setting is that constant too and `(weekday + @@DATEFIRST - 2) % 7`
      // idioms keep their meaning.
      if (e.name.toUpperCase() === '@@DATEFIRST') return { kind: 'Lit', type: 'integer', value: '7', span };
      {
        const local = ctx.routine?.variable(e.name, span);
        if (local) return local;
      }
      if (ctx.boundVariables?.has(e.name.replace(/^@+/, '').toLowerCase())) return { kind: 'Param', name: e.name, span };
      return mark(ctx, 'MD3012', { name: e.name }, span, { kind: 'Param', name: e.name, span });
    case 'Unary':
      return { kind: 'Unary', op: e.op, operand: lowerExpr(ctx, e.operand), span };
    case 'Binary': {
      const left = lowerExpr(ctx, e.left);
      const right = lowerExpr(ctx, e.right);
      let op = OPS[e.op];
      // T-SQL divides integers with truncation; the targets mostly return a decimal.
      if (op === '/' && classOf(left) === 'integer' && classOf(right) === 'integer') op = 'DIV';
      return { kind: 'Binary', op, left, right, span };
    }
    case 'Between':
      return { kind: 'Between', expr: lowerExpr(ctx, e.expr), not: e.not, low: lowerExpr(ctx, e.low), high: lowerExpr(ctx, e.high), span };
    case 'InList':
      return { kind: 'InList', expr: lowerExpr(ctx, e.expr), not: e.not, list: e.list.map((x) => lowerExpr(ctx, x)), span };
    case 'InSubquery':
      return { kind: 'InQuery', expr: lowerExpr(ctx, e.expr), not: e.not, query: lowerQuery(ctx, e.query), span };
    case 'Like': {
      const base = { kind: 'Like' as const, expr: lowerExpr(ctx, e.expr), not: e.not, pattern: lowerExpr(ctx, e.pattern), caseInsensitive: false, span };
      return e.escape ? { ...base, escape: lowerExpr(ctx, e.escape) } : base;
    }
    case 'IsNull':
      return { kind: 'IsNullTest', expr: lowerExpr(ctx, e.expr), not: e.not, span };
    case 'Exists':
      return { kind: 'Exists', query: lowerQuery(ctx, e.query), span };
    case 'Quantified':
      return { kind: 'Quantified', left: lowerExpr(ctx, e.left), op: OPS[e.op], quantifier: e.quantifier === 'ALL' ? 'ALL' : 'ANY', query: lowerQuery(ctx, e.query), span };
    case 'Case': {
      const whens = e.whens.map((w) => ({ when: lowerExpr(ctx, w.when), then: lowerExpr(ctx, w.then) }));
      return {
        kind: 'Case', whens, span,
        ...(e.operand ? { operand: lowerExpr(ctx, e.operand) } : {}),
        ...(e.else ? { else: lowerExpr(ctx, e.else) } : {}),
      };
    }
    case 'FunctionCall':
      return lowerCall(ctx, e);
    case 'Cast':
      return { kind: 'Cast', expr: lowerExpr(ctx, e.expr), type: lowerType(ctx, e.type), safe: e.fn === 'TRY_CAST', span };
    case 'Convert':
      return lowerConvert(ctx, e);
    case 'ParseCall': {
      const cast: Expr = { kind: 'Cast', expr: lowerExpr(ctx, e.expr), type: lowerType(ctx, e.type), safe: e.fn === 'TRY_PARSE', span };
      return e.culture
        ? mark(ctx, 'MD3002', { name: e.fn, target: 'the target', detail: 'culture-specific parsing becomes a plain cast' }, span, cast)
        : cast;
    }
    case 'ScalarSubquery':
      return { kind: 'Subquery', query: lowerQuery(ctx, e.query), span };
    case 'Paren':
      return { kind: 'Paren', expr: lowerExpr(ctx, e.expr), span };
    case 'Collate':
      return mark(ctx, 'MD3002', { name: 'COLLATE', target: 'the target', detail: `collation ${e.collation} dropped` }, span, lowerExpr(ctx, e.expr),
        'Case sensitivity follows --collation; accent rules are not emulated.');
    case 'OdbcEscape':
      return lowerExpr(ctx, e.expr);
    default:
      break;
  }
  // AT TIME ZONE, XML methods, spatial static methods, sequences, sqlcmd variables, DEFAULT.
  return mark(ctx, 'MD3001', { construct: e.kind, target: 'the target' }, span, { kind: 'Raw', text: printExpression(e), span },
    'Rewrite this expression by hand on the target.');
}

export function lowerOrder(ctx: LowerContext, items: readonly A.OrderItem[]): OrderItem[] {
  return items.map((o) => ({ expr: lowerExpr(ctx, o.expr), desc: o.direction === 'DESC' }));
}

export function lowerWindow(ctx: LowerContext, w: A.WindowSpec): Window {
  const frame = w.frame
    ? {
        unit: w.frame.unit,
        start: { type: w.frame.start.type, ...(w.frame.start.offset ? { offset: lowerExpr(ctx, w.frame.start.offset) } : {}) },
        ...(w.frame.end ? { end: { type: w.frame.end.type, ...(w.frame.end.offset ? { offset: lowerExpr(ctx, w.frame.end.offset) } : {}) } } : {}),
      }
    : undefined;
  return {
    ...(w.name ? { name: w.name.name } : {}),
    partitionBy: w.partitionBy.map((x) => lowerExpr(ctx, x)),
    orderBy: lowerOrder(ctx, w.orderBy),
    ...(frame ? { frame } : {}),
  };
}
