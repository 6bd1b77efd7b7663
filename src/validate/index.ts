/** The evaluator: cross-engine data diff (see README.md). */
export { diffTables, UsageInputError } from './diff.js';
export { connect, ConnectionError, QueryError, DuckDbConnector, PostgresConnector, MssqlConnector, mssqlDescribeSql, type Connector, type ConnectOptions, type Value } from './connector.js';
export { dialectFor, DuckDbDialect, PostgresDialect, MssqlDialect, type ValidateDialect } from './dialect.js';
export { parseType, unify, floatDigits, describeRule, type ColumnInfo, type ColumnType, type CompareRule } from './column-types.js';
export { compareValues, floatsEqual } from './compare.js';
export { scoreOf } from './score.js';
export { parseConnectionUrl, ConnectionUrlError, type ConnectionSpec } from './url.js';
export type * from './types.js';
