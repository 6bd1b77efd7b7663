/**
 * Column types through scope resolution. Each SELECT's FROM clause (tables, aliases, joins, derived
 * tables, CTEs) forms a scope; a column reference is resolved in its own scope, then outward through
 * enclosing queries (correlated subqueries), and gets the column's declared type (`Col.type`).
 *
 * Never a guess: a table whose columns are unknown makes every bare name of its scope level unknown,
 * a bare name found in two tables is ambiguous (unknown), a qualifier must match exactly one source.
 * Table columns come from a `ColumnResolver` (CREATE TABLEs earlier in the script, the catalog); the
 * columns of derived tables and CTEs are those of their select lists (a column, a CAST: typed).
 */
import { typeOf } from './infer.js';
import type { Col, Expr, Ident, Query, QueryBody, Select, SelectItem, Source, Stmt, With } from './ir.js';
import { mapExpr, relationName, type RelationName, type Visitor } from './passes/walk.js';
import type { SqlType } from './types.js';

/** A column of a table or view as the caller knows it; `type` absent when unknown. */
export interface TableColumn {
  readonly name: string;
  readonly type?: SqlType;
}

/**
 * The columns of a table or view as written in the statement (one-part names carry no schema), in
 * declaration order; undefined when the relation is unknown. Must list every column: a bare column
 * name missing from the list is taken to belong to another table of the query.
 */
export type ColumnResolver = (table: RelationName) => readonly TableColumn[] | undefined;

/** Columns by lower-case name (first of a duplicated name wins); undefined: unknown. */
type Columns = ReadonlyMap<string, SqlType | undefined>;

interface Rel {
  /** Qualifiers that name this source, lower case parts: the alias, or each suffix of the table name. */
  readonly names: readonly (readonly string[])[];
  readonly columns: Columns | undefined;
  /** Column names in order (for `*`). */
  readonly order?: readonly string[];
}

interface Scope {
  readonly rels: readonly Rel[];
  readonly parent?: Scope;
}

interface Env {
  /** CTEs visible here: name → output columns (undefined: unknown, e.g. a recursive CTE inside its own definition). */
  readonly ctes: ReadonlyMap<string, readonly TableColumn[] | undefined>;
  readonly scope?: Scope;
  readonly tables: (name: readonly Ident[]) => readonly TableColumn[] | undefined;
}

const lower = (parts: readonly Ident[]): string[] => parts.map((p) => p.name.toLowerCase());

function toColumns(cols: readonly TableColumn[] | undefined): { columns: Columns | undefined; order?: readonly string[] } {
  // A table has at least one column: an empty list (SELECT … INTO seen without its columns) is unknown.
  if (!cols || cols.length === 0) return { columns: undefined };
  const m = new Map<string, SqlType | undefined>();
  for (const c of cols) {
    const k = c.name.toLowerCase();
    if (!m.has(k)) m.set(k, c.type);
  }
  return { columns: m, order: cols.map((c) => c.name) };
}

