/**
 * `--collation ci` for grouping: SQL Server puts 'abc', 'ABC' and 'abc ' in one group (GROUP BY,
 * DISTINCT, UNION, COUNT(DISTINCT …), PARTITION BY) where the targets keep them apart. With the
 * column's string type known (column-types pass), grouping uses folded keys, lower(rtrim(s)) (lower(s)
 * when the option trailingSpaces is 'keep'):
 *
 * - GROUP BY s → GROUP BY lower(rtrim(s)); where the SELECT list, HAVING or ORDER BY show `s` outside
 *   an aggregate, they show AnySpelling(s), one spelling of the group. SQL Server shows any one of
 *   them; the targets all show the smallest in code-point order, so they agree with each other (MD3007).
 * - SELECT DISTINCT with string columns → the same as a GROUP BY of every column.
 * - a UNION with string columns → UNION ALL, grouped by every column the same way around it.
 * - COUNT(DISTINCT s) and PARTITION BY s fold s.
 *
 * A grouping key may be any string expression (`GROUP BY COALESCE(Region, 'None')`): the SELECT list
 * shows it as written, matched by structure. String keys in ROLLUP/CUBE/GROUPING SETS, DISTINCT over
 * `*` or aggregates, INTERSECT / EXCEPT of strings, and a UNION whose columns are not all named are
 * left as they are, with MD3002. */
import { diagnostic } from '../../diagnostics/index.js';
import { FUNCTIONS } from '../functions.js';
import { comparedAsText, isText } from '../infer.js';
import { fn, type Expr, type Fn, type GroupingItem, type OrderItem, type Query, type QueryBody, type Select, type SelectItem } from '../ir.js';
import { mapExpr, mapStmt, type Pass, type PassContext } from './walk.js';

const isString = isText;
/**
 * A grouping key's identity: the expression without positions, columns by name whatever their qualifier
 * or quoting (SQL Server matches `t.Name` in the SELECT list to `GROUP BY Name`).
 */
const groupKey = (e: Expr): string =>
  JSON.stringify(e, (k, v: unknown) => {
    if (k === 'span') return undefined;
    const x = v as Expr | null;
    return x && typeof x === 'object' && x.kind === 'Col' ? { col: x.parts[x.parts.length - 1]!.name.toLowerCase() } : v;
  });
const isAggregate = (e: Fn): boolean => (FUNCTIONS[e.fn] as { aggregate?: true }).aggregate === true && !e.over;

/**
 * `e` with every grouped string column outside a plain aggregate shown as AnySpelling(column), and
 * bare columns keeping their output name. Bottom-up: an aggregate's arguments are put back as they were.
 */
function showGrouped(e: Expr, grouped: ReadonlySet<string>): Expr {
  const made = new Set<Expr>();
  const unmade = (a: Expr): Expr => mapExpr(a, { expr: (y) => (made.has(y) ? (y as Fn).args[0]! : y), nested: (q) => q });
  return mapExpr(e, {
    // A subquery has its own rows: its columns are not the group's (a correlated reference stays as written).
    nested: (q) => q,
    expr(x) {
      if (x.kind !== 'Lit' && grouped.has(groupKey(x))) {
        const any = fn('AnySpelling', [x], x.span ? { span: x.span } : {});
        made.add(any);
        return any;
      }
      // An aggregate reads the rows of its group: its arguments stay as written.
      if (x.kind === 'Fn' && x.fn !== 'AnySpelling' && isAggregate(x)) {
        const args = x.args.map(unmade);
        return args.every((a, i) => a === x.args[i]) ? x : { ...x, args };
      }
      return x;
    },
  });
}

function showItem(item: SelectItem, grouped: ReadonlySet<string>): SelectItem {
  const expr = showGrouped(item.expr, grouped);
  if (expr === item.expr) return item;
  // A bare column keeps its name as the output column's name.
  const alias = item.alias ?? (item.expr.kind === 'Col' ? item.expr.parts[item.expr.parts.length - 1] : undefined);
  return { expr, ...(alias ? { alias } : {}) };
}

const lower = (e: Expr): Expr => fn('Lower', [e]);
/** A grouping key: case folded, and trailing spaces dropped unless the option keeps them (trailing-spaces.ts). */
const groupingKey = (e: Expr, ctx: PassContext): Expr => lower(ctx.trailingSpaces === 'keep' ? e : fn('RTrim', [e]));

