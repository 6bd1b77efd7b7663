/**
 * A procedure's INSERT stores each value in the declared type of its column: SQL Server converts
 * on the way in (a decimal(18,2) column rounds `Quantity * UnitPrice * (1 - Discount)` to cents,
 * an int column truncates). A model built from the INSERT's SELECT would return the
 * expression's own type instead (a double, a wider decimal) and differ from the table it replaces.
 * So the model's select casts each computed numeric column to the type the replaced table declares.
 */
import type { PlanNode } from '../plan/model.js';
import { ident, type Expr, type Query, type SelectItem } from '../translate/ir.js';
import { typeClass, type SqlType } from '../translate/types.js';
import type { GenContext } from './context.js';
import { objectKey } from './names.js';
import { neutralColumnType } from './column-types.js';

const sameType = (a: SqlType, b: SqlType): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The name a select item gives its column: its alias, else the column it reads. */
const itemName = (c: SelectItem): string | undefined =>
  c.alias?.name ?? (c.expr.kind === 'Col' ? c.expr.parts[c.expr.parts.length - 1]!.name : undefined);

/**
 * `query` with each output column cast to the declared type of the same-named column of the table
 * `node` replaces. Columns the table does not have, or whose type is unknown, are left alone; so
 * is a query whose body is not a plain select (a UNION casts in each branch in the source anyway).
 */
export function castToReplacedTable(ctx: GenContext, node: PlanNode, query: Query): Query {
  const id = node.replaces?.replace(/^table:/, '');
  const dot = id?.indexOf('.') ?? -1;
  const table = id && dot > 0 ? ctx.tables.get(objectKey(id.slice(0, dot), id.slice(dot + 1))) : undefined;
  if (!table || query.body.kind !== 'Select') return query;
  const byName = new Map(table.columns.filter((c) => !c.computed).map((c) => [c.name.toLowerCase(), c]));
  let changed = false;
  const columns = query.body.columns.map((item): SelectItem => {
    const name = itemName(item);
    const column = name ? byName.get(name.toLowerCase()) : undefined;
    const type = column ? neutralColumnType(ctx, column.type) : undefined;
    // A column passed through keeps its (staged, already typed) type: casting every one would bury
    // the model in casts. Computed values are what SQL Server's conversion on INSERT changes.
    // Only exact and approximate numbers: that is where the stored type changes the value (scale,
    // rounding). Integer columns may hold the project's generated (hash, bigint) surrogate keys
    // instead of IDENTITY ints; dates, strings and bits keep their values and would only add noise.
    const cls = type ? typeClass(type) : undefined;
    if (!name || !column || !type || (cls !== 'exact' && cls !== 'approx')) return item;
    if (['Col', 'Lit', 'Param', 'Marked'].includes(item.expr.kind) || (item.expr.kind === 'Cast' && sameType(item.expr.type, type))) return item;
    changed = true;
    const cast: Expr = { kind: 'Cast', expr: item.expr, type, safe: false };
    return { ...item, expr: cast, alias: item.alias ?? ident(name) };
  });
  return changed ? { ...query, body: { ...query.body, columns } } : query;
}
