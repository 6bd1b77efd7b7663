/**
 * Reads the saved output of extract-catalog.sql (air-gapped sites run it by hand and send us the
 * file). sqlcmd or SSMS may add a header line or trailing text, so the document is taken from the
 * first `{` to the last `}`.
 */
import fs from 'node:fs';
import { diagnostic } from '../../diagnostics/index.js';
import { emptyCatalog, type Catalog, type MutableCatalog } from '../model.js';
import { extractShapeProblem, rowsToCatalog, type ExtractDocument } from './rows.js';

export function readExtractJsonCatalog(file: string): Catalog {
  const catalog = emptyCatalog();
  readExtractJson(file, catalog);
  return catalog;
}

export function readExtractJson(file: string, catalog: MutableCatalog): void {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    catalog.diagnostics.push(diagnostic('MD1001', { path: file, reason: err instanceof Error ? err.message : String(err) }));
    return;
  }
  const doc = parseExtractText(text);
  if (typeof doc === 'string') {
    catalog.diagnostics.push(diagnostic('MD2022', { path: file, reason: doc }));
    return;
  }
  rowsToCatalog(doc, { kind: 'extract-json', path: file }, catalog);
}

/** The extract document, or the reason the text is not one. */
export function parseExtractText(text: string): ExtractDocument | string {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end < start) return 'no JSON object in the file';
  let doc: unknown;
  try {
    doc = JSON.parse(text.slice(start, end + 1));
  } catch (err) {
    return `not valid JSON (${err instanceof Error ? err.message : String(err)}); was the output cut off? Use sqlcmd -y 0 or SSMS "Results to File"`;
  }
  return extractShapeProblem(doc) ?? (doc as ExtractDocument);
}
