/**
 * Key columns of a load, read from the statement that matches new rows to existing ones: the MERGE
 * ON condition, the DELETE predicate (`t.k IN (SELECT k …)`, `EXISTS (… s.k = t.k)`), the NOT EXISTS
 * guard of an INSERT, the join of an UPDATE … FROM. A column counts when one side of an equality is
 * a column of the target (qualified by one of its aliases) and the other side is not a constant.
 */
import { walk, type AnyNode } from '../catalog/ast/walk.js';
import type { Expression, ObjectName, Statement } from '../tsql/index.js';
import type { CatalogIndex } from './catalog-index.js';

interface ColumnRefNode { readonly kind: 'ColumnRef'; readonly name: ObjectName }

function parts(n: ObjectName): string[] {
  return n.parts.map((p) => p?.name ?? '');
}

/** Aliases (and bare names) under which the statement refers to table `tableId`. */
export function targetAliases(s: Statement, tableId: string, index: CatalogIndex, defaultSchema: string): Set<string> {
  const out = new Set<string>();
  walk(s, (n) => {
    if (n.kind !== 'TableRef') return undefined;
    const t = n as unknown as { name: ObjectName; alias?: { name: string } };
    const hit = index.resolveName(t.name, defaultSchema, ['table']);
    if (hit?.id === tableId) {
      const p = parts(t.name);
      out.add(p[p.length - 1]!.toLowerCase());
      if (t.alias) out.add(t.alias.name.toLowerCase());
    }
    return undefined;
  });
  // UPDATE c … FROM T AS c: the DML target names the alias, which the FROM resolves.
  if ((s.kind === 'Update' || s.kind === 'Delete' || s.kind === 'Merge') && s.target.kind === 'TableRef') {
    const p = parts(s.target.name);
    if (p.length === 1 && index.resolveName(s.target.name, defaultSchema, ['table'])?.id !== tableId) out.add(p[0]!.toLowerCase());
    const alias = (s.target as unknown as { alias?: { name: string } }).alias;
    if (alias) out.add(alias.name.toLowerCase());
  }
  return out;
}

function columnOf(e: AnyNode | undefined, aliases: ReadonlySet<string>, bareIsTarget: boolean): string | undefined {
  if (!e) return undefined;
  if (e.kind === 'Paren') return columnOf((e as unknown as { expr: AnyNode }).expr, aliases, bareIsTarget);
  if (e.kind !== 'ColumnRef') return undefined;
  const p = parts((e as ColumnRefNode).name);
  if (p.length === 1) return bareIsTarget ? p[0] : undefined;
  return aliases.has(p[p.length - 2]!.toLowerCase()) ? p[p.length - 1] : undefined;
}

function isConstant(e: AnyNode): boolean {
  return e.kind === 'Literal' || e.kind === 'Variable' || (e.kind === 'Paren' && isConstant((e as unknown as { expr: AnyNode }).expr));
}

/** Splits an AND chain into its conjuncts. */
function conjuncts(e: AnyNode, out: AnyNode[] = []): AnyNode[] {
  if (e.kind === 'Binary' && (e as unknown as { op: string }).op === 'AND') {
    conjuncts((e as unknown as { left: AnyNode }).left, out);
    conjuncts((e as unknown as { right: AnyNode }).right, out);
  } else if (e.kind === 'Paren') conjuncts((e as unknown as { expr: AnyNode }).expr, out);
  else out.push(e);
  return out;
}

export interface KeyOptions {
  /** Unqualified columns belong to the target (single-table DELETE/UPDATE predicates). */
  readonly bareIsTarget?: boolean;
  /** `col = @var` counts too (row-by-row loops match on fetched variables). */
  readonly variablesCount?: boolean;
}

/**
 * Key columns in `roots` (conditions and subqueries of one statement): equalities between a target
 * column and a non-constant, and `target.col IN (SELECT …)`. SET clauses are never looked at.
 */