/** GROUP BY over plain string columns → lower() keys; the grouped columns (by key), or undefined when nothing changed. */
function foldGroupBy(s: Select, ctx: PassContext): { select: Select; grouped: Set<string> } | undefined {
  if (!s.groupBy) return undefined;
  const grouped = new Set<string>();
  let complex = false;
  const items = s.groupBy.items.map((g): GroupingItem => {
    if (g.kind === 'GroupingSet' || !isString(g) || g.kind === 'Lit') {
      if (g.kind === 'GroupingSet') complex ||= g.items.some((i) => i.kind !== 'GroupingSet' && isString(i));
      return g;
    }
    grouped.add(groupKey(g));
    return groupingKey(g, ctx);
  });
  if (complex) {
    ctx.diagnostics.push(diagnostic('MD3002', { name: 'case-insensitive grouping', target: 'the target', detail: 'string keys inside ROLLUP/CUBE/GROUPING SETS are grouped case-sensitively' }, s.span));
  }
  if (!grouped.size) return undefined;
  ctx.diagnostics.push(diagnostic('MD3007', { construct: 'GROUP BY', how: 'lower() keys; each group shows the smallest of its spellings' }, s.span));
  const columns = s.columns.map((c) => showItem(c, grouped));
  const having = s.having ? showGrouped(s.having, grouped) : undefined;
  return { select: { ...s, columns, groupBy: { items }, ...(having ? { having } : {}) }, grouped };
}

const hasWindowOrAggregate = (e: Expr): boolean => {
  let found = false;
  mapExpr(e, {
    exprKinds: new Set(['Fn']),
    nested: (q) => q,
    expr(x) {
      if (x.kind === 'Fn' && (x.over || isAggregate(x))) found = true;
      return x;
    },
  });
  return found;
};

/** SELECT DISTINCT with string columns → GROUP BY every column (strings by lower()), as SQL Server deduplicates. */
function distinctAsGroupBy(s: Select, ctx: PassContext): { select: Select; grouped: Set<string> } | undefined {
  if (!s.distinct || s.groupBy || !s.columns.some((c) => isString(c.expr))) return undefined;
  if (s.columns.some((c) => c.expr.kind === 'Star' || hasWindowOrAggregate(c.expr))) {
    ctx.diagnostics.push(diagnostic('MD3002', { name: 'case-insensitive DISTINCT', target: 'the target', detail: 'over * or aggregates, rows that differ only in case stay apart' }, s.span));
    return undefined;
  }
  return foldGroupBy({ ...s, distinct: false, groupBy: { items: s.columns.map((c) => c.expr) } }, ctx);
}

/** The leftmost SELECT of a set operation: its columns are the result's. */
function firstSelect(b: QueryBody): Select | undefined {
  switch (b.kind) {
    case 'Select': return b;
    case 'SetOp': return firstSelect(b.left);
    case 'ParenQuery': return firstSelect(b.query.body);
    default: return undefined;
  }
}

/** A set operation that removes duplicate rows somewhere in the tree (anything but UNION ALL). */
function deduplicates(b: QueryBody): boolean {
  if (b.kind === 'SetOp') return b.op !== 'UNION ALL' || deduplicates(b.left) || deduplicates(b.right);
  return b.kind === 'ParenQuery' && deduplicates(b.query.body);
}

/** The SELECTs under a tree of UNION / UNION ALL; undefined when any other operator (or a limited subquery) is inside. */
function unionBranches(b: QueryBody): Select[] | undefined {
  switch (b.kind) {
    case 'Select': return [b];
    case 'SetOp': {
      if (b.op !== 'UNION' && b.op !== 'UNION ALL') return undefined;
      const l = unionBranches(b.left);
      const r = unionBranches(b.right);
      return l && r ? [...l, ...r] : undefined;
    }
    case 'ParenQuery': return b.query.orderBy || b.query.limit || b.query.offset || b.query.with ? undefined : unionBranches(b.query.body);
    default: return undefined;
  }
}

/** Every UNION of the tree as UNION ALL: the deduplication moves to a GROUP BY around it. */
function unionAll(b: QueryBody): QueryBody {
  if (b.kind === 'SetOp') return { ...b, op: 'UNION ALL', left: unionAll(b.left), right: unionAll(b.right) };
  if (b.kind === 'ParenQuery') return { ...b, query: { ...b.query, body: unionAll(b.query.body) } };
  return b;
}

