/** report.html after `migrate`: the renderer (pure) and the folder reader/writer. See README.md. */
export { renderMigrationReport, modelViews } from './render.js';
export { writeMigrationReport, readMigrationFolder, REPORT_FILE, RUN_FILES, type MigrationReportOutcome } from './write.js';
export { NOT_RUN, type MigrationReportInput, type ModelView } from './model.js';
export { diffLines, diffHtml, findMarkers, highlightMarkers } from './code.js';
