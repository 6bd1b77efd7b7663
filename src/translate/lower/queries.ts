/** T-SQL queries and table sources → neutral queries. TOP, APPLY and hints stay as they are: passes rewrite them. */
import type * as A from '../../tsql/ast/index.js';
import { printExpression, someNode } from '../../tsql/index.js';
import type { Expr, Fn, GroupingItem, GroupingSet, Query, QueryBody, Select, Source, With } from '../ir.js';
import { mark, note, type LowerContext } from './context.js';
import { lowerExpr, lowerIdent, lowerName, lowerOrder, lowerWindow } from './expressions.js';

export function lowerWith(ctx: LowerContext, w: A.WithClause): With {
  if (w.xmlNamespaces?.length) note(ctx, 'MD3001', { construct: 'WITH XMLNAMESPACES', target: 'the target' }, w.span);
  const ctes = w.ctes.map((c) => ({
    name: lowerIdent(c.name),
    ...(c.columns ? { columns: c.columns.map(lowerIdent) } : {}),
    query: lowerQuery(ctx, c.query),
  }));
  // T-SQL has no RECURSIVE keyword; a CTE that names itself in its own body is recursive.
  const recursive = w.ctes.some((c) => refersTo(c.query, c.name.name.toLowerCase()));
  return { recursive, ctes };
}

function refersTo(node: unknown, name: string): boolean {
  return someNode(node, (n) => {
    if (n.kind !== 'TableRef') return false;
    const parts = (n as A.TableRef).name.parts;
    return parts.length === 1 && parts[0]?.name.toLowerCase() === name;
  });
}

export function lowerQuery(ctx: LowerContext, q: A.Query, w?: A.WithClause): Query {
  if (q.forClause) note(ctx, 'MD3001', { construct: `FOR ${q.forClause.type}`, target: 'the target' }, q.forClause.span, 'Build the document on the target with its JSON/XML functions.');
  return {
    kind: 'Query',
    span: q.span,
    ...(w ? { with: lowerWith(ctx, w) } : {}),
    body: lowerBody(ctx, q.body),
    ...(q.orderBy ? { orderBy: lowerOrder(ctx, q.orderBy) } : {}),
    ...(q.offset ? { offset: lowerExpr(ctx, q.offset) } : {}),
    ...(q.fetch ? { limit: { count: lowerExpr(ctx, q.fetch), percent: false, withTies: false } } : {}),
  };
}

function lowerBody(ctx: LowerContext, b: A.QueryBody): QueryBody {
  switch (b.kind) {
    case 'QuerySpec': return lowerSpec(ctx, b);
    case 'SetOperation': return { kind: 'SetOp', op: b.op, left: lowerBody(ctx, b.left), right: lowerBody(ctx, b.right), span: b.span };
    case 'ParenQuery': return { kind: 'ParenQuery', query: lowerQuery(ctx, b.query), span: b.span };
    case 'ValuesQuery': return { kind: 'Values', rows: b.rows.map((r) => r.map((x) => lowerExpr(ctx, x))), span: b.span };
  }
}

function lowerGrouping(ctx: LowerContext, g: A.GroupingItem): GroupingItem {
  if (g.kind === 'GroupingSet') return { kind: 'GroupingSet', type: g.type, items: g.items.map((x) => lowerGrouping(ctx, x)) };
  return lowerExpr(ctx, g);
}

function lowerSpec(ctx: LowerContext, s: A.QuerySpec): Select {
  const columns = s.columns.map((c) => {
    if (c.kind === 'SelectAssign') {
      const e = mark(ctx, 'MD3012', { name: c.variable.name }, c.span, lowerExpr(ctx, c.expr));
      return { expr: e };
    }
    return { expr: lowerExpr(ctx, c.expr), ...(c.alias ? { alias: lowerIdent(c.alias) } : {}) };
  });
  let groupBy: Select['groupBy'];
  if (s.groupBy) {
    if (s.groupBy.all) note(ctx, 'MD3002', { name: 'GROUP BY ALL', target: 'the target', detail: 'treated as GROUP BY' }, s.groupBy.span);
    const items = s.groupBy.items.map((x) => lowerGrouping(ctx, x));
    // Legacy `GROUP BY a, b WITH ROLLUP` is `GROUP BY ROLLUP (a, b)`.
    const wrapped: GroupingSet | undefined = s.groupBy.with ? { kind: 'GroupingSet', type: s.groupBy.with, items } : undefined;
    groupBy = { items: wrapped ? [wrapped] : items };
  }
  return {
    kind: 'Select',
    span: s.span,
    distinct: s.quantifier === 'DISTINCT',
    ...(s.top ? { top: { count: lowerExpr(ctx, s.top.expr), percent: s.top.percent, withTies: s.top.withTies } } : {}),
    columns,
    ...(s.into ? { into: lowerName(s.into) } : {}),
    from: (s.from ?? []).map((f) => lowerSource(ctx, f)),
    ...(s.where ? { where: lowerExpr(ctx, s.where) } : {}),
    ...(groupBy ? { groupBy } : {}),
    ...(s.having ? { having: lowerExpr(ctx, s.having) } : {}),
    ...(s.window ? { windows: s.window.map((w) => ({ name: w.name.name, spec: lowerWindow(ctx, w.spec) })) } : {}),
  };
}

