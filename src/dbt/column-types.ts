/**
 * The catalog's column types for the translator (option `columns`): a table or view named in a
 * model's SQL is looked up as the relations resolver does (one-part names in the module's schema,
 * then dbo), and its columns are given with their neutral types, so the translator resolves column
 * references by scope and keeps SQL Server's typing (`+` on strings, real arithmetic, ISNULL …).
 */
import type { SqlType as CatalogType } from '../catalog/model.js';
import { typeFromTsql, type ColumnResolver, type NeutralType, type TableColumn } from '../translate/index.js';
import type { GenContext } from './context.js';
import { objectKey } from './names.js';

/** A catalog type as the translator's neutral type (alias types through their base type); undefined when unmapped. */
export function neutralColumnType(ctx: GenContext, t: CatalogType | undefined, depth = 0): NeutralType | undefined {
  if (!t || depth > 8) return undefined;
  if (t.schema && t.schema.toLowerCase() !== 'sys') {
    const alias = ctx.catalog.types.find((u) => u.schema.toLowerCase() === t.schema!.toLowerCase() && u.name.toLowerCase() === t.name.toLowerCase());
    return alias?.baseType ? neutralColumnType(ctx, alias.baseType, depth + 1) : undefined;
  }
  const name = t.name.toLowerCase();
  const args: (number | 'MAX')[] = t.max ? ['MAX']
    : t.precision !== undefined && ['decimal', 'numeric', 'dec'].includes(name) ? [t.precision, t.scale ?? 0]
    : t.length !== undefined && /char|binary/.test(name) ? [t.length]
    : t.scale !== undefined && ['datetime2', 'time', 'datetimeoffset'].includes(name) ? [t.scale]
    : t.precision !== undefined && name === 'float' ? [t.precision]
    : [];
  return typeFromTsql(name, args);
}

/** The resolver for one model: `moduleSchema` is where one-part names are looked up first (then dbo). */
export function catalogColumns(ctx: GenContext, moduleSchema: string): ColumnResolver {
  return (n) => {
    if (n.server || n.name.startsWith('#')) return undefined;
    if (n.database && ctx.database && n.database.toLowerCase() !== ctx.database.toLowerCase()) return undefined;
    for (const schema of n.schema ? [n.schema] : [moduleSchema, 'dbo']) {
      const key = objectKey(schema, n.name);
      const table = ctx.tables.get(key);
      if (table) return table.columns.map((c): TableColumn => ({ name: c.name, ...typed(neutralColumnType(ctx, c.type)) }));
      const view = ctx.views.get(key);
      if (view) return view.columns.length ? view.columns.map((c): TableColumn => ({ name: c.name, ...typed(neutralColumnType(ctx, c.type)) })) : undefined;
    }
    return undefined;
  };
}

const typed = (type: NeutralType | undefined): { type?: NeutralType } => (type ? { type } : {});
