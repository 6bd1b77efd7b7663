/**
 * Table-driven execution tests: each case is T-SQL plus the result SQL Server documents for it,
 * and a per-engine record (the type requires every executed engine) saying whether the
 * translation must match exactly, is known to differ (with the rows it gives and why), or is
 * unsupported (then a diagnostic must say so). Cases are translated with transpile() and run on
 * in-memory DuckDB and a throwaway PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transpile, typeFromTsql, type ColumnResolver, type TableColumn } from '../../src/translate/index.js';
import { parseScript } from '../../src/tsql/index.js';
import { openDuckDb } from '../helpers/duckdb.js';
import { normaliseValue, type Row } from '../helpers/normalise.js';
import { startPostgres } from '../helpers/postgres.js';

export const ENGINES = ['duckdb', 'postgres'] as const;
export type Engine = (typeof ENGINES)[number];

export type Expectation = 'exact' | { readonly unsupported: string } | { readonly rows: readonly Row[]; readonly why: string };

export interface ExecCase {
  readonly name: string;
  readonly tsql: string;
  /** The result SQL Server gives (from the cited page), one array per row. */
  readonly rows: readonly Row[];
  /** Microsoft's reference page the expected rows come from. */
  readonly doc: string;
  /** Rows are compared in order (the query has ORDER BY); otherwise as a sorted multiset. */
  readonly ordered?: boolean;
  readonly collation?: 'ci' | 'cs';
  readonly on: Readonly<Record<Engine, Expectation>>;
}

export const EXACT: Readonly<Record<Engine, Expectation>> = { duckdb: 'exact', postgres: 'exact' };

/** A case that must match on both engines. */
export function c(name: string, tsql: string, rows: readonly Row[], doc: string, extra: Partial<ExecCase> = {}): ExecCase {
  return { name, tsql, rows, doc, on: EXACT, ...extra };
}

/** One-value shorthand: `SELECT expr` must give one row with one value. */
export function v(name: string, expr: string, value: string | null, doc: string, extra: Partial<ExecCase> = {}): ExecCase {
  return c(name, `SELECT ${expr}`, [[value]], doc, extra);
}

const sortRows = (rows: readonly Row[]) => [...rows].map((r) => JSON.stringify(r)).sort();

interface Handle {
  query(sql: string): Promise<Row[]>;
  exec(sql: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The columns of the tables the setup creates, as the dbt generator hands the catalog's: cases then
 * translate with their column types known (typed `+`, division, collation), as in a real project.
 */
function setupColumns(setup: string): ColumnResolver {
  const tables = new Map<string, TableColumn[]>();
  for (const batch of parseScript(setup, { file: 'setup.sql' }).script.batches) {
    for (const s of batch.statements) {
      if (s.kind !== 'CreateTable') continue;
      const columns: TableColumn[] = [];
      for (const el of s.elements) {
        if (el.kind !== 'ColumnDefinition') continue;
        const type = el.type && el.type.name.parts.length === 1 ? typeFromTsql(el.type.name.parts[0]!.name, el.type.args) : undefined;
        columns.push({ name: el.name.name, ...(type ? { type } : {}) });
      }
      tables.set(s.name.parts.at(-1)!.name.toLowerCase(), columns);
    }
  }
  return (n) => tables.get(n.name.toLowerCase());
}

async function open(engine: Engine): Promise<Handle> {
  return engine === 'duckdb' ? openDuckDb() : startPostgres();
}

/**
 * Registers one describe block per engine. `setup` is T-SQL (CREATE TABLE / INSERT) translated for
 * the engine before the cases run.
 */
export function runCases(title: string, cases: readonly ExecCase[], setup = ''): void {
  const columns = setupColumns(setup);
  for (const engine of ENGINES) {
    describe(`${title} on ${engine}`, () => {
      let db: Handle;
      beforeAll(async () => {
        db = await open(engine);
        await db.exec('CREATE SCHEMA IF NOT EXISTS dbo');
        if (setup) {
          const t = transpile(setup, { to: engine });
          const errors = t.diagnostics.filter((d) => d.severity === 'error');
          if (errors.length) throw new Error(`setup does not translate: ${errors.map((d) => d.message).join('; ')}`);
          for (const stmt of t.sql.split(/;\n\n/)) if (stmt.trim()) await db.exec(stmt.replace(/;$/, ''));
        }
      }, 60_000);
      afterAll(async () => {
        await db?.stop();
      });
      for (const k of cases) {
        const exp = k.on[engine];
        const label = exp === 'exact' ? k.name : 'unsupported' in exp ? `${k.name} (unsupported, diagnosed)` : `${k.name} (known difference)`;
        it(label, async () => {
          const t = transpile(k.tsql, { to: engine, collation: k.collation ?? 'ci', columns });
          if (exp !== 'exact' && 'unsupported' in exp) {
            expect(t.diagnostics.some((d) => d.severity !== 'info' && d.code.startsWith('MD3'))).toBe(true);
            return;
          }
          expect(t.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
          let got: Row[];
          try {
            got = await db.query(t.sql.replace(/;$/, ''));
          } catch (err) {
            throw new Error(`${(err as Error).message}\n--- translated SQL:\n${t.sql}`);
          }
          const want = (exp === 'exact' ? k.rows : exp.rows).map((r) => r.map(normaliseValue));
          if (k.ordered) expect(got, t.sql).toEqual(want);
          else expect(sortRows(got), t.sql).toEqual(sortRows(want));
        });
      }
    });
  }
}