export function keyColumns(roots: AnyNode | readonly AnyNode[], aliases: ReadonlySet<string>, options: KeyOptions = {}): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  const add = (c: string | undefined): void => {
    if (c && !seen.has(c.toLowerCase())) {
      seen.add(c.toLowerCase());
      found.push(c);
    }
  };
  const bare = options.bareIsTarget ?? false;
  walk(roots, (n) => {
    if (n.kind === 'SetColumn' || n.kind === 'MergeUpdate' || n.kind === 'MergeInsert' || n.kind === 'SelectColumn') return false;
    if (n.kind === 'Binary' && (n as unknown as { op: string }).op === '=') {
      const { left, right } = n as unknown as { left: AnyNode; right: AnyNode };
      const l = columnOf(left, aliases, false);
      const r = columnOf(right, aliases, false);
      if (l && !r && (!isConstant(right) || (options.variablesCount && right.kind === 'Variable'))) add(l);
      else if (r && !l && (!isConstant(left) || (options.variablesCount && left.kind === 'Variable'))) add(r);
      else if (bare && !l && !r) {
        const lb = columnOf(left, aliases, true);
        if (lb && (options.variablesCount ? right.kind === 'Variable' : right.kind === 'ColumnRef')) add(lb);
      }
    } else if (n.kind === 'InSubquery' && !(n as unknown as { not: boolean }).not) {
      add(columnOf((n as unknown as { expr: AnyNode }).expr, aliases, bare));
    }
    return undefined;
  });
  return found;
}

/** The conditions of a statement where matching happens (WHERE, JOIN ON, MERGE ON, subqueries in them). */
export function matchRoots(s: Statement): AnyNode[] {
  switch (s.kind) {
    case 'Merge':
      return [s.on];
    case 'Update':
    case 'Delete':
      return [...(s.from ?? []), ...(s.where ? [s.where] : [])] as AnyNode[];
    case 'Insert':
      return s.source.kind === 'QuerySource' ? [s.source.query] : [];
    default:
      return [s];
  }
}

/** NOT EXISTS (SELECT … FROM target …) subqueries under `roots`: the guard of an insert-if-missing. */
export function notExistsGuards(roots: AnyNode | readonly AnyNode[], tableId: string, index: CatalogIndex, defaultSchema: string): AnyNode[] {
  const out: AnyNode[] = [];
  walk(roots, (n) => {
    if (n.kind === 'Unary' && (n as unknown as { op: string }).op === 'NOT') {
      const operand = (n as unknown as { operand: AnyNode }).operand;
      const inner = operand.kind === 'Paren' ? (operand as unknown as { expr: AnyNode }).expr : operand;
      if (inner.kind === 'Exists') {
        let readsTarget = false;
        walk(inner, (m) => {
          if (m.kind === 'TableRef' && index.resolveName((m as unknown as { name: ObjectName }).name, defaultSchema, ['table'])?.id === tableId) readsTarget = true;
          return undefined;
        });
        if (readsTarget) out.push(inner);
      }
    }
    return undefined;
  });
  return out;
}

/** Columns compared with `<>` / `!=` (change detection of an SCD load), target side. */
export function comparedColumns(roots: AnyNode | readonly AnyNode[], aliases: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  walk(roots, (n) => {
    if (n.kind === 'Binary' && ((n as unknown as { op: string }).op === '<>' || (n as unknown as { op: string }).op === '!=')) {
      for (const side of [(n as unknown as { left: AnyNode }).left, (n as unknown as { right: AnyNode }).right]) {
        let e = side;
        // ISNULL(d.Email, '') <> ISNULL(s.Email, ''): the column inside the null guard.
        if (e.kind === 'FunctionCall') e = ((e as unknown as { args: AnyNode[] }).args[0]) ?? e;
        const c = columnOf(e, aliases, false);
        if (c && !seen.has(c.toLowerCase())) {
          seen.add(c.toLowerCase());
          out.push(c);
        }
      }
    }
    return undefined;
  });
  return out;
}

export { conjuncts };
export type { Expression };
