/**
 * T-SQL built-ins the translator recognises but cannot translate: they read SQL Server's own state
 * (catalog ids, CATCH-block error state, identity counters, client connection) or have semantics no
 * target function shares. Lowered to `SqlServerOnly` (the name kept): T-SQL targets print the call
 * back, every other target prints it behind an MD3001 marker that gives the reason below.
 */
const CATCH = 'only meaningful inside a CATCH block; on the target a failing statement stops the run and the runner reports the error';
const CATALOG = "reads SQL Server's catalog (object ids); query information_schema on the target instead";
const OFFSET = 'datetimeoffset keeps its offset with the value; the targets store an instant and show it in the session time zone';

export const SQL_SERVER_ONLY: Readonly<Record<string, string>> = {
  ERROR_MESSAGE: CATCH, ERROR_NUMBER: CATCH, ERROR_LINE: CATCH, ERROR_PROCEDURE: CATCH, ERROR_SEVERITY: CATCH, ERROR_STATE: CATCH,
  XACT_STATE: 'transaction state inside a CATCH block; a failing statement aborts the transaction on the target',
  OBJECT_ID: CATALOG, OBJECT_NAME: CATALOG, OBJECT_SCHEMA_NAME: CATALOG, COL_LENGTH: CATALOG,
  SCOPE_IDENTITY: 'identity values of the last insert; use RETURNING or a sequence on the target',
  IDENT_CURRENT: 'identity counter of a table; use a sequence on the target',
  ROWCOUNT_BIG: 'rows affected by the previous statement; the runner (dbt) reports it',
  HOST_NAME: 'a property of the client connection', APP_NAME: 'a property of the client connection',
  COMPRESS: 'GZip of a value into varbinary; no SQL function on the targets', DECOMPRESS: 'GZip of a value into varbinary; no SQL function on the targets',
  CHECKSUM_AGG: "SQL Server's own checksum algorithm; compare with a hash aggregate computed on the target",
  DATETIMEOFFSETFROMPARTS: OFFSET, TODATETIMEOFFSET: OFFSET, SWITCHOFFSET: OFFSET,
  CURRENT_TIMEZONE: "the server's Windows time zone name",
  JSON_MODIFY: "SQL Server's JSON update (lax paths, append, NULL deletes); rewrite with the target's JSON functions",
};

/** Built-ins translated in their common forms only; the other forms are kept the same way, with this reason. */
export const UNTRANSLATED_FORMS: Readonly<Record<string, string>> = {
  FORMAT: 'this pattern or culture is not among the translated ones (custom date patterns, N/F/D, 0.00, #,##0.00; en-US)',
  STR: 'length and decimals must be integer literals',
  HASHBYTES: 'the algorithm must be a literal MD5, SHA1, SHA2_256 or SHA2_512',
  STRING_ESCAPE: "only the 'json' type exists",
  DATE_BUCKET: 'this datepart or origin has no translation here',
  STRING_SPLIT: 'enable_ordinal must be the literal 0 or 1',
  QUOTENAME: "the quote character must be a literal [ ] \" ' or `",
  ISJSON: 'the type constraint must be VALUE, ARRAY, OBJECT or SCALAR',
  DATETIME2FROMPARTS: 'precision must be an integer literal',
  TIMEFROMPARTS: 'precision must be an integer literal',
  REGEXP_LIKE: 'only the c and i flags are translated', REGEXP_COUNT: 'start must be 1; only the c and i flags are translated',
  REGEXP_SUBSTR: 'start, occurrence and group must be the defaults; only the c and i flags are translated',
  REGEXP_INSTR: 'start, occurrence, return option and group must be the defaults; only the c and i flags are translated',
  REGEXP_REPLACE: 'start must be 1 and occurrence 0 or 1; only the c and i flags are translated',
};
