/** The assessment stage: `assess(catalog)` and its reports. See README.md. */
export { assess, levelOf, nameWords, normaliseBody, scoreParts } from './assess.js';
export * from './model.js';
export { renderHtml } from './report-html.js';
export { renderMarkdown } from './report-md.js';
export { layoutGraph, type GraphLayout } from './layout.js';
