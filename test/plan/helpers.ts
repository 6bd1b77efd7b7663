/** Catalogs for planner tests: the corpus through the extract path, and small estates from SQL text. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extractCatalog } from '../../src/catalog/extract.js';
import type { Catalog } from '../../src/catalog/model.js';

export async function catalogOf(...inputs: string[]): Promise<Catalog> {
  return (await extractCatalog(inputs, {})).catalog;
}

/** A catalog of one script (named `estate.sql`, so the database is called `estate`). */
export async function catalogFromSql(sql: string): Promise<Catalog> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'plan-sql-'));
  try {
    const file = path.join(dir, 'estate.sql');
    writeFileSync(file, sql);
    return await catalogOf(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
