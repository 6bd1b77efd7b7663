/**
 * A bottom-up, copy-on-write tree mapper shared by the passes: each callback sees a node whose
 * children are already rewritten and returns the node to keep. The input tree is never mutated.
 */
import type { Diagnostic } from '../../diagnostics/index.js';
import type { DateFormat } from './insert-literal-types.js';
import type { SqlType } from '../types.js';
import type { Expr, GroupingItem, OrderItem, Query, QueryBody, Select, Source, Stmt, Window } from '../ir.js';

export interface PassContext {
  readonly diagnostics: Diagnostic[];
  readonly collation: 'ci' | 'cs';
  /** Column types of tables created earlier in the same script (last name part, lower case). */
  readonly tables?: ReadonlyMap<string, ReadonlyMap<string, SqlType>>;
  /** Schema renames for two- and three-part names; null drops the schema. Default `{ dbo: null }`. */
  readonly schemas?: Readonly<Record<string, string | null>>;
  /** SET DATEFORMAT in effect (SQL Server's us_english default is mdy). */
  readonly dateFormat?: DateFormat;
}

export interface Visitor {
  expr?(e: Expr): Expr;
  select?(s: Select): Select;
  source?(s: Source): Source;
  query?(q: Query): Query;
}

export type Pass = (s: Stmt, ctx: PassContext) => Stmt;

/** Maps an array, returning the same array when no element changed (keeps untouched subtrees shared, and GC quiet). */
function mapArr<T>(xs: readonly T[], f: (x: T) => T): readonly T[] {
  let out: T[] | undefined;
  for (let i = 0; i < xs.length; i++) {
    const y = f(xs[i]!);
    if (out) out.push(y);
    else if (y !== xs[i]) {
      out = xs.slice(0, i);
      out.push(y);
    }
  }
  return out ?? xs;
}

/** `{ ...node, ...changes }` only when some change differs from the node's current value. */
function patch<T extends object>(node: T, changes: Partial<T>): T {
  for (const k of Object.keys(changes) as (keyof T)[]) if (changes[k] !== node[k]) return { ...node, ...changes };
  return node;
}

export function mapStmt(s: Stmt, v: Visitor): Stmt {
  const q = (x: Query) => mapQuery(x, v);
  const e = (x: Expr) => mapExpr(x, v);
  switch (s.kind) {
    case 'QueryStmt': return patch(s, { query: q(s.query) });
    case 'CreateView': return patch(s, { query: q(s.query) });
    case 'Insert': return patch(s, { source: q(s.source) });
    case 'CreateTable':
      return patch(s, {
        columns: mapArr(s.columns, (c) => (c.default ? patch(c, { default: e(c.default) }) : c)),
        ...(s.asQuery ? { asQuery: q(s.asQuery) } : {}),
      });
    case 'Unsupported': return s;
  }
}

export function mapQuery(q: Query, v: Visitor): Query {
  const e = (x: Expr) => mapExpr(x, v);
  const out: Query = patch(q, {
    ...(q.with ? { with: patch(q.with, { ctes: mapArr(q.with.ctes, (c) => patch(c, { query: mapQuery(c.query, v) })) }) } : {}),
    body: mapBody(q.body, v),
    ...(q.orderBy ? { orderBy: mapOrder(q.orderBy, v) } : {}),
    ...(q.limit ? { limit: patch(q.limit, { count: e(q.limit.count) }) } : {}),
    ...(q.offset ? { offset: e(q.offset) } : {}),
  });
  return v.query ? v.query(out) : out;
}

function mapOrder(items: readonly OrderItem[], v: Visitor): readonly OrderItem[] {
  return mapArr(items, (o) => patch(o, { expr: mapExpr(o.expr, v) }));
}

function mapWindow(w: Window, v: Visitor): Window {
  return patch(w, { partitionBy: mapArr(w.partitionBy, (x) => mapExpr(x, v)), orderBy: mapOrder(w.orderBy, v) });
}

function mapGrouping(g: GroupingItem, v: Visitor): GroupingItem {
  return 'kind' in g && g.kind === 'GroupingSet' ? { ...g, items: g.items.map((x) => mapGrouping(x, v)) } : mapExpr(g as Expr, v);
}

