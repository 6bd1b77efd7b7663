/** mssql2dbt's public library API; the CLI, HTTP API and UI are thin wrappers over it. */
export * from './tsql/index.js';
export * from './diagnostics/index.js';
