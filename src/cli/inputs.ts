/**
 * What several commands read the same way: `--var NAME=VALUE` lists, and inputs that are either a
 * metadata.json written by `extract` or anything `extract` reads, merged into one catalog.
 */
import { readFileSync } from 'node:fs';
import { extractCatalog } from '../catalog/extract.js';
import { emptyCatalog, type Catalog, type MutableCatalog } from '../catalog/model.js';
import { diagnostic, type Diagnostic, type DiagnosticCode } from '../diagnostics/index.js';

const VAR = /^([A-Za-z_][\w-]*)=(.*)$/s;

/** `--var NAME=VALUE` list → record, or the first malformed entry. */
export function parseVars(list: readonly string[]): { vars: Record<string, string> } | { bad: string } {
  const vars: Record<string, string> = {};
  for (const item of list) {
    const m = VAR.exec(item);
    if (!m) return { bad: item };
    vars[m[1]!] = m[2]!;
  }
  return { vars };
}

/** A metadata.json written by `extract` (as opposed to the JSON of extract-catalog.sql), or undefined. */
export function readCatalogFile(file: string): Catalog | undefined {
  if (!file.toLowerCase().endsWith('.json')) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined; // not ours: let extract decide (it reports unreadable files)
  }
  const c = data as Partial<Catalog>;
  if (c && typeof c === 'object' && c.formatVersion === 1 && Array.isArray(c.tables) && Array.isArray(c.dependencies) && Array.isArray(c.procedures)) return c as Catalog;
  return undefined;
}

export function mergeCatalog(into: MutableCatalog, c: Catalog): void {
  for (const key of ['sources', 'tables', 'views', 'procedures', 'functions', 'triggers', 'sequences', 'types', 'synonyms', 'dependencies', 'diagnostics'] as const) {
    (into[key] as unknown[]).push(...((c[key] ?? []) as unknown[]));
  }
}

/**
 * Reads every input into one catalog: metadata.json files as they are, everything else through
 * `extract`. A file named metadata.json that is not a catalog is reported with `notCatalog`.
 */
export async function readInputs(inputs: readonly string[], vars: Readonly<Record<string, string>>, notCatalog: DiagnosticCode): Promise<{ catalog: MutableCatalog; diagnostics: Diagnostic[] }> {
  const catalog = emptyCatalog();
  const diagnostics: Diagnostic[] = [];
  const others: string[] = [];
  for (const input of inputs) {
    const c = readCatalogFile(input);
    if (c) {
      mergeCatalog(catalog, c);
      diagnostics.push(...(c.diagnostics ?? []));
    } else if (input.toLowerCase().endsWith('metadata.json')) {
      diagnostics.push(diagnostic(notCatalog, { path: input, reason: 'not a catalog with formatVersion 1' }));
    } else others.push(input);
  }
  if (others.length) {
    const r = await extractCatalog(others, { vars });
    mergeCatalog(catalog, r.catalog);
    diagnostics.push(...r.diagnostics);
  }
  return { catalog, diagnostics };
}