/**
 * `a UNION b` with string columns → the rows of `a UNION ALL b` grouped by every column, strings by
 * their folded key and shown as AnySpelling: SQL Server's UNION keeps one row of 'abc' and 'ABC'.
 * Undefined when it cannot be written so (an unnamed or duplicated output column, INTERSECT/EXCEPT inside).
 */
function unionAsGroupBy(q: Query, ctx: PassContext): Query | undefined {
  const branches = unionBranches(q.body);
  const first = branches?.[0];
  if (!branches || !first || first.columns.some((c) => c.expr.kind === 'Star') || branches.some((b) => b.columns.length !== first.columns.length)) return undefined;
  const strings = first.columns.map((_, i) => {
    return comparedAsText(branches.map((b) => b.columns[i]!.expr));
  });
  const names = first.columns.map((c) => c.alias ?? (c.expr.kind === 'Col' ? c.expr.parts[c.expr.parts.length - 1] : undefined));
  if (names.some((n) => n === undefined) || new Set(names.map((n) => n!.name.toLowerCase())).size !== names.length) return undefined;
  const cols = names.map((n): Expr => ({ kind: 'Col', parts: [n!] }));
  ctx.diagnostics.push(diagnostic('MD3007', { construct: 'UNION', how: 'UNION ALL grouped by lower() keys; each row shows the smallest of its spellings' }, q.span));
  const select: Select = {
    kind: 'Select', distinct: false,
    columns: cols.map((c, i) => (strings[i] ? { expr: fn('AnySpelling', [c]), alias: names[i]! } : { expr: c })),
    from: [{ kind: 'DerivedTable', query: { kind: 'Query', body: unionAll(q.body) }, alias: { name: 'u', quoted: false }, lateral: false }],
    groupBy: { items: cols.map((c, i) => (strings[i] ? groupingKey(c, ctx) : c)) },
  };
  // ORDER BY reads the output columns: a string one inside an expression is shown like the SELECT list shows it.
  const grouped = new Set(cols.filter((_, i) => strings[i]).map(groupKey));
  const orderBy = q.orderBy?.map((o): OrderItem => ({ ...o, expr: showGrouped(o.expr, grouped) }));
  return { ...q, body: select, ...(orderBy ? { orderBy } : {}) };
}

export const ciGrouping: Pass = (stmt, ctx) => {
  if (ctx.collation !== 'ci') return stmt;
  // The grouped columns of each rewritten SELECT, for its query's ORDER BY.
  const groupedBy = new WeakMap<Select, Set<string>>();
  return mapStmt(stmt, {
    exprKinds: new Set(['Fn']),
    expr(e) {
      if (e.kind !== 'Fn') return e;
      let out: Fn = e;
      if (e.fn === 'Count' && e.distinct && e.args.length === 1 && isString(e.args[0]!)) out = { ...out, args: [groupingKey(e.args[0]!, ctx)] };
      if (e.over && e.over.partitionBy.some(isString)) out = { ...out, over: { ...e.over, partitionBy: e.over.partitionBy.map((p) => (isString(p) ? groupingKey(p, ctx) : p)) } };
      return out;
    },
    select(s) {
      const r = foldGroupBy(s, ctx) ?? distinctAsGroupBy(s, ctx);
      if (!r) return s;
      groupedBy.set(r.select, r.grouped);
      return r.select;
    },
    query(q: Query) {
      if (q.body.kind === 'SetOp' && deduplicates(q.body) && firstSelect(q.body)?.columns.some((c) => isString(c.expr))) {
        const grouped = q.body.op === 'UNION' ? unionAsGroupBy(q, ctx) : undefined;
        if (grouped) return grouped;
        const op = q.body.op === 'UNION ALL' ? 'UNION' : q.body.op;
        ctx.diagnostics.push(diagnostic('MD3002', { name: `case-insensitive ${op}`, target: 'the target', detail: 'rows that differ only in the case of a string are not treated as duplicates' }, q.span));
      }
      const grouped = q.body.kind === 'Select' ? groupedBy.get(q.body) : undefined;
      if (!grouped || !q.orderBy) return q;
      const orderBy = q.orderBy.map((o): OrderItem => {
        const expr = showGrouped(o.expr, grouped);
        return expr === o.expr ? o : { ...o, expr };
      });
      return { ...q, orderBy };
    },
  });
};
