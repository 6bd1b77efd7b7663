/**
 * Every CREATE VIEW of the Northwind and pubs corpus scripts translates to DuckDB and PostgreSQL
 * without error-level diagnostics. The corpus is read in place (../shared/corpus), never copied.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseScript } from '../../src/tsql/index.js';
import { transpile } from '../../src/translate/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CORPUS = ['northwind/instnwnd.sql', 'pubs/instpubs.sql'].map((f) => path.resolve(repoRoot, '../shared/corpus', f));

for (const file of CORPUS) {
  describe.skipIf(!existsSync(file))(`views of ${path.basename(file)}`, () => {
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    const views = parseScript(text, { file }).script.batches.flatMap((b) => b.statements).filter((s) => s.kind === 'CreateView');
    it('has views', () => expect(views.length).toBeGreaterThan(0));
    for (const view of views) {
      const source = text.slice(view.span.offset, view.span.end);
      const name = view.kind === 'CreateView' ? view.name.parts.map((p) => p?.name).join('.') : '';
      for (const to of ['duckdb', 'postgres'] as const) {
        it(`${name} → ${to}`, () => {
          const r = transpile(source, { to, file });
          expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
          expect(r.sql).toMatch(/^CREATE OR REPLACE VIEW /);
        });
      }
    }
  });
}
