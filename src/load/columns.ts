/**
 * A catalog table's columns as the loader sees them: the neutral type the translator maps to the
 * target (user alias types resolved to their base type), and the kind of value each column holds.
 * Computed columns are not loaded (SQL Server computes them; the raw table leaves them out).
 */
import type { Catalog, Column, SqlType as CatalogType, Table } from '../catalog/model.js';
import { typeFromTsql, type NeutralType } from '../translate/index.js';

/** How a value of the column is read and written. */
export type ValueKind =
  | 'int' | 'decimal' | 'float' | 'bit' | 'date' | 'datetime' | 'time' | 'datetimeoffset'
  | 'string' | 'binary' | 'uuid' | 'opaque';

export interface LoadColumn {
  readonly name: string;
  /** The neutral type (the translator's vocabulary); varchar when the catalog does not know it. */
  readonly type: NeutralType;
  readonly kind: ValueKind;
  readonly nullable: boolean;
  readonly identity?: { readonly seed: number; readonly increment: number };
  /** The catalog's default expression text, e.g. `(getdate())`. */
  readonly default?: string;
  /** rowversion/timestamp: SQL Server fills it, INSERT lists leave it out. */
  readonly rowversion: boolean;
}

const FALLBACK: NeutralType = { name: 'nvarchar', args: ['max'] };

function argsOf(t: CatalogType): (number | 'MAX')[] {
  if (t.max) return ['MAX'];
  if (t.precision !== undefined) return t.scale !== undefined ? [t.precision, t.scale] : [t.precision];
  if (t.scale !== undefined) return [t.scale];
  if (t.length !== undefined) return [t.length];
  return [];
}

/** Catalog type → neutral type; alias types (sp_addtype, CREATE TYPE … FROM) through their base type. */
export function neutralType(t: CatalogType | undefined, catalog: Catalog): NeutralType | undefined {
  if (!t) return undefined;
  const direct = t.schema === undefined || t.schema.toLowerCase() === 'sys' ? typeFromTsql(t.name, argsOf(t)) : undefined;
  if (direct) return direct;
  const key = t.name.toLowerCase();
  const user = catalog.types.find((u) => u.name.toLowerCase() === key && (t.schema === undefined || u.schema.toLowerCase() === t.schema.toLowerCase()));
  return user?.baseType ? neutralType(user.baseType.schema ? user.baseType : { ...user.baseType }, catalog) : typeFromTsql(t.name, argsOf(t));
}

export function valueKind(t: NeutralType): ValueKind {
  switch (t.name) {
    case 'bigint': case 'int': case 'smallint': case 'tinyint': return 'int';
    case 'decimal': case 'money': case 'smallmoney': return 'decimal';
    case 'float': case 'real': return 'float';
    case 'bit': return 'bit';
    case 'date': return 'date';
    case 'datetime': case 'datetime2': case 'smalldatetime': return 'datetime';
    case 'time': return 'time';
    case 'datetimeoffset': return 'datetimeoffset';
    case 'char': case 'varchar': case 'nchar': case 'nvarchar': case 'text': case 'ntext': case 'xml': case 'json': return 'string';
    case 'binary': case 'varbinary': case 'image': case 'rowversion': return 'binary';
    case 'uniqueidentifier': return 'uuid';
    default: return 'opaque';
  }
}

/** The columns a raw table has and the loader fills, in table order. */
export function loadColumns(table: Table, catalog: Catalog): LoadColumn[] {
  return table.columns.filter((c) => !c.computed).map((c) => toLoadColumn(c, catalog));
}

function toLoadColumn(c: Column, catalog: Catalog): LoadColumn {
  const type = neutralType(c.type, catalog) ?? FALLBACK;
  return {
    name: c.name,
    type,
    kind: valueKind(type),
    nullable: c.nullable,
    ...(c.identity ? { identity: { seed: c.identity.seed, increment: c.identity.increment } } : {}),
    ...(c.default !== undefined ? { default: c.default } : {}),
    rowversion: type.name === 'rowversion',
  };
}