function sameParts(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The type of a column reference in `scope`, or undefined when it cannot be known. */
export function resolveColumn(parts: readonly Ident[], scope: Scope | undefined): SqlType | undefined {
  const name = parts[parts.length - 1]!.name.toLowerCase();
  if (parts.length === 1) {
    for (let s = scope; s; s = s.parent) {
      if (s.rels.some((r) => r.columns === undefined)) return undefined;
      const found = s.rels.filter((r) => r.columns!.has(name));
      if (found.length > 1) return undefined;
      if (found.length === 1) return found[0]!.columns!.get(name);
    }
    return undefined;
  }
  const qualifier = lower(parts.slice(0, -1));
  for (let s = scope; s; s = s.parent) {
    const found = s.rels.filter((r) => r.names.some((n) => sameParts(n, qualifier)));
    if (found.length > 1) return undefined;
    if (found.length === 1) return found[0]!.columns?.get(name);
  }
  return undefined;
}

// ---- annotation ----

const COL_KINDS: ReadonlySet<Expr['kind']> = new Set(['Col']);

function withType(c: Col, type: SqlType | undefined): Col {
  if (c.type === type) return c;
  if (type) return { ...c, type };
  const { type: _drop, ...rest } = c;
  return rest;
}

function exprIn(e: Expr, scope: Scope | undefined, env: Env): Expr {
  const v: Visitor = {
    exprKinds: COL_KINDS,
    expr: (x) => (x.kind === 'Col' ? withType(x, resolveColumn(x.parts, scope)) : x),
    nested: (q) => annotateQuery(q, { ...env, ...(scope ? { scope } : {}) }).query,
  };
  return mapExpr(e, v);
}

const opt = <T>(x: T | undefined, f: (x: T) => T): T | undefined => (x === undefined ? undefined : f(x));

function mapList<T>(xs: readonly T[], f: (x: T) => T): readonly T[] {
  let changed = false;
  const out = xs.map((x) => {
    const y = f(x);
    if (y !== x) changed = true;
    return y;
  });
  return changed ? out : xs;
}

interface Annotated { readonly query: Query; readonly columns: readonly TableColumn[] | undefined }

/** Output columns renamed by a column list (`AS t (a, b)`, `cte (a, b)`): positions must agree. */
function renamed(cols: readonly TableColumn[] | undefined, names: readonly Ident[] | undefined): readonly TableColumn[] | undefined {
  if (!names?.length) return cols;
  if (!cols || cols.length !== names.length) return names.map((n) => ({ name: n.name }));
  return cols.map((c, i) => ({ ...c, name: names[i]!.name }));
}

/** A WITH clause: each CTE annotated in turn and made visible to the ones after it and to the body. */
function annotateWith(w: With, env: Env): { readonly with: With; readonly env: Env } {
  const ctes = new Map(env.ctes);
  const out = w.ctes.map((c) => {
    const key = c.name.name.toLowerCase();
    // A CTE is visible in its own definition (recursion) with unknown columns, never as a table.
    ctes.set(key, undefined);
    const a = annotateQuery(c.query, { ...env, ctes });
    ctes.set(key, renamed(a.columns, c.columns));
    return a.query === c.query ? c : { ...c, query: a.query };
  });
  return { with: out.some((c, i) => c !== w.ctes[i]) ? { ...w, ctes: out } : w, env: { ...env, ctes } };
}

export function annotateQuery(q: Query, env: Env): Annotated {
  let inner = env;
  let w = q.with;
  if (q.with) ({ with: w, env: inner } = annotateWith(q.with, env));
  const b = annotateBody(q.body, inner);
  // ORDER BY sees the select list's names first, then the FROM clause.
  const output = toColumns(b.columns);
  const orderScope: Scope | undefined = output.columns
    ? { rels: [{ names: [], columns: output.columns }], ...(b.scope ?? inner.scope ? { parent: b.scope ?? inner.scope } : {}) }
    : b.scope ?? inner.scope;
  const orderBy = opt(q.orderBy, (xs) => mapList(xs, (o) => {
    const x = exprIn(o.expr, orderScope, inner);
    return x === o.expr ? o : { ...o, expr: x };
  }));
  const offset = opt(q.offset, (x) => exprIn(x, inner.scope, inner));
  let limit = q.limit;
  if (limit) {
    const count = exprIn(limit.count, inner.scope, inner);
    if (count !== limit.count) limit = { ...limit, count };
  }
  if (w === q.with && b.body === q.body && orderBy === q.orderBy && offset === q.offset && limit === q.limit) return { query: q, columns: b.columns };
  return {
    query: { ...q, body: b.body, ...(w ? { with: w } : {}), ...(orderBy ? { orderBy } : {}), ...(offset ? { offset } : {}), ...(limit ? { limit } : {}) },
    columns: b.columns,
  };
}

interface AnnotatedBody { readonly body: QueryBody; readonly columns: readonly TableColumn[] | undefined; readonly scope?: Scope }

const VALUE_LEAVES: ReadonlySet<Expr['kind']> = new Set(['Lit', 'Param', 'Unit', 'Raw']);

function annotateBody(b: QueryBody, env: Env): AnnotatedBody {
  switch (b.kind) {
    case 'Select': return annotateSelect(b, env);
    case 'SetOp': {
      const l = annotateBody(b.left, env);
      const r = annotateBody(b.right, env);
      // Names from the first branch; a type only where every branch agrees.
      const columns = l.columns && r.columns && l.columns.length === r.columns.length
        ? l.columns.map((c, i) => (sameType(c.type, r.columns![i]!.type) ? c : { name: c.name }))
        : undefined;
      return { body: l.body === b.left && r.body === b.right ? b : { ...b, left: l.body, right: r.body }, columns };
    }
    case 'ParenQuery': {
      const a = annotateQuery(b.query, env);
      return { body: a.query === b.query ? b : { ...b, query: a.query }, columns: a.columns };
    }
    case 'Values': {
      // INSERT scripts hold thousands of literal rows: nothing to resolve in them.
      if (b.rows.every((r) => r.every((x) => VALUE_LEAVES.has(x.kind)))) return { body: b, columns: undefined };
      const rows = mapList(b.rows, (r) => mapList(r, (x) => exprIn(x, env.scope, env)));
      return { body: rows === b.rows ? b : { ...b, rows }, columns: undefined };
    }
  }
}

function sameType(a: SqlType | undefined, b: SqlType | undefined): boolean {
  return a !== undefined && b !== undefined && a.name === b.name && a.args.length === b.args.length && a.args.every((x, i) => x === b.args[i]);
}

/** Adds the relations a FROM item brings into scope; derived tables and table functions are annotated on the way. */
function collect(s: Source, env: Env, rels: Rel[], lateral: boolean): Source {
  const visible = (): Env => (lateral ? { ...env, scope: { rels: [...rels], ...(env.scope ? { parent: env.scope } : {}) } } : env);
  switch (s.kind) {
    case 'TableRef': {
      const cte = s.name.length === 1 ? s.name[0]!.name.toLowerCase() : undefined;
      const cols = cte !== undefined && env.ctes.has(cte) ? env.ctes.get(cte) : env.tables(s.name);
      const names = s.alias ? [[s.alias.name.toLowerCase()]] : lower(s.name).map((_, i, all) => all.slice(i));
      rels.push({ names, ...toColumns(cols) });
      return s;
    }
    case 'DerivedTable': {
      const a = annotateQuery(s.query, lateral || s.lateral ? visible() : env);
      rels.push({ names: s.alias ? [[s.alias.name.toLowerCase()]] : [], ...toColumns(renamed(a.columns, s.columns)) });
      return a.query === s.query ? s : { ...s, query: a.query };
    }
    case 'TableFn': {
      const e = visible();
      const call = exprIn(s.call, e.scope, e);
      rels.push({ names: s.alias ? [[s.alias.name.toLowerCase()]] : [], columns: undefined });
      return call === s.call ? s : { ...s, call };
    }
    case 'Join': {
      const left = collect(s.left, env, rels, lateral);
      const right = collect(s.right, env, rels, lateral || s.type === 'CROSS APPLY' || s.type === 'OUTER APPLY');
      return left === s.left && right === s.right ? s : { ...s, left, right };
    }
    case 'ParenSource': {
      const source = collect(s.source, env, rels, lateral);
      return source === s.source ? s : { ...s, source };
    }
    case 'Pivot': case 'Unpivot': {
      const innerRels: Rel[] = [];
      const source = collect(s.source, env, innerRels, lateral);
      let out: Source = source === s.source ? s : { ...s, source };
      if (out.kind === 'Pivot') {
        const scope: Scope = { rels: innerRels, ...(env.scope ? { parent: env.scope } : {}) };
        const agg = exprIn(out.aggregate, scope, env);
        const column = exprIn(out.column, scope, env);
        if (agg !== out.aggregate || column !== out.column) out = { ...out, aggregate: agg.kind === 'Fn' ? agg : out.aggregate, column };
      }
      rels.push({ names: [[s.alias.name.toLowerCase()]], columns: undefined });
      return out;
    }
    case 'RawSource':
      rels.push({ names: [], columns: undefined });
      return s;
  }
}

/** JOIN … ON conditions, resolved in the whole FROM clause's scope. */
function joinConditions(s: Source, scope: Scope, env: Env): Source {
  switch (s.kind) {
    case 'Join': {
      const left = joinConditions(s.left, scope, env);
      const right = joinConditions(s.right, scope, env);
      const on = opt(s.on, (x) => exprIn(x, scope, env));
      return left === s.left && right === s.right && on === s.on ? s : { ...s, left, right, ...(on ? { on } : {}) };
    }
    case 'ParenSource': {
      const source = joinConditions(s.source, scope, env);
      return source === s.source ? s : { ...s, source };
    }
    default:
      return s;
  }
}

/** A FROM list's scope (sources annotated), nested in the enclosing query's. */
function fromScope(from: readonly Source[], env: Env): { from: readonly Source[]; scope: Scope } {
  const rels: Rel[] = [];
  const collected = mapList(from, (s) => collect(s, env, rels, false));
  const scope: Scope = { rels, ...(env.scope ? { parent: env.scope } : {}) };
  return { from: mapList(collected, (s) => joinConditions(s, scope, env)), scope };
}

function annotateSelect(b: Select, env: Env): AnnotatedBody {
  const { from, scope } = fromScope(b.from, env);
  const x = (e: Expr) => exprIn(e, scope, env);
  const columns = mapList(b.columns, (c) => {
    const e = x(c.expr);
    return e === c.expr ? c : { ...c, expr: e };
  });
  const where = opt(b.where, x);
  const having = opt(b.having, x);
  const qualify = opt(b.qualify, x);
  let groupBy = b.groupBy;
  if (groupBy) {
    const g = groupBy;
    const items = mapList(g.items, (i) => (i.kind === 'GroupingSet' ? mapGroupingSet(i, x) : x(i)));
    if (items !== g.items) groupBy = { ...g, items };
  }
  let top = b.top;
  if (top) {
    const count = exprIn(top.count, env.scope, env);
    if (count !== top.count) top = { ...top, count };
  }
  const windows = opt(b.windows, (ws) => mapList(ws, (w) => {
    const partitionBy = mapList(w.spec.partitionBy, x);
    const orderBy = mapList(w.spec.orderBy, (o) => {
      const e = x(o.expr);
      return e === o.expr ? o : { ...o, expr: e };
    });
    return partitionBy === w.spec.partitionBy && orderBy === w.spec.orderBy ? w : { ...w, spec: { ...w.spec, partitionBy, orderBy } };
  }));
  const body: Select = from === b.from && columns === b.columns && where === b.where && having === b.having && qualify === b.qualify && groupBy === b.groupBy && top === b.top && windows === b.windows
    ? b
    : { ...b, from, columns, ...(where ? { where } : {}), ...(having ? { having } : {}), ...(qualify ? { qualify } : {}), ...(groupBy ? { groupBy } : {}), ...(top ? { top } : {}), ...(windows ? { windows } : {}) };
  return { body, columns: outputColumns(columns, scope), scope };
}

function mapGroupingSet<G extends { readonly kind: 'GroupingSet'; readonly items: readonly (Expr | G)[] }>(g: G, x: (e: Expr) => Expr): G {
  const items = mapList(g.items, (i) => (i.kind === 'GroupingSet' ? mapGroupingSet(i as G, x) : x(i as Expr)));
  return items === g.items ? g : { ...g, items };
}

/** A select list's columns (names and known types), `*` expanded when its tables' columns are known. */
function outputColumns(items: readonly SelectItem[], scope: Scope): readonly TableColumn[] | undefined {
  const out: TableColumn[] = [];
  for (const item of items) {
    const e = item.expr;
    if (e.kind === 'Star') {
      const rels = e.qualifier ? scope.rels.filter((r) => r.names.some((n) => sameParts(n, lower(e.qualifier!)))) : scope.rels;
      if ((e.qualifier && rels.length !== 1) || rels.some((r) => !r.order)) return undefined;
      for (const r of rels) for (const name of r.order!) out.push({ name, ...typeField(r.columns!.get(name.toLowerCase())) });
      continue;
    }
    const name = item.alias?.name ?? (e.kind === 'Col' ? e.parts[e.parts.length - 1]!.name : '');
    out.push({ name, ...typeField(typeOf(e)) });
  }
  return out;
}

const typeField = (type: SqlType | undefined): { type?: SqlType } => (type ? { type } : {});

/** Every column reference of the statement resolved (Col.type set where known). */
export function annotateStmt(stmt: Stmt, tables: ColumnResolver | undefined): Stmt {
  const cache = new Map<string, readonly TableColumn[] | undefined>();
  const env: Env = {
    ctes: new Map(),
    tables: (name) => {
      if (!tables) return undefined;
      const key = lower(name).join('.');
      if (!cache.has(key)) cache.set(key, tables(relationName(name)));
      return cache.get(key);
    },
  };
  switch (stmt.kind) {
    case 'QueryStmt': case 'CreateView': {
      const q = annotateQuery(stmt.query, env).query;
      return q === stmt.query ? stmt : { ...stmt, query: q };
    }
    case 'Insert': {
      const q = annotateQuery(stmt.source, env).query;
      return q === stmt.source ? stmt : { ...stmt, source: q };
    }
    case 'CreateTable': {
      if (!stmt.asQuery) return stmt;
      const q = annotateQuery(stmt.asQuery, env).query;
      return q === stmt.asQuery ? stmt : { ...stmt, asQuery: q };
    }
    case 'Update': case 'Delete': case 'Merge': return annotateDml(stmt, env);
    case 'Truncate': case 'Unsupported': return stmt;
  }
}

function annotateDml(stmt: Extract<Stmt, { kind: 'Update' | 'Delete' | 'Merge' }>, env0: Env): Stmt {
  let env = env0;
  let w = stmt.with;
  if (stmt.with) ({ with: w, env } = annotateWith(stmt.with, env0));
  const others = stmt.kind === 'Update' ? stmt.from : stmt.kind === 'Delete' ? stmt.using : [stmt.using];
  const { from, scope } = fromScope([stmt.target, ...others], env);
  const x = (e: Expr) => exprIn(e, scope, env);
  const withW = w && w !== stmt.with ? { with: w } : {};
  const items = (xs: readonly SelectItem[] | undefined) => opt(xs, (l) => mapList(l, (c) => {
    const e = x(c.expr);
    return e === c.expr ? c : { ...c, expr: e };
  }));
  const sets = (xs: readonly { readonly column: Ident; readonly value: Expr }[]) => mapList(xs, (a) => {
    const v = x(a.value);
    return v === a.value ? a : { ...a, value: v };
  });
  switch (stmt.kind) {
    case 'Update': {
      const where = opt(stmt.where, x);
      const returning = items(stmt.returning);
      return { ...stmt, ...withW, from: from.slice(1), set: sets(stmt.set), ...(where ? { where } : {}), ...(returning ? { returning } : {}) };
    }
    case 'Delete': {
      const where = opt(stmt.where, x);
      const returning = items(stmt.returning);
      return { ...stmt, ...withW, using: from.slice(1), ...(where ? { where } : {}), ...(returning ? { returning } : {}) };
    }
    case 'Merge': {
      const clauses = mapList(stmt.clauses, (c) => {
        const condition = opt(c.condition, x);
        const a = c.action;
        const action = a.kind === 'MergeUpdate' ? { ...a, set: sets(a.set) } : a.kind === 'MergeInsert' ? { ...a, values: mapList(a.values, x) } : a;
        return { ...c, action, ...(condition ? { condition } : {}) };
      });
      return { ...stmt, ...withW, using: from[1]!, on: x(stmt.on), clauses };
    }
  }
}

/** The output columns of a view's query (for views that later statements read). */
export function queryColumns(q: Query, tables: ColumnResolver | undefined, names?: readonly Ident[]): readonly TableColumn[] | undefined {
  const env: Env = { ctes: new Map(), tables: (n) => tables?.(relationName(n)) };
  return renamed(annotateQuery(q, env).columns, names);
}