export function mapBody(b: QueryBody, v: Visitor): QueryBody {
  const e = (x: Expr) => mapExpr(x, v);
  switch (b.kind) {
    case 'Select': {
      const s: Select = patch(b, {
        ...(b.top ? { top: patch(b.top, { count: e(b.top.count) }) } : {}),
        columns: mapArr(b.columns, (c) => patch(c, { expr: e(c.expr) })),
        from: mapArr(b.from, (f) => mapSource(f, v)),
        ...(b.where ? { where: e(b.where) } : {}),
        ...(b.groupBy ? { groupBy: patch(b.groupBy, { items: mapArr(b.groupBy.items, (g) => mapGrouping(g, v)) }) } : {}),
        ...(b.having ? { having: e(b.having) } : {}),
        ...(b.qualify ? { qualify: e(b.qualify) } : {}),
        ...(b.windows ? { windows: mapArr(b.windows, (w) => patch(w, { spec: mapWindow(w.spec, v) })) } : {}),
      });
      return v.select ? v.select(s) : s;
    }
    case 'SetOp': return patch(b, { left: mapBody(b.left, v), right: mapBody(b.right, v) });
    case 'ParenQuery': return patch(b, { query: mapQuery(b.query, v) });
    case 'Values': return patch(b, { rows: mapArr(b.rows, (r) => mapArr(r, e)) });
  }
}

export function mapSource(s: Source, v: Visitor): Source {
  let out: Source;
  switch (s.kind) {
    case 'TableRef': case 'RawSource': out = s; break;
    case 'DerivedTable': out = patch(s, { query: mapQuery(s.query, v) }); break;
    case 'TableFn': out = patch(s, { call: mapExpr(s.call, v) }); break;
    case 'Join': out = patch(s, { left: mapSource(s.left, v), right: mapSource(s.right, v), ...(s.on ? { on: mapExpr(s.on, v) } : {}) }); break;
    case 'ParenSource': out = patch(s, { source: mapSource(s.source, v) }); break;
    case 'Pivot': {
      const agg = mapExpr(s.aggregate, v);
      out = { ...s, source: mapSource(s.source, v), aggregate: agg.kind === 'Fn' ? agg : s.aggregate, column: mapExpr(s.column, v) };
      break;
    }
    case 'Unpivot': out = { ...s, source: mapSource(s.source, v) }; break;
  }
  return v.source ? v.source(out) : out;
}

export function mapExpr(x: Expr, v: Visitor): Expr {
  const e = (y: Expr) => mapExpr(y, v);
  const q = (y: Query) => mapQuery(y, v);
  let out: Expr;
  switch (x.kind) {
    case 'Lit': case 'Col': case 'Star': case 'Param': case 'Unit': case 'Raw': out = x; break;
    case 'Unary': out = patch(x, { operand: e(x.operand) }); break;
    case 'Binary': out = patch(x, { left: e(x.left), right: e(x.right) }); break;
    case 'Concat': out = patch(x, { args: mapArr(x.args, e) }); break;
    case 'Between': out = patch(x, { expr: e(x.expr), low: e(x.low), high: e(x.high) }); break;
    case 'InList': out = patch(x, { expr: e(x.expr), list: mapArr(x.list, e) }); break;
    case 'InQuery': out = patch(x, { expr: e(x.expr), query: q(x.query) }); break;
    case 'Like': out = patch(x, { expr: e(x.expr), pattern: e(x.pattern), ...(x.escape ? { escape: e(x.escape) } : {}) }); break;
    case 'IsNullTest': out = patch(x, { expr: e(x.expr) }); break;
    case 'Exists': out = patch(x, { query: q(x.query) }); break;
    case 'Quantified': out = patch(x, { left: e(x.left), query: q(x.query) }); break;
    case 'Case':
      out = patch(x, {
        whens: mapArr(x.whens, (w) => patch(w, { when: e(w.when), then: e(w.then) })),
        ...(x.operand ? { operand: e(x.operand) } : {}), ...(x.else ? { else: e(x.else) } : {}),
      });
      break;
    case 'Cast': out = patch(x, { expr: e(x.expr) }); break;
    case 'Fn':
      out = patch(x, {
        args: mapArr(x.args, e),
        ...(x.withinGroup ? { withinGroup: mapOrder(x.withinGroup, v) } : {}),
        ...(x.over ? { over: mapWindow(x.over, v) } : {}),
      });
      break;
    case 'Subquery': out = patch(x, { query: q(x.query) }); break;
    case 'Paren': out = patch(x, { expr: e(x.expr) }); break;
    case 'Marked': out = patch(x, { expr: e(x.expr) }); break;
  }
  return v.expr ? v.expr(out) : out;
}