export function lowerSource(ctx: LowerContext, s: A.TableSource): Source {
  const alias = (a?: A.Identifier) => (a ? { alias: lowerIdent(a) } : {});
  switch (s.kind) {
    case 'TableRef':
      if (s.forSystemTime || s.tableSample) {
        note(ctx, 'MD3002', { name: s.forSystemTime ? 'FOR SYSTEM_TIME' : 'TABLESAMPLE', target: 'the target', detail: 'dropped' }, s.span);
      }
      return {
        kind: 'TableRef', name: lowerName(s.name), span: s.span, ...alias(s.alias),
        ...(s.hints?.length ? { hints: s.hints.map((h) => ({ name: h.name, span: h.span })) } : {}),
      };
    case 'DerivedTable':
      return { kind: 'DerivedTable', query: lowerQuery(ctx, s.query), lateral: false, span: s.span, ...alias(s.alias), ...(s.columns ? { columns: s.columns.map(lowerIdent) } : {}) };
    case 'TableFunction': {
      if (s.call.kind === 'FunctionCall' && lowerName(s.call.name).map((p) => p.name.toUpperCase()).join('.') === 'STRING_SPLIT') return lowerStringSplit(ctx, s, s.call);
      const call = lowerExpr(ctx, s.call);
      return { kind: 'TableFn', call, lateral: false, span: s.span, ...alias(s.alias), ...(s.columns ? { columns: s.columns.map(lowerIdent) } : {}) };
    }
    case 'Join':
      return { kind: 'Join', type: s.type, left: lowerSource(ctx, s.left), right: lowerSource(ctx, s.right), span: s.span, ...(s.on ? { on: lowerExpr(ctx, s.on) } : {}) };
    case 'ParenTableSource':
      return { kind: 'ParenSource', source: lowerSource(ctx, s.source), span: s.span, ...alias(s.alias) };
    case 'Pivot': {
      const agg = lowerExpr(ctx, s.aggregate);
      return {
        kind: 'Pivot', source: lowerSource(ctx, s.source), aggregate: (agg.kind === 'Fn' ? agg : (agg as { expr: Expr }).expr) as Fn,
        column: lowerExpr(ctx, s.column), values: s.values.map(lowerIdent), alias: lowerIdent(s.alias), span: s.span,
      };
    }
    case 'Unpivot':
      return {
        kind: 'Unpivot', source: lowerSource(ctx, s.source), valueColumn: lowerIdent(s.valueColumn), nameColumn: lowerIdent(s.nameColumn),
        columns: s.columns.map(lowerIdent), alias: lowerIdent(s.alias), span: s.span,
      };
    case 'VariableTable':
    case 'OpenJson':
    case 'OpenXml':
    case 'OpenRowset': {
      const d = { construct: s.kind === 'VariableTable' ? 'table variable' : s.kind.toUpperCase(), target: 'the target' };
      const m = mark(ctx, 'MD3001', d, s.span, { kind: 'Raw', text: '' });
      return { kind: 'RawSource', text: s.kind === 'VariableTable' ? printExpression(s.variable) : s.kind, code: m.code, message: m.message, span: s.span };
    }
  }
}

/**
 * STRING_SPLIT(s, separator [, enable_ordinal]) in FROM / APPLY: rows with a `value` column, plus a
 * 1-based `ordinal` when enable_ordinal is 1 (it must be a constant, as SQL Server requires). The
 * columns are named in the alias so `value` / `ordinal` resolve on every target.
 * https://learn.microsoft.com/en-us/sql/t-sql/functions/string-split-transact-sql
 */
function lowerStringSplit(ctx: LowerContext, s: A.TableFunction, call: A.FunctionCall): Source {
  const args = call.args.map((a) => lowerExpr(ctx, a));
  const flag = call.args[2];
  const ordinal = flag === undefined || (flag.kind === 'Literal' && (flag.type === 'null' || flag.value === '0')) ? false
    : flag.kind === 'Literal' && flag.type === 'integer' && flag.value === '1' ? true : undefined;
  const base = { kind: 'TableFn' as const, lateral: false, span: s.span, alias: s.alias ? lowerIdent(s.alias) : { name: 'string_split', quoted: false } };
  if (ordinal === undefined || args.length < 2) {
    const kept: Fn = { kind: 'Fn', fn: 'SqlServerOnly', args, name: [{ name: 'STRING_SPLIT', quoted: false }], span: call.span };
    return { ...base, call: kept, ...(s.columns ? { columns: s.columns.map(lowerIdent) } : {}) };
  }
  const columns = s.columns ? s.columns.map(lowerIdent) : [{ name: 'value', quoted: false }, ...(ordinal ? [{ name: 'ordinal', quoted: false }] : [])];
  const split: Fn = { kind: 'Fn', fn: 'SplitToTable', args: [args[0]!, args[1]!, { kind: 'Lit', type: 'integer', value: ordinal ? '1' : '0' }], span: call.span };
  return { ...base, call: split, columns };
}
