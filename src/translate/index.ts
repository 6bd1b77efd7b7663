/** The translator: T-SQL → neutral tree → per-target SQL. See README.md. */
export { transpile, toNeutral, type TranspileOptions, type TranspileResult, type TranslatedStatement } from './transpile.js';
export { getDialect, isTargetName, TARGETS, type TargetName } from './dialects/registry.js';
export type { Dialect, DialectFlags } from './dialects/dialect.js';
export { FUNCTIONS, type FnName } from './functions.js';
export { KNOWN_TSQL_FUNCTIONS } from './lower/functions.js';
