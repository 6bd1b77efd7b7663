/**
 * A bottom-up, copy-on-write tree mapper shared by the passes: each callback sees a node whose
 * children are already rewritten and returns the node to keep. The input tree is never mutated.
 */
import type { Diagnostic } from '../../diagnostics/index.js';
import type { DateFormat } from './insert-literal-types.js';
import type { SqlType } from '../types.js';
import type { ColumnResolver } from '../scope.js';
import type {
  ColumnDef, Cte, Expr, GroupingItem, Ident, MergeAction, MergeWhen, OrderItem, Query, QueryBody, Select, SelectItem, SetAssign, Source, Stmt, TableRef, Window, With,
} from '../ir.js';

export interface PassContext {
  readonly diagnostics: Diagnostic[];
  readonly collation: 'ci' | 'cs';
  /** 'ignore' (default): string comparisons ignore trailing spaces, as SQL Server's do; see trailing-spaces.ts. */
  readonly trailingSpaces?: 'ignore' | 'keep';
  /** Column types of tables created earlier in the same script (last name part, lower case). */
  readonly tables?: ReadonlyMap<string, ReadonlyMap<string, SqlType>>;
  /** Schema renames for two- and three-part names; null drops the schema. Default `{ dbo: null }`. */
  readonly schemas?: Readonly<Record<string, string | null>>;
  /** SET DATEFORMAT in effect (SQL Server's us_english default is mdy). */
  readonly dateFormat?: DateFormat;
  /** Table references printed as given text (dbt ref()/source()); see passes/relations.ts. */
  readonly relation?: RelationResolver;
  /** Columns (and types) of the tables and views a statement reads; see scope.ts and passes/column-types.ts. */
  readonly columns?: ColumnResolver;
  /**
   * Tables created earlier in the script with an IDENTITY column (last name part, lower case) → the
   * columns an INSERT without a column list fills: T-SQL skips the identity column, the targets do not.
   */
  readonly insertColumns?: ReadonlyMap<string, readonly Ident[]>;
  /** Variables with a value where the SQL runs (lower case, no @): see TranspileOptions.boundVariables. */
  readonly boundVariables?: ReadonlySet<string>;
  /** The T-SQL text the spans point into: see LowerContext.source. */
  readonly source?: string;
}

/** A table name as written (server/database/schema only when the reference had them). */
export interface RelationName {
  readonly server?: string;
  readonly database?: string;
  readonly schema?: string;
  readonly name: string;
}

/** Text to print for a table reference instead of its name, or undefined to keep the name. */
export type RelationResolver = (name: RelationName) => string | undefined;

/** A 1- to 4-part name as written → its parts by role (the last part is the object). */
export function relationName(parts: readonly Ident[]): RelationName {
  const n = parts.length;
  return {
    name: parts[n - 1]!.name,
    ...(n >= 2 ? { schema: parts[n - 2]!.name } : {}),
    ...(n >= 3 ? { database: parts[n - 3]!.name } : {}),
    ...(n >= 4 ? { server: parts[n - 4]!.name } : {}),
  };
}

export interface Visitor {
  expr?(e: Expr): Expr;
  /**
   * The expression kinds `expr` can change (a promise by the pass): `expr` is called only on these,
   * and a VALUES row made only of leaves outside the set is skipped whole. Undefined: every kind.
   */
  readonly exprKinds?: ReadonlySet<Expr['kind']>;
  select?(s: Select): Select;
  source?(s: Source): Source;
  query?(q: Query): Query;
  /**
   * A query nested in an expression (scalar subquery, EXISTS, IN (…), ANY/ALL) is handed to this
   * instead of being walked with this visitor: a pass that needs its own scope per query
   * (column-types) walks it itself. Undefined: walked like any other query.
   */
  nested?(q: Query): Query;
}

export type Pass = (s: Stmt, ctx: PassContext) => Stmt;

/** Maps an array, returning the same array when no element changed (keeps untouched subtrees shared, and GC quiet). */
function mapArr<T>(xs: readonly T[], f: (x: T, v: Visitor) => T, v: Visitor): readonly T[] {
  let out: T[] | undefined;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    const y = f(x, v);
    if (out) out.push(y);
    else if (y !== x) {
      out = xs.slice(0, i);
      out.push(y);
    }
  }
  return out ?? xs;
}

// Every node below is rebuilt only when a child came back different: no change objects, no spreads
// on the (common) path where a pass leaves a subtree alone. Children are visited in the same order
// as before, so diagnostics come out in the same order.

