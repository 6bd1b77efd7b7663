/** The Executor: writes the dbt project for a migration plan. See README.md. */
export { writeDbtProject, buildDbtProject } from './project.js';
export { DBT_TARGETS, type DbtTarget, type ConnectionSettings, type GenerateOptions, type GenerateReport, type GeneratedFile, type WriteOutcome } from './model.js';
export { MANIFEST } from './write-files.js';
