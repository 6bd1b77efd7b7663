/**
 * Neutral SQL types. The vocabulary is SQL Server's (the source decides what information exists);
 * each dialect maps every name in `TYPE_NAMES` (a Record over them, so none can be forgotten).
 */
export const TYPE_NAMES = [
  'bigint', 'int', 'smallint', 'tinyint', 'bit', 'decimal', 'money', 'smallmoney', 'float', 'real',
  'date', 'time', 'datetime', 'datetime2', 'smalldatetime', 'datetimeoffset',
  'char', 'varchar', 'nchar', 'nvarchar', 'text', 'ntext',
  'binary', 'varbinary', 'image', 'uniqueidentifier', 'xml', 'sql_variant', 'rowversion',
  'hierarchyid', 'geography', 'geometry', 'json',
] as const;

export type TypeName = (typeof TYPE_NAMES)[number];

export interface SqlType {
  readonly name: TypeName;
  /** Length, precision/scale or fractional-second digits; 'max' for (n)varchar(max). */
  readonly args: readonly (number | 'max')[];
}

/** Coarse classes used for inference (is this `+` a concatenation?) and rewrites. */
export type TypeClass = 'string' | 'integer' | 'exact' | 'approx' | 'date' | 'datetime' | 'time' | 'bool' | 'binary' | 'other';

const ALIASES: Readonly<Record<string, TypeName>> = {
  integer: 'int', numeric: 'decimal', dec: 'decimal', 'double precision': 'float', character: 'char',
  'char varying': 'varchar', 'character varying': 'varchar', 'national char': 'nchar', 'national character': 'nchar',
  'national char varying': 'nvarchar', 'national character varying': 'nvarchar', timestamp: 'rowversion',
  sysname: 'nvarchar', 'binary varying': 'varbinary',
};

/** A T-SQL type name (any case, aliases included) → neutral type; undefined for user alias types. */
export function typeFromTsql(name: string, args: readonly (number | 'MAX')[]): SqlType | undefined {
  const lower = name.toLowerCase();
  const normalised = (TYPE_NAMES as readonly string[]).includes(lower) ? (lower as TypeName) : ALIASES[lower];
  if (!normalised) return undefined;
  const a = args.map((x) => (x === 'MAX' ? 'max' : x));
  // sysname is nvarchar(128) by definition.
  if (lower === 'sysname') return { name: 'nvarchar', args: [128] };
  return { name: normalised, args: a };
}

export function typeClass(t: SqlType): TypeClass {
  switch (t.name) {
    case 'char': case 'varchar': case 'nchar': case 'nvarchar': case 'text': case 'ntext': case 'uniqueidentifier': case 'xml': case 'json':
      return 'string';
    case 'bigint': case 'int': case 'smallint': case 'tinyint':
      return 'integer';
    case 'decimal': case 'money': case 'smallmoney':
      return 'exact';
    case 'float': case 'real':
      return 'approx';
    case 'date':
      return 'date';
    case 'datetime': case 'datetime2': case 'smalldatetime': case 'datetimeoffset':
      return 'datetime';
    case 'time':
      return 'time';
    case 'bit':
      return 'bool';
    case 'binary': case 'varbinary': case 'image': case 'rowversion':
      return 'binary';
    default:
      return 'other';
  }
}

export const t = (name: TypeName, ...args: (number | 'max')[]): SqlType => ({ name, args });