const exprOf = (x: Expr, v: Visitor): Expr => mapExpr(x, v);
const sourceOf = (x: Source, v: Visitor): Source => mapSource(x, v);
const exprRow = (r: readonly Expr[], v: Visitor): readonly Expr[] => (untouchedRow(r, v) ? r : mapArr(r, exprOf, v));
const orderItem = (o: OrderItem, v: Visitor): OrderItem => {
  const x = mapExpr(o.expr, v);
  return x === o.expr ? o : { ...o, expr: x };
};
const returningItem = (c: SelectItem, v: Visitor): SelectItem => {
  const x = mapExpr(c.expr, v);
  return x === c.expr ? c : { ...c, expr: x };
};
const setAssign = (a: SetAssign, v: Visitor): SetAssign => {
  const x = mapExpr(a.value, v);
  return x === a.value ? a : { ...a, value: x };
};
const cteOf = (c: Cte, v: Visitor): Cte => {
  const x = mapQuery(c.query, v);
  return x === c.query ? c : { ...c, query: x };
};
const columnDef = (c: ColumnDef, v: Visitor): ColumnDef => {
  if (!c.default) return c;
  const x = mapExpr(c.default, v);
  return x === c.default ? c : { ...c, default: x };
};

export function mapStmt(s: Stmt, v: Visitor): Stmt {
  switch (s.kind) {
    case 'QueryStmt': case 'CreateView': {
      const q = mapQuery(s.query, v);
      return q === s.query ? s : { ...s, query: q };
    }
    case 'Insert': {
      const q = mapQuery(s.source, v);
      return q === s.source ? s : { ...s, source: q };
    }
    case 'CreateTable': {
      const columns = mapArr(s.columns, columnDef, v);
      const asQuery = s.asQuery ? mapQuery(s.asQuery, v) : undefined;
      return columns === s.columns && asQuery === s.asQuery ? s : { ...s, columns, ...(asQuery ? { asQuery } : {}) };
    }
    case 'Update': {
      const w = s.with ? mapWith(s.with, v) : undefined;
      const target = mapTarget(s.target, v);
      const set = mapArr(s.set, setAssign, v);
      const from = mapArr(s.from, sourceOf, v);
      const where = s.where ? mapExpr(s.where, v) : undefined;
      const returning = s.returning ? mapArr(s.returning, returningItem, v) : undefined;
      if (w === s.with && target === s.target && set === s.set && from === s.from && where === s.where && returning === s.returning) return s;
      return { ...s, target, set, from, ...(w ? { with: w } : {}), ...(where ? { where } : {}), ...(returning ? { returning } : {}) };
    }
    case 'Delete': {
      const w = s.with ? mapWith(s.with, v) : undefined;
      const target = mapTarget(s.target, v);
      const using = mapArr(s.using, sourceOf, v);
      const where = s.where ? mapExpr(s.where, v) : undefined;
      const returning = s.returning ? mapArr(s.returning, returningItem, v) : undefined;
      if (w === s.with && target === s.target && using === s.using && where === s.where && returning === s.returning) return s;
      return { ...s, target, using, ...(w ? { with: w } : {}), ...(where ? { where } : {}), ...(returning ? { returning } : {}) };
    }
    case 'Merge': {
      const w = s.with ? mapWith(s.with, v) : undefined;
      const target = mapTarget(s.target, v);
      const using = mapSource(s.using, v);
      const on = mapExpr(s.on, v);
      const clauses = mapArr(s.clauses, mergeWhen, v);
      if (w === s.with && target === s.target && using === s.using && on === s.on && clauses === s.clauses) return s;
      return { ...s, target, using, on, clauses, ...(w ? { with: w } : {}) };
    }
    case 'Truncate': case 'Unsupported': return s;
  }
}

/** A DML target stays a table reference (a visitor that returned something else is ignored). */
function mapTarget(t: TableRef, v: Visitor): TableRef {
  const out = mapSource(t, v);
  return out.kind === 'TableRef' ? out : t;
}

function mergeWhen(c: MergeWhen, v: Visitor): MergeWhen {
  const condition = c.condition ? mapExpr(c.condition, v) : undefined;
  const action = mapAction(c.action, v);
  return condition === c.condition && action === c.action ? c : { ...c, action, ...(condition ? { condition } : {}) };
}

function mapAction(a: MergeAction, v: Visitor): MergeAction {
  switch (a.kind) {
    case 'MergeUpdate': {
      const set = mapArr(a.set, setAssign, v);
      return set === a.set ? a : { ...a, set };
    }
    case 'MergeDelete': return a;
    case 'MergeInsert': {
      const values = mapArr(a.values, exprOf, v);
      return values === a.values ? a : { ...a, values };
    }
  }
}

function mapWith(w: With, v: Visitor): With {
  const ctes = mapArr(w.ctes, cteOf, v);
  return ctes === w.ctes ? w : { ...w, ctes };
}

