/** The dbt runtime: find dbt, run it in batches, read its results, report versions (see README.md). */
export * from './locate.js';
export * from './dbt.js';
export * from './results.js';
export * from './batch.js';
export * from './versions.js';
export * from './doctor.js';
