/**
 * UPDATE / DELETE / MERGE / TRUNCATE → neutral DML statements.
 *
 * T-SQL's `UPDATE x SET … FROM a JOIN b ON … WHERE …` names the target `x` by alias or table name
 * inside its FROM list (https://learn.microsoft.com/en-us/sql/t-sql/queries/update-transact-sql,
 * "FROM table_source"). The neutral shape keeps the target apart and the other sources as a flat
 * list: inner and cross joins are flattened and their ON conditions ANDed into WHERE, which is the
 * same row set. Outer joins and APPLY cannot be flattened that way: those statements stay
 * Unsupported (MD3001) rather than print SQL that updates other rows.
 */
import type * as A from '../../tsql/ast/index.js';
import type { Expr, Ident, MergeWhen, SelectItem, SetAssign, Source, Stmt, TableRef } from '../ir.js';
import type { LowerContext } from './context.js';
import { lowerExpr, lowerIdent, lowerName } from './expressions.js';
import { lowerSource, lowerWith } from './queries.js';

type Unsupported = (construct: string) => Stmt;

const and = (a: Expr | undefined, b: Expr | undefined): Expr | undefined =>
  a && b ? { kind: 'Binary', op: 'AND', left: paren(a), right: paren(b) } : (a ?? b);
const paren = (e: Expr): Expr => (e.kind === 'Binary' && e.op === 'OR' ? { kind: 'Paren', expr: e } : e);
const same = (a: Ident, b: Ident) => a.name.toLowerCase() === b.name.toLowerCase();

/** Flattens inner/cross joins into leaves plus their ON conditions; undefined when an outer join or APPLY is present. */
function flatten(s: Source, leaves: Source[], conds: Expr[]): boolean {
  if (s.kind !== 'Join') {
    leaves.push(s);
    return true;
  }
  if (s.type !== 'INNER' && s.type !== 'CROSS') return false;
  if (!flatten(s.left, leaves, conds) || !flatten(s.right, leaves, conds)) return false;
  if (s.on) conds.push(s.on);
  return true;
}

interface Resolved { readonly target: TableRef; readonly others: readonly Source[]; readonly where?: Expr }

/**
 * Finds the DML target among the FROM sources. `name` is what follows UPDATE/DELETE: an alias or
 * a table name. Returns a reason string when the shape cannot be made exact.
 */
function resolveTarget(ctx: LowerContext, targetAst: A.TableSource, from: readonly A.TableSource[] | undefined, where: Expr | undefined): Resolved | string {
  if (targetAst.kind !== 'TableRef') return 'a DML target that is not a table';
  const named = lowerSource(ctx, targetAst) as TableRef;
  if (!from?.length) return { target: named, others: [], ...(where ? { where } : {}) };
  const leaves: Source[] = [];
  const conds: Expr[] = [];
  for (const f of from) if (!flatten(lowerSource(ctx, f), leaves, conds)) return 'a FROM clause with an outer join or APPLY';
  const n = named.name;
  const matches = leaves.filter((l): l is TableRef => {
    if (l.kind !== 'TableRef') return false;
    if (n.length === 1 && l.alias) return same(l.alias, n[0]!);
    if (l.alias) return false;
    return l.name.length >= 1 && same(l.name.at(-1)!, n.at(-1)!) && (n.length === 1 || l.name.length === 1 || same(l.name.at(-2)!, n.at(-2)!));
  });
  // An alias or name given twice (self-join): which instance is updated is ambiguous here.
  if (matches.length > 1) return 'a target that appears more than once in FROM';
  const cond = [...conds, ...(where ? [where] : [])].reduce<Expr | undefined>((acc, c) => and(acc, c), undefined);
  if (matches.length === 0) {
    // `UPDATE T … FROM other WHERE T.id = other.id`: the target is an extra reference to the table.
    if (n.length === 1 && leaves.some((l) => 'alias' in l && l.alias && same(l.alias, n[0]!))) return 'a target alias that names a derived table';
    return { target: named, others: leaves, ...(cond ? { where: cond } : {}) };
  }
  const t = matches[0]!;
  const target: TableRef = { ...t, ...(named.hints?.length ? { hints: [...(t.hints ?? []), ...named.hints] } : {}) };
  return { target, others: leaves.filter((l) => l !== t), ...(cond ? { where: cond } : {}) };
}

function lowerSet(ctx: LowerContext, set: readonly A.SetItem[]): SetAssign[] | string {
  const out: SetAssign[] = [];
  for (const s of set) {
    if (s.kind !== 'SetColumn') return s.kind === 'SetVariable' ? 'SET @variable = … in UPDATE' : 'a method call in SET';
    const parts = s.column.name.parts;
    const column = lowerIdent(parts[parts.length - 1]!);
    let value = lowerExpr(ctx, s.expr);
    if (s.op !== '=') {
      const op = s.op.slice(0, -1);
      if (!['+', '-', '*', '/', '%'].includes(op)) return `compound assignment ${s.op}`;
      // `c += x` is `c = c + x` (string-concat decides later whether `+` concatenates).
      value = { kind: 'Binary', op: op as '+', left: lowerExpr(ctx, s.column), right: paren(value) };
    }
    out.push({ column, value });
  }
  return out;
}