export function mapQuery(q: Query, v: Visitor): Query {
  const w = q.with ? mapWith(q.with, v) : undefined;
  const body = mapBody(q.body, v);
  const orderBy = q.orderBy ? mapArr(q.orderBy, orderItem, v) : undefined;
  let limit = q.limit;
  if (limit) {
    const count = mapExpr(limit.count, v);
    if (count !== limit.count) limit = { ...limit, count };
  }
  const offset = q.offset ? mapExpr(q.offset, v) : undefined;
  let out = q;
  if (w !== q.with || body !== q.body || orderBy !== q.orderBy || limit !== q.limit || offset !== q.offset) {
    out = { ...q, body, ...(w ? { with: w } : {}), ...(orderBy ? { orderBy } : {}), ...(limit ? { limit } : {}), ...(offset ? { offset } : {}) };
  }
  return v.query ? v.query(out) : out;
}

function mapWindow(w: Window, v: Visitor): Window {
  const partitionBy = mapArr(w.partitionBy, exprOf, v);
  const orderBy = mapArr(w.orderBy, orderItem, v);
  return partitionBy === w.partitionBy && orderBy === w.orderBy ? w : { ...w, partitionBy, orderBy };
}

function mapGrouping(g: GroupingItem, v: Visitor): GroupingItem {
  if (g.kind === 'GroupingSet') {
    const items = mapArr(g.items, mapGrouping, v);
    return items === g.items ? g : { ...g, items };
  }
  return mapExpr(g, v);
}

const windowDef = (w: { readonly name: string; readonly spec: Window }, v: Visitor) => {
  const spec = mapWindow(w.spec, v);
  return spec === w.spec ? w : { ...w, spec };
};
const selectItem = (c: SelectItem, v: Visitor): SelectItem => {
  const x = mapExpr(c.expr, v);
  return x === c.expr ? c : { ...c, expr: x };
};

export function mapBody(b: QueryBody, v: Visitor): QueryBody {
  switch (b.kind) {
    case 'Select': {
      let top = b.top;
      if (top) {
        const count = mapExpr(top.count, v);
        if (count !== top.count) top = { ...top, count };
      }
      const columns = mapArr(b.columns, selectItem, v);
      const from = mapArr(b.from, sourceOf, v);
      const where = b.where ? mapExpr(b.where, v) : undefined;
      let groupBy = b.groupBy;
      if (groupBy) {
        const items = mapArr(groupBy.items, mapGrouping, v);
        if (items !== groupBy.items) groupBy = { ...groupBy, items };
      }
      const having = b.having ? mapExpr(b.having, v) : undefined;
      const qualify = b.qualify ? mapExpr(b.qualify, v) : undefined;
      const windows = b.windows ? mapArr(b.windows, windowDef, v) : undefined;
      let s: Select = b;
      if (top !== b.top || columns !== b.columns || from !== b.from || where !== b.where || groupBy !== b.groupBy || having !== b.having || qualify !== b.qualify || windows !== b.windows) {
        s = {
          ...b, columns, from,
          ...(top ? { top } : {}), ...(where ? { where } : {}), ...(groupBy ? { groupBy } : {}), ...(having ? { having } : {}),
          ...(qualify ? { qualify } : {}), ...(windows ? { windows } : {}),
        };
      }
      return v.select ? v.select(s) : s;
    }
    case 'SetOp': {
      const left = mapBody(b.left, v);
      const right = mapBody(b.right, v);
      return left === b.left && right === b.right ? b : { ...b, left, right };
    }
    case 'ParenQuery': {
      const query = mapQuery(b.query, v);
      return query === b.query ? b : { ...b, query };
    }
    case 'Values': {
      // Each row of leaves the visitor does not act on is skipped without a call (exprRow).
      const rows = mapArr(b.rows, exprRow, v);
      return rows === b.rows ? b : { ...b, rows };
    }
  }
}

export function mapSource(s: Source, v: Visitor): Source {
  let out: Source = s;
  switch (s.kind) {
    case 'TableRef': case 'RawSource': break;
    case 'DerivedTable': {
      const query = mapQuery(s.query, v);
      if (query !== s.query) out = { ...s, query };
      break;
    }
    case 'TableFn': {
      const call = mapExpr(s.call, v);
      if (call !== s.call) out = { ...s, call };
      break;
    }
    case 'Join': {
      const left = mapSource(s.left, v);
      const right = mapSource(s.right, v);
      const on = s.on ? mapExpr(s.on, v) : undefined;
      if (left !== s.left || right !== s.right || on !== s.on) out = { ...s, left, right, ...(on ? { on } : {}) };
      break;
    }
    case 'ParenSource': {
      const source = mapSource(s.source, v);
      if (source !== s.source) out = { ...s, source };
      break;
    }
    case 'Pivot': {
      const agg = mapExpr(s.aggregate, v);
      const aggregate = agg.kind === 'Fn' ? agg : s.aggregate;
      const source = mapSource(s.source, v);
      const column = mapExpr(s.column, v);
      if (aggregate !== s.aggregate || source !== s.source || column !== s.column) out = { ...s, source, aggregate, column };
      break;
    }
    case 'Unpivot': {
      const source = mapSource(s.source, v);
      if (source !== s.source) out = { ...s, source };
      break;
    }
  }
  return v.source ? v.source(out) : out;
}

