/**
 * Reading names and types out of AST nodes in the catalog's terms: an ObjectName becomes server /
 * database / schema / name parts, a DataType a `SqlType`.
 */
import type { DataType, Expression, ObjectName } from '../../tsql/index.js';
import type { SqlType } from '../model.js';

export interface NameParts {
  readonly server?: string;
  readonly database?: string;
  readonly schema?: string;
  readonly name: string;
}

/** Splits `server.database.schema.object`; a skipped part (`db..t`) is left out. */
export function nameParts(n: ObjectName): NameParts {
  const parts = n.parts;
  const at = (fromEnd: number): string | undefined => {
    const p = parts[parts.length - fromEnd];
    return p ? p.name : undefined;
  };
  const server = parts.length >= 4 ? at(4) : undefined;
  const database = parts.length >= 3 ? at(3) : undefined;
  const schema = parts.length >= 2 ? at(2) : undefined;
  return {
    name: at(1) ?? '',
    ...(server !== undefined ? { server } : {}),
    ...(database !== undefined ? { database } : {}),
    ...(schema !== undefined ? { schema } : {}),
  };
}

/** `[schema].[name]` → { schema, name } with `dbo` (or the given default) for a one-part name. */
export function schemaAndName(n: ObjectName, defaultSchema = 'dbo'): { schema: string; name: string } {
  const p = nameParts(n);
  return { schema: p.schema ?? defaultSchema, name: p.name };
}

/** SQL Server's system data types (lower case); anything else is a user-defined (alias/CLR/table) type. */
export const SYSTEM_TYPES = new Set([
  'bigint', 'int', 'smallint', 'tinyint', 'bit', 'decimal', 'numeric', 'money', 'smallmoney', 'float', 'real',
  'date', 'time', 'datetime', 'datetime2', 'datetimeoffset', 'smalldatetime',
  'char', 'varchar', 'text', 'nchar', 'nvarchar', 'ntext', 'binary', 'varbinary', 'image',
  'uniqueidentifier', 'xml', 'sql_variant', 'hierarchyid', 'geometry', 'geography', 'timestamp', 'rowversion',
  'sysname', 'cursor', 'table', 'json', 'vector',
  // ISO synonyms that SQL Server accepts in DDL.
  'integer', 'dec', 'double precision', 'character', 'national character', 'char varying', 'character varying', 'national char', 'national character varying', 'national char varying',
]);

const LENGTH_TYPES = new Set(['char', 'varchar', 'nchar', 'nvarchar', 'binary', 'varbinary', 'character', 'character varying', 'char varying', 'national character', 'national char', 'national character varying', 'national char varying']);
const PRECISION_TYPES = new Set(['decimal', 'numeric', 'dec']);
const SCALE_TYPES = new Set(['time', 'datetime2', 'datetimeoffset']);

/** A declared data type as the catalog keeps it: system type names in lower case, user types with their schema. */
export function sqlTypeOf(t: DataType): SqlType {
  const p = nameParts(t.name);
  const lower = p.name.toLowerCase();
  const system = SYSTEM_TYPES.has(lower) && (p.schema === undefined || p.schema.toLowerCase() === 'sys');
  const name = system ? lower : p.name;
  const out: { -readonly [K in keyof SqlType]: SqlType[K] } = { name };
  if (!system) out.schema = p.schema ?? 'dbo';
  const [a, b] = t.args;
  if (a === 'MAX') out.max = true;
  else if (a !== undefined) {
    if (system && PRECISION_TYPES.has(lower)) {
      out.precision = a;
      if (typeof b === 'number') out.scale = b;
    } else if (system && SCALE_TYPES.has(lower)) out.scale = a;
    else if (system && lower === 'float') out.precision = a;
    else if (system && LENGTH_TYPES.has(lower)) out.length = a;
    else {
      // An unusual type with arguments: keep them in the most neutral slots.
      out.precision = a;
      if (typeof b === 'number') out.scale = b;
    }
  }
  return out;
}

/** Reads `'varchar(11)'` (the physical type argument of sp_addtype) as a SqlType; undefined if it is not one. */
export function sqlTypeFromText(text: string): SqlType | undefined {
  const m = /^\s*\[?([A-Za-z_][\w ]*?)\]?\s*(?:\(\s*(max|\d+)\s*(?:,\s*(\d+)\s*)?\))?\s*$/i.exec(text);
  if (!m) return undefined;
  const args: (number | 'MAX')[] = [];
  if (m[2] !== undefined) args.push(m[2].toLowerCase() === 'max' ? 'MAX' : Number(m[2]));
  if (m[3] !== undefined) args.push(Number(m[3]));
  const span = { file: '', line: 1, col: 1, offset: 0, end: 0 };
  return sqlTypeOf({
    kind: 'DataType',
    span,
    args,
    name: { kind: 'ObjectName', span, parts: [{ kind: 'Identifier', name: m[1]!, quote: 'none', span }] },
  });
}

/** A constant number (`1`, `-1`, `(10)`) or undefined. */
export function numberOf(e: Expression | undefined): number | undefined {
  if (!e) return undefined;
  if (e.kind === 'Literal' && (e.type === 'integer' || e.type === 'decimal' || e.type === 'float')) return Number(e.value);
  if (e.kind === 'Paren') return numberOf(e.expr);
  if (e.kind === 'Unary' && (e.op === '-' || e.op === '+')) {
    const n = numberOf(e.operand);
    return n === undefined ? undefined : e.op === '-' ? -n : n;
  }
  return undefined;
}

/** The text of a string literal or a bare name (`sp_addtype id, 'varchar(11)'`), else undefined. */
export function constantText(e: Expression | undefined): string | undefined {
  if (!e) return undefined;
  if (e.kind === 'Literal' && e.type !== 'null') return e.value;
  if (e.kind === 'ColumnRef' && e.name.parts.length === 1) return e.name.parts[0]?.name;
  if (e.kind === 'Paren') return constantText(e.expr);
  return undefined;
}
