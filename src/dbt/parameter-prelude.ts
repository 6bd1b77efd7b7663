/**
 * What a procedure does to its parameters before the statement a model keeps. Report procedures
 * often adjust their parameters first:
 *
 *   IF @ToDate IS NULL SET @ToDate = EOMONTH(@FromDate, 11);
 *   IF @GroupBy NOT IN ('Category', 'Segment') SET @GroupBy = 'Category';
 *   SET @Region = ISNULL(@Region, N'All');
 *
 * The model keeps only the query, where each parameter is a dbt var. Dropping those SETs would run
 * the query with the unadjusted values (`BETWEEN @FromDate AND NULL`: no rows). Instead the SETs
 * are folded, in order, into one expression per parameter, which replaces the parameter in the
 * kept statement, still in T-SQL, before translation:
 *
 *   @ToDate → (CASE WHEN @ToDate IS NULL THEN EOMONTH(@FromDate, 11) ELSE @ToDate END)
 *
 * Only what is exact is folded: `SET @p = expr` and `IF cond SET @p = expr` (or a BEGIN … END of
 * such SETs) where neither reads a table or a column. A parameter changed any other way before the
 * statement (from a query, in a loop, in an IF … ELSE) is reported and left as the var. Checks that
 * raise an error (`IF … RAISERROR/THROW/RETURN`) cannot live in a select: they are reported too.
 */
import { findAll, type AnyNode } from '../catalog/ast/walk.js';
import type { Expression, Statement } from '../tsql/index.js';

export interface ParameterValues {
  /** Parameter (lower case, without @) → its value when the statement runs, in T-SQL. */
  readonly values: ReadonlyMap<string, Expression>;
  /** What could not be folded, one sentence each (with the line of the statement). */
  readonly notes: readonly string[];
}

const key = (name: string): string => name.replace(/^@+/, '').toLowerCase();

/** Nodes that read data: a value computed from them depends on rows, not on parameters alone. */
const READS_DATA = ['ColumnRef', 'ScalarSubquery', 'Exists', 'Subquery', 'InSubquery'];

const readsData = (e: Expression): boolean => findAll(e as unknown as AnyNode, ...READS_DATA).length > 0;

/** The statements of a block or a single statement, flattened one level at a time. */
const blockOf = (s: Statement): readonly Statement[] => (s.kind === 'Block' ? s.statements : [s]);

const isGuard = (s: Statement): boolean =>
  blockOf(s).every((x) => x.kind === 'Raiserror' || x.kind === 'Throw' || x.kind === 'Return' || x.kind === 'Print');

const contains = (outer: Statement, inner: Statement): boolean =>
  outer.span.offset <= inner.span.offset && inner.span.end <= outer.span.end;

/**
 * The values of `params` (lower-case name without @ → the name as declared, with @) when `until`
 * runs, folded from the statements of `body` before it. `line` turns a statement into the file line
 * shown in notes.
 */
export function parameterValuesAt(body: readonly Statement[], until: Statement, params: ReadonlyMap<string, string>, line: (s: Statement) => number): ParameterValues {
  const values = new Map<string, Expression>();
  const unknown = new Set<string>();
  const notes: string[] = [];
  const current = (k: string, span: Expression['span']): Expression => values.get(k) ?? ({ kind: 'Variable', name: params.get(k)!, span } as Expression);
  const lose = (names: Iterable<string>, s: Statement, why: string): void => {
    for (const k of names) {
      if (!params.has(k) || unknown.has(k)) continue;
      unknown.add(k);
      values.delete(k);
      notes.push(`${params.get(k)} is changed at line ${line(s)} (${why}); the model uses the value passed as its var`);
    }
  };
  /** A `SET @p = expr` of a parameter that can be folded, else undefined. */
  const foldable = (s: Statement): { k: string; expr: Expression } | undefined =>
    s.kind === 'SetVariable' && s.op === '=' && params.has(key(s.variable.name)) && !s.cursorOptions && !readsData(s.expr)
      ? { k: key(s.variable.name), expr: s.expr }
      : undefined;
  const assigned = (s: Statement): string[] => (findAll(s as unknown as AnyNode, 'SetVariable') as unknown as { variable: { name: string } }[]).map((x) => key(x.variable.name));

  const visit = (list: readonly Statement[]): boolean => {
    for (const s of list) {
      if (s.span.offset === until.span.offset) return true;
      if (contains(s, until)) {
        // The statement sits inside this one: a block is walked; inside an IF, WHILE or TRY the
        // values depend on the path taken, so folding stops here.
        if (s.kind === 'Block') return visit(s.statements);
        return true;
      }
      const one = foldable(s);
      if (one) {
        if (!unknown.has(one.k)) values.set(one.k, substituteVariables(one.expr, values));
        continue;
      }
      if (s.kind === 'If' && !s.else) {
        const sets = blockOf(s.then).map(foldable);
        if (sets.length && sets.every((x) => x !== undefined) && !readsData(s.condition)) {
          const when = substituteVariables(s.condition, values);
          for (const { k, expr } of sets as { k: string; expr: Expression }[]) {
            if (unknown.has(k)) continue;
            const then = substituteVariables(expr, values);
            values.set(k, { kind: 'Case', span: s.span, whens: [{ when, then }], else: current(k, s.span) } as Expression);
          }
          continue;
        }
        if (isGuard(s.then)) {
          notes.push(`the check at line ${line(s)} stops the procedure with an error; a model cannot, so it is not reproduced`);
          continue;
        }
      }
      lose(assigned(s), s, s.kind === 'SetVariable' ? 'from data or with a compound operator' : `inside ${s.kind.toUpperCase()}`);
    }
    return false;
  };
  visit(body);
  return { values, notes };
}

/** `node` with every variable that has a value replaced by `(value)`; untouched subtrees are shared. */
export function substituteVariables<T>(node: T, values: ReadonlyMap<string, Expression>): T {
  if (!values.size) return node;
  const visit = (n: unknown): unknown => {
    if (Array.isArray(n)) {
      let changed = false;
      const out = n.map((x) => {
        const y = visit(x);
        if (y !== x) changed = true;
        return y;
      });
      return changed ? out : n;
    }
    if (!n || typeof n !== 'object') return n;
    const o = n as Record<string, unknown>;
    if (o.kind === 'Variable' && typeof o.name === 'string') {
      const v = values.get(key(o.name));
      return v ? { kind: 'Paren', span: o.span, expr: v } : n;
    }
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(o)) {
      // Spans and comments are data; a variable assigned to (`SELECT @v = …`, `… INTO @t`) stays a name.
      const target = (k === 'variable' || k === 'target') && (x as { kind?: string } | undefined)?.kind === 'Variable';
      const y = k === 'span' || k === 'comments' || k === 'trailing' || target ? x : visit(x);
      if (y !== x) changed = true;
      out[k] = y;
    }
    return changed ? out : n;
  };
  return visit(node) as T;
}