/** OUTPUT inserted.x / deleted.x → RETURNING on the target: only the pseudo-table the target's own row stands for. */
function lowerOutput(ctx: LowerContext, out: readonly A.OutputClause[] | undefined, pseudo: 'inserted' | 'deleted', target: TableRef): SelectItem[] | string | undefined {
  if (!out?.length) return undefined;
  if (out.length > 1 || out[0]!.into) return 'OUTPUT … INTO';
  const ref: readonly Ident[] = target.alias ? [target.alias] : target.name;
  const other = pseudo === 'inserted' ? 'deleted' : 'inserted';
  const items: SelectItem[] = [];
  let bad: string | undefined;
  const rewrite = (e: Expr): Expr => {
    if (e.kind === 'Col' && e.parts.length === 2) {
      const q = e.parts[0]!.name.toLowerCase();
      if (q === other) bad = `OUTPUT ${other}.* in this statement`;
      if (q === pseudo) return { ...e, parts: [...ref, e.parts[1]!] };
    }
    if (e.kind === 'Star' && e.qualifier?.length === 1) {
      const q = e.qualifier[0]!.name.toLowerCase();
      if (q === other) bad = `OUTPUT ${other}.* in this statement`;
      if (q === pseudo) return { ...e, qualifier: ref };
    }
    return e;
  };
  for (const c of out[0]!.columns) {
    if (c.kind !== 'SelectColumn') return 'this OUTPUT item';
    const lowered = lowerExpr(ctx, c.expr);
    if (lowered.kind !== 'Col' && lowered.kind !== 'Star') return 'an OUTPUT expression (only columns are mapped)';
    items.push({ expr: rewrite(lowered), ...(c.alias ? { alias: lowerIdent(c.alias) } : {}) });
  }
  return bad ?? items;
}

export function lowerUpdate(ctx: LowerContext, s: A.Update, unsupported: Unsupported): Stmt {
  if (s.top) return unsupported('UPDATE TOP (n)');
  if (s.currentOf) return unsupported('UPDATE … WHERE CURRENT OF');
  const where = s.where ? lowerExpr(ctx, s.where) : undefined;
  const r = resolveTarget(ctx, s.target, s.from, where);
  if (typeof r === 'string') return unsupported(`UPDATE with ${r}`);
  const set = lowerSet(ctx, s.set);
  if (typeof set === 'string') return unsupported(set);
  const returning = lowerOutput(ctx, s.output, 'inserted', r.target);
  if (typeof returning === 'string') return unsupported(returning);
  return {
    kind: 'Update', target: r.target, set, from: r.others, span: s.span,
    ...(s.with ? { with: lowerWith(ctx, s.with) } : {}), ...(r.where ? { where: r.where } : {}), ...(returning ? { returning } : {}),
  };
}

export function lowerDelete(ctx: LowerContext, s: A.Delete, unsupported: Unsupported): Stmt {
  if (s.top) return unsupported('DELETE TOP (n)');
  if (s.currentOf) return unsupported('DELETE … WHERE CURRENT OF');
  const where = s.where ? lowerExpr(ctx, s.where) : undefined;
  const r = resolveTarget(ctx, s.target, s.from, where);
  if (typeof r === 'string') return unsupported(`DELETE with ${r}`);
  const returning = lowerOutput(ctx, s.output, 'deleted', r.target);
  if (typeof returning === 'string') return unsupported(returning);
  return {
    kind: 'Delete', target: r.target, using: r.others, span: s.span,
    ...(s.with ? { with: lowerWith(ctx, s.with) } : {}), ...(r.where ? { where: r.where } : {}), ...(returning ? { returning } : {}),
  };
}

export function lowerMerge(ctx: LowerContext, s: A.Merge, unsupported: Unsupported): Stmt {
  if (s.top) return unsupported('MERGE TOP (n)');
  if (s.output?.length) return unsupported('MERGE … OUTPUT');
  if (s.target.kind !== 'TableRef') return unsupported('MERGE into a target that is not a table');
  const target = lowerSource(ctx, s.target) as TableRef;
  const clauses: MergeWhen[] = [];
  for (const c of s.clauses) {
    let action: MergeWhen['action'];
    switch (c.action.kind) {
      case 'MergeUpdate': {
        const set = lowerSet(ctx, c.action.set);
        if (typeof set === 'string') return unsupported(set);
        action = { kind: 'MergeUpdate', set };
        break;
      }
      case 'MergeDelete':
        action = { kind: 'MergeDelete' };
        break;
      case 'MergeInsert':
        if (!c.action.values) return unsupported('MERGE … INSERT DEFAULT VALUES');
        action = { kind: 'MergeInsert', values: c.action.values.map((v) => lowerExpr(ctx, v)), ...(c.action.columns ? { columns: c.action.columns.map(lowerIdent) } : {}) };
        break;
    }
    clauses.push({ match: c.match, action, ...(c.condition ? { condition: lowerExpr(ctx, c.condition) } : {}) });
  }
  return {
    kind: 'Merge', target, using: lowerSource(ctx, s.using), on: lowerExpr(ctx, s.on), clauses, span: s.span,
    ...(s.with ? { with: lowerWith(ctx, s.with) } : {}),
  };
}

export function lowerTruncate(s: A.Truncate, unsupported: Unsupported): Stmt {
  if (s.partitions) return unsupported('TRUNCATE … WITH (PARTITIONS …)');
  return { kind: 'Truncate', table: lowerName(s.table), span: s.span };
}