const caseWhen = (w: { readonly when: Expr; readonly then: Expr }, v: Visitor) => {
  const when = mapExpr(w.when, v);
  const then = mapExpr(w.then, v);
  return when === w.when && then === w.then ? w : { ...w, when, then };
};

/** Leaves: expressions with no child expression or query. */
const LEAF: ReadonlySet<Expr['kind']> = new Set(['Lit', 'Col', 'Star', 'Param', 'Unit', 'Raw']);

/** A row that the visitor cannot change: only leaves, none of a kind its `expr` acts on. */
function untouchedRow(r: readonly Expr[], v: Visitor): boolean {
  const hook = v.expr !== undefined;
  const kinds = v.exprKinds;
  if (hook && !kinds) return false;
  for (let i = 0; i < r.length; i++) {
    const k = r[i]!.kind;
    if (!LEAF.has(k) || (hook && kinds!.has(k))) return false;
  }
  return true;
}

export function mapExpr(x: Expr, v: Visitor): Expr {
  let out: Expr = x;
  switch (x.kind) {
    case 'Lit': case 'Col': case 'Star': case 'Param': case 'Unit': case 'Raw':
      return v.expr && (!v.exprKinds || v.exprKinds.has(x.kind)) ? v.expr(x) : x;
    case 'Unary': case 'Paren': case 'Marked': case 'Cast': case 'IsNullTest': {
      const inner = x.kind === 'Unary' ? x.operand : x.expr;
      const y = mapExpr(inner, v);
      if (y !== inner) out = x.kind === 'Unary' ? { ...x, operand: y } : { ...x, expr: y };
      break;
    }
    case 'Binary': {
      const left = mapExpr(x.left, v);
      const right = mapExpr(x.right, v);
      if (left !== x.left || right !== x.right) out = { ...x, left, right };
      break;
    }
    case 'Concat': {
      const args = mapArr(x.args, exprOf, v);
      if (args !== x.args) out = { ...x, args };
      break;
    }
    case 'Between': {
      const expr = mapExpr(x.expr, v);
      const low = mapExpr(x.low, v);
      const high = mapExpr(x.high, v);
      if (expr !== x.expr || low !== x.low || high !== x.high) out = { ...x, expr, low, high };
      break;
    }
    case 'InList': {
      const expr = mapExpr(x.expr, v);
      const list = mapArr(x.list, exprOf, v);
      if (expr !== x.expr || list !== x.list) out = { ...x, expr, list };
      break;
    }
    case 'InQuery': {
      const expr = mapExpr(x.expr, v);
      const query = v.nested ? v.nested(x.query) : mapQuery(x.query, v);
      if (expr !== x.expr || query !== x.query) out = { ...x, expr, query };
      break;
    }
    case 'Like': {
      const expr = mapExpr(x.expr, v);
      const pattern = mapExpr(x.pattern, v);
      const escape = x.escape ? mapExpr(x.escape, v) : undefined;
      if (expr !== x.expr || pattern !== x.pattern || escape !== x.escape) out = { ...x, expr, pattern, ...(escape ? { escape } : {}) };
      break;
    }
    case 'Exists': case 'Subquery': {
      const query = v.nested ? v.nested(x.query) : mapQuery(x.query, v);
      if (query !== x.query) out = { ...x, query };
      break;
    }
    case 'Quantified': {
      const left = mapExpr(x.left, v);
      const query = v.nested ? v.nested(x.query) : mapQuery(x.query, v);
      if (left !== x.left || query !== x.query) out = { ...x, left, query };
      break;
    }
    case 'Case': {
      const whens = mapArr(x.whens, caseWhen, v);
      const operand = x.operand ? mapExpr(x.operand, v) : undefined;
      const els = x.else ? mapExpr(x.else, v) : undefined;
      if (whens !== x.whens || operand !== x.operand || els !== x.else) out = { ...x, whens, ...(operand ? { operand } : {}), ...(els ? { else: els } : {}) };
      break;
    }
    case 'Fn': {
      const args = mapArr(x.args, exprOf, v);
      const withinGroup = x.withinGroup ? mapArr(x.withinGroup, orderItem, v) : undefined;
      const over = x.over ? mapWindow(x.over, v) : undefined;
      if (args !== x.args || withinGroup !== x.withinGroup || over !== x.over) out = { ...x, args, ...(withinGroup ? { withinGroup } : {}), ...(over ? { over } : {}) };
      break;
    }
  }
  return v.expr && (!v.exprKinds || v.exprKinds.has(out.kind)) ? v.expr(out) : out;
}
