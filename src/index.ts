/** mssql2dbt's public library API; the CLI, HTTP API and UI are thin wrappers over it. */
export * from './tsql/index.js';
export * from './diagnostics/index.js';
export { extractCatalog } from './catalog/extract.js';
export type { Catalog } from './catalog/model.js';
export { transpile, TARGETS, type TargetName, type TranspileOptions, type TranspileResult } from './translate/index.js';
export { assess, renderHtml as renderAssessmentHtml, renderMarkdown as renderAssessmentMarkdown } from './assess/index.js';
export { diffTables } from './validate/index.js';
