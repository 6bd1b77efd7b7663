/** SQL Server types on DuckDB. */
import type { TypeRender } from '../dialect.js';
import type { TypeName } from '../../types.js';

export const DUCKDB_TYPES: Readonly<Record<TypeName, TypeRender>> = {
  bigint: { sql: 'BIGINT' }, int: { sql: 'INTEGER' }, smallint: { sql: 'SMALLINT' }, tinyint: { sql: 'UTINYINT' },
  // bit is numeric in T-SQL (bit = 0, SUM(bit) are idiomatic): a small integer, not BOOLEAN.
  bit: { sql: 'TINYINT' },
  decimal: { sql: (t) => `DECIMAL(${t.args[0] ?? 18}, ${t.args[1] ?? 0})` },
  money: { sql: 'DECIMAL(19, 4)' }, smallmoney: { sql: 'DECIMAL(10, 4)' },
  float: { sql: (t) => (typeof t.args[0] === 'number' && t.args[0] <= 24 ? 'REAL' : 'DOUBLE') }, real: { sql: 'REAL' },
  date: { sql: 'DATE' }, time: { sql: 'TIME' },
  datetime: { sql: 'TIMESTAMP' },
  datetime2: { sql: (t) => (t.args[0] === 7 || t.args[0] === undefined ? 'TIMESTAMP' : 'TIMESTAMP') },
  smalldatetime: { sql: 'TIMESTAMP' },
  datetimeoffset: { sql: 'TIMESTAMPTZ', loss: 'stores the instant; the original offset is not kept' },
  char: { sql: 'VARCHAR' }, nchar: { sql: 'VARCHAR' }, varchar: { sql: 'VARCHAR' }, nvarchar: { sql: 'VARCHAR' },
  text: { sql: 'VARCHAR' }, ntext: { sql: 'VARCHAR' },
  binary: { sql: 'BLOB' }, varbinary: { sql: 'BLOB' }, image: { sql: 'BLOB' }, rowversion: { sql: 'BLOB' },
  uniqueidentifier: { sql: 'UUID' },
  xml: { sql: 'VARCHAR', loss: 'XML is kept as text; no XQuery methods' },
  json: { sql: 'JSON' },
  sql_variant: { sql: 'VARCHAR', loss: 'values keep their text form only' },
  hierarchyid: { sql: 'VARCHAR', loss: 'stored as its path string (/1/2/)' },
  geography: { sql: 'VARCHAR', loss: 'stored as WKT text; load the spatial extension for GEOMETRY' },
  geometry: { sql: 'VARCHAR', loss: 'stored as WKT text; load the spatial extension for GEOMETRY' },
};
