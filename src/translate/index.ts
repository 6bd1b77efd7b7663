/** The translator: T-SQL → neutral tree → per-target SQL. See README.md. */
export { transpile, toNeutral, type TranspileOptions, type TranspileResult, type TranslatedStatement } from './transpile.js';
export { translateStatement, type StatementTranslation } from './transpile.js';
export type { RelationName, RelationResolver } from './passes/index.js';
export type { ColumnResolver, TableColumn } from './scope.js';
export { getDialect, isTargetName, TARGETS, type TargetName } from './dialects/registry.js';
export type { Dialect, DialectFlags } from './dialects/dialect.js';
export { FUNCTIONS, type FnName } from './functions.js';
export { KNOWN_TSQL_FUNCTIONS } from './lower/functions.js';
// For the loader (src/load): raw tables are created with the translator's own type map and identifier
// printing, so translated views resolve them; date strings are read as the INSERT pass reads them.
export { Generator } from './generate/generator.js';
export { typeFromTsql, typeClass, type SqlType as NeutralType, type TypeName } from './types.js';
export { readDate, type DateFormat } from './passes/insert-literal-types.js';
