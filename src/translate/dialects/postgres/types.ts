/** SQL Server types on PostgreSQL. */
import type { TypeRender } from '../dialect.js';
import type { SqlType, TypeName } from '../../types.js';

const len = (base: string, fallback?: number) => (t: SqlType) => {
  const n = t.args[0];
  if (n === 'max') return 'TEXT';
  return n !== undefined ? `${base}(${n})` : fallback !== undefined ? `${base}(${fallback})` : base;
};
const frac = (t: SqlType, def: number) => Math.min(typeof t.args[0] === 'number' ? t.args[0] : def, 6);

export const POSTGRES_TYPES: Readonly<Record<TypeName, TypeRender>> = {
  bigint: { sql: 'BIGINT' }, int: { sql: 'INTEGER' }, smallint: { sql: 'SMALLINT' },
  tinyint: { sql: 'SMALLINT' },
  // bit is numeric in T-SQL (bit = 0 is idiomatic): keep it a small integer, not boolean.
  bit: { sql: 'SMALLINT' },
  decimal: { sql: (t) => `NUMERIC(${t.args[0] ?? 18}, ${t.args[1] ?? 0})` },
  money: { sql: 'NUMERIC(19, 4)' }, smallmoney: { sql: 'NUMERIC(10, 4)' },
  float: { sql: (t) => (typeof t.args[0] === 'number' && t.args[0] <= 24 ? 'REAL' : 'DOUBLE PRECISION') }, real: { sql: 'REAL' },
  date: { sql: 'DATE' },
  time: { sql: (t) => `TIME(${frac(t, 7)})` },
  datetime: { sql: 'TIMESTAMP(3)' },
  datetime2: { sql: (t) => `TIMESTAMP(${frac(t, 7)})` },
  smalldatetime: { sql: 'TIMESTAMP(0)' },
  datetimeoffset: { sql: 'TIMESTAMPTZ', loss: 'stores the instant; the original offset is not kept' },
  char: { sql: len('CHAR', 1) }, nchar: { sql: len('CHAR', 1) },
  varchar: { sql: len('VARCHAR') }, nvarchar: { sql: len('VARCHAR') },
  text: { sql: 'TEXT' }, ntext: { sql: 'TEXT' },
  binary: { sql: 'BYTEA' }, varbinary: { sql: 'BYTEA' }, image: { sql: 'BYTEA' }, rowversion: { sql: 'BYTEA' },
  uniqueidentifier: { sql: 'UUID' },
  xml: { sql: 'XML' },
  json: { sql: 'JSONB' },
  sql_variant: { sql: 'TEXT', loss: 'values keep their text form only' },
  hierarchyid: { sql: 'TEXT', loss: 'stored as its path string (/1/2/); hierarchy methods are not available' },
  geography: { sql: 'TEXT', loss: 'stored as WKT text; use PostGIS for spatial functions' },
  geometry: { sql: 'TEXT', loss: 'stored as WKT text; use PostGIS for spatial functions' },
};
