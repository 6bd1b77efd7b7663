/**
 * Empty raw tables in a generated project's DuckDB file, so real dbt can build every model with
 * `--empty` (zero rows, but every statement planned and executed by DuckDB). Tables are created
 * through the translator (T-SQL CREATE TABLE → DuckDB), in the schema and under the identifier the
 * plan's source nodes name — where the loader will put the data.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import type { Catalog } from '../../src/catalog/model.js';
import type { MigrationPlan } from '../../src/plan/model.js';
import { transpile } from '../../src/translate/index.js';

const bracket = (s: string): string => `[${s.replace(/]/g, ']]')}]`;

function typeText(t: NonNullable<Catalog['tables'][number]['columns'][number]['type']>, catalog: Catalog): string {
  if (t.schema) {
    const alias = catalog.types.find((u) => u.schema === t.schema && u.name === t.name)?.baseType;
    return alias ? typeText(alias, catalog) : 'nvarchar(max)';
  }
  if (t.max) return `${t.name}(max)`;
  if (t.precision !== undefined && ['decimal', 'numeric'].includes(t.name)) return `${t.name}(${t.precision}, ${t.scale ?? 0})`;
  if (t.length !== undefined && /char|binary/.test(t.name)) return `${t.name}(${t.length})`;
  return t.name === 'timestamp' ? 'binary(8)' : t.name;
}

export async function createRawTables(file: string, plan: MigrationPlan, catalog: Catalog): Promise<void> {
  const ddl: string[] = [];
  for (const n of plan.nodes) {
    if (n.disposition !== 'source' || !n.raw) continue;
    const t = catalog.tables.find((x) => x.schema === n.source.schema && x.name === n.source.name);
    if (!t) continue;
    const cols = t.columns.map((c) => `${bracket(c.name)} ${c.type ? typeText(c.type, catalog) : 'nvarchar(max)'}`);
    const { sql } = transpile(`CREATE TABLE ${bracket(n.raw.schema)}.${bracket(n.raw.identifier)} (${cols.join(', ')});`, { to: 'duckdb', schemas: {} });
    ddl.push(`CREATE SCHEMA IF NOT EXISTS ${n.raw.schema};`, sql);
  }
  const db = await DuckDBInstance.create(file);
  const conn = await db.connect();
  try {
    for (const s of ddl) await conn.run(s);
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}
