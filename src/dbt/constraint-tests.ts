/**
 * dbt data tests derived from a table's constraints, as typed YAML fragments:
 * PRIMARY KEY → unique + not_null (composite: the shipped `unique_combination` test), UNIQUE → the
 * same, FOREIGN KEY → relationships, NOT NULL → not_null, CHECK `col IN (…)` → accepted_values,
 * CHECK ranges (`col >= 0 AND col <= 1`, BETWEEN) → the shipped `value_in_range` test, any other CHECK
 * → the shipped `expression_is_true` with the translated expression.
 */
import type { Table } from '../catalog/model.js';
import { diagnostic } from '../diagnostics/index.js';
import type { Expr } from '../translate/ir.js';
import { translateStatement } from '../translate/index.js';
import { parseScript } from '../tsql/index.js';
import type { GenContext } from './context.js';
import { nodeFor, relationOf } from './relations.js';

/** A test as it appears in YAML: `not_null` or `{ relationships: { arguments: … } }`. */
export type YamlTest = string | Readonly<Record<string, unknown>>;

export interface TableTests {
  readonly columns: ReadonlyMap<string, YamlTest[]>;
  readonly model: readonly YamlTest[];
}

const lower = (s: string): string => s.toLowerCase();

export function constraintTests(ctx: GenContext, table: Table): TableTests {
  const columns = new Map<string, YamlTest[]>();
  const model: YamlTest[] = [];
  const real = new Map(table.columns.map((c) => [lower(c.name), c.name]));
  const add = (col: string, t: YamlTest) => {
    const name = real.get(lower(col));
    if (!name) return;
    const list = columns.get(name) ?? [];
    if (!list.some((x) => JSON.stringify(x) === JSON.stringify(t))) list.push(t);
    columns.set(name, list);
  };
  for (const key of [...(table.primaryKey ? [table.primaryKey] : []), ...table.uniqueKeys]) {
    const isPk = key === table.primaryKey;
    if (key.columns.length === 1) {
      add(key.columns[0]!, 'unique');
      if (isPk) add(key.columns[0]!, 'not_null');
    } else if (key.columns.length > 1) {
      model.push({ unique_combination: { arguments: { columns: key.columns.map((c) => real.get(lower(c)) ?? c) } } });
    }
  }
  for (const c of table.columns) if (!c.nullable && !c.computed) add(c.name, 'not_null');
  for (const fk of table.foreignKeys) {
    if (fk.columns.length !== 1 || fk.referencedColumns.length !== 1) continue;
    const node = nodeFor(ctx, 'table', fk.referencedTable.schema, fk.referencedTable.name);
    if (!node) continue;
    const to = relationOf(node).replace(/^\{\{ | \}\}$/g, '');
    add(fk.columns[0]!, { relationships: { arguments: { to, field: fk.referencedColumns[0]! } } });
  }
  for (const check of table.checks) {
    for (const t of checkTests(ctx, table, check.expression)) {
      ctx.diagnostics.push(diagnostic('MD4055', { name: check.name ?? check.expression, table: `${table.schema}.${table.name}`, test: Object.keys(t.test)[0] ?? String(t.test) }));
      if (t.column) add(t.column, t.test);
      else model.push(t.test);
    }
  }
  return { columns, model };
}

interface Bound { min?: string; max?: string; minInclusive?: boolean; maxInclusive?: boolean }

const unparen = (e: Expr): Expr => (e.kind === 'Paren' ? unparen(e.expr) : e);
const colName = (e: Expr): string | undefined => {
  const x = unparen(e);
  return x.kind === 'Col' ? x.parts[x.parts.length - 1]!.name : undefined;
};
const literal = (e: Expr): { value: string; type: string } | undefined => {
  const x = unparen(e);
  if (x.kind === 'Lit' && x.type !== 'null') return { value: x.value, type: x.type };
  if (x.kind === 'Unary' && x.op === '-' && unparen(x.operand).kind === 'Lit') {
    const l = literal(x.operand);
    return l ? { value: `-${l.value}`, type: l.type } : undefined;
  }
  return undefined;
};
const FLIP: Record<string, string> = { '<': '>', '>': '<', '<=': '>=', '>=': '<=' };

/** The tests one CHECK expression becomes. */
function checkTests(ctx: GenContext, table: Table, expression: string): { column?: string; test: YamlTest }[] {
  const { script, diagnostics } = parseScript(`SELECT 1 FROM t WHERE ${expression}`);
  const stmt = script.batches[0]?.statements[0];
  if (!stmt || diagnostics.some((d) => d.severity === 'error')) return [];
  const t = translateStatement(stmt, { to: ctx.sqlDialect });
  if (t.neutral.kind !== 'QueryStmt' || t.neutral.query.body.kind !== 'Select' || !t.neutral.query.body.where) return [];
  const where = t.neutral.query.body.where;
  const conj: Expr[] = [];
  const split = (e: Expr): void => {
    const x = unparen(e);
    if (x.kind === 'Binary' && x.op === 'AND') {
      split(x.left);
      split(x.right);
    } else conj.push(x);
  };
  split(where);
  const bounds = new Map<string, Bound>();
  const out: { column?: string; test: YamlTest }[] = [];
  const generic = (): { column?: string; test: YamlTest }[] => [{ test: { expression_is_true: { arguments: { expression: t.print(where) } } } }];
  for (const x of conj) {
    if (x.kind === 'InList' && !x.not && colName(x.expr) && x.list.every((v) => literal(v))) {
      const lits = x.list.map((v) => literal(v)!);
      const quote = lits.every((l) => l.type === 'string');
      out.push({ column: colName(x.expr)!, test: { accepted_values: { arguments: { values: lits.map((l) => (quote ? l.value : Number(l.value))), ...(quote ? {} : { quote: false }) } } } });
      continue;
    }
    if (x.kind === 'Between' && !x.not && colName(x.expr) && literal(x.low) && literal(x.high)) {
      const b = bounds.get(colName(x.expr)!) ?? {};
      bounds.set(colName(x.expr)!, { ...b, min: literal(x.low)!.value, minInclusive: true, max: literal(x.high)!.value, maxInclusive: true });
      continue;
    }
    if (x.kind === 'Binary' && FLIP[x.op]) {
      let col = colName(x.left);
      let lit = literal(x.right);
      let op = x.op;
      if (!col || !lit) {
        col = colName(x.right);
        lit = literal(x.left);
        op = FLIP[x.op] as typeof op;
      }
      if (col && lit && lit.type !== 'string') {
        const b = bounds.get(col) ?? {};
        if (op === '>' || op === '>=') bounds.set(col, { ...b, min: lit.value, minInclusive: op === '>=' });
        else bounds.set(col, { ...b, max: lit.value, maxInclusive: op === '<=' });
        continue;
      }
    }
    return generic();
  }
  for (const [column, b] of bounds) {
    const args: Record<string, unknown> = {};
    if (b.min !== undefined) Object.assign(args, { min_value: Number(b.min), ...(b.minInclusive ? {} : { inclusive_min: false }) });
    if (b.max !== undefined) Object.assign(args, { max_value: Number(b.max), ...(b.maxInclusive ? {} : { inclusive_max: false }) });
    out.push({ column, test: { value_in_range: { arguments: args } } });
  }
  void table;
  return out;
}
