/** Loading source data into the target's raw schema. See README.md. */
export { loadSourceData } from './load.js';
export type { Cell, DataSourceKind, LoadOptions, LoadProgress, LoadReport, LoadTableInput, LoadTarget, Row, TableLoadReport } from './model.js';
export { loadColumns, type LoadColumn, type ValueKind } from './columns.js';
export { RawDdl } from './ddl.js';
export { liveSelectSql } from './sources/live.js';
