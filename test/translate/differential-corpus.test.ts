/**
 * Differential test on the corpus estates that carry data (Northwind is in differential.test.ts):
 * each estate's tables are loaded by the project's own loader (src/load, the path `migrate` uses)
 * into DuckDB (a temp file) and into PostgreSQL (a throwaway server, one schema per estate); every
 * view of the estate's script is translated with `transpile` (duckdb and postgres), created on both
 * engines, and must return identical rows there, non-empty. The corpus is read in place
 * (../shared/corpus); rows are compared sorted, after the same representation-only normalisation as
 * the Northwind test (test/helpers/normalise.ts).
 *
 * - pubs: data from the script's INSERTs; its one view, titleview.
 * - AdventureWorksDW: data from the script's BULK INSERTs of `|`-separated files beside it. The
 *   corpus lacks six of those files (ABSENT.txt: MD5100, the tables stay empty), among them
 *   DimCustomer, DimProduct and FactInternetSales, which every view reads through vDMPrep. So that
 *   the views are not trivially empty, those three tables get deterministic synthetic rows written
 *   here to a temp data folder (the loader's `dataDir`, same rows on both engines); every other table
 *   holds the corpus data (DimDate, DimGeography, DimSalesTerritory, DimProductSubcategory,
 *   DimProductCategory are the real ones the views join). vTimeSeries calls the scalar UDFs
 *   udfBuildISO8601Date → udfTwoDigitZeroFill: `transpile` leaves those calls as they are (a dbt
 *   project migrates them as macros, src/dbt/scalar-functions.ts), so here each body is folded the
 *   same way (`foldScalarBody`), translated with `transpile` and created as a DuckDB macro and a
 *   PostgreSQL SQL function in schema dbo.
 * - WideWorldImportersDW (../shared/corpus/wwi-dw) is skipped: the corpus holds no data for it (no
 *   INSERTs, no data files, no bacpac), so its views would only compare empty results.
 *
 * vDMPrep's Age uses GETDATE(): each engine reads its own clock, so a run that straddles midnight
 * (or an external MSSQL2DBT_PG_URL server in another time zone) could see different ages.
 * Known differences: none, all six views are compared row for row.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/model.js';
import { foldScalarBody } from '../../src/dbt/scalar-functions.js';
import { loadSourceData, type LoadReport } from '../../src/load/index.js';
import { transpile } from '../../src/translate/index.js';
import { parseScript, printExpression, type Statement } from '../../src/tsql/index.js';
import { openDuckDb, type DuckHandle } from '../helpers/duckdb.js';
import { float4Shortest, type Row } from '../helpers/normalise.js';
import { corpusRoot, hasCorpus } from '../helpers/paths.js';
import { startPostgres, type PgHandle } from '../helpers/postgres.js';
import { allTables, catalogOf, pgUrl } from '../load/helpers.js';

type Target = 'duckdb' | 'postgres';

interface Estate {
  readonly name: string;
  readonly script: string;
  /** Every view the script defines, in script order. */
  readonly views: readonly string[];
  /** Tables whose data file the corpus lacks: synthetic rows (see `awdwSynthetic`). */
  readonly synthetic?: () => Record<string, string>;
}

/** Same normalisation as differential.test.ts (float4 printed shortest; representation only). */
const sorted = (rows: Row[]) => rows.map((r) => JSON.stringify(r.map(float4Shortest))).sort();

/**
 * DimCustomer, DimProduct and FactInternetSales for AdventureWorksDW, as `|`-separated files with a
 * header (columns by name; columns left out load as NULL). Keys point into the corpus dimensions
 * (geography 1–655, product subcategory 1–37, dates 2010–2014). Spread over what the views compute:
 * birthdays on every day of the year (Age's three CASE branches), incomes at and around the 40,000
 * and 60,000 IncomeGroup edges, the seven models vTimeSeries keeps plus others and NULL ModelName
 * (COALESCE with the product name), products without a subcategory and sales of unknown customers
 * (dropped by the inner joins), orders in fiscal 2013 and other years, accented names, NULLs.
 */
function awdwSynthetic(): Record<string, string> {
  const file = (cols: string[], rows: (string | number | null)[][]) => [cols, ...rows].map((r) => r.map((v) => (v === null ? '' : String(v))).join('|')).join('\n') + '\n';
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const addDays = (base: string, n: number) => new Date(Date.parse(`${base}T00:00:00Z`) + n * 86_400_000);
  const models = ['Mountain-100', 'Mountain-200', 'Road-150', 'Road-250', 'Road-650', 'Road-750', 'Touring-1000', 'Touring-2000', 'HL Road Frame', 'Sport-100', null];
  const products = Array.from({ length: 150 }, (_, i) => {
    const k = i + 1;
    return [k, `BK-${k}`, k % 25 === 0 ? null : (k % 37) + 1, `Product ${k}`, `Producto ${k}`, `Produit ${k}`, models[k % models.length]!, (k * 7919 % 300000) / 100 + 0.5];
  });
  const first = ['Jon', 'Eugene', 'Ruben', 'Christy', 'Elizabeth', 'José', 'Zoë', 'Marco', 'Ana', 'Renée', 'Li', 'Ødegård'];
  const customers = Array.from({ length: 1000 }, (_, i) => {
    const k = 11000 + i;
    return [
      k, ((i * 7) % 655) + 1, `AW${String(k).padStart(8, '0')}`, i % 9 === 0 ? 'Mr.' : null, first[i % first.length]!, i % 3 === 0 ? null : 'V', `Last${i}`, i % 2,
      iso(addDays('1940-01-01', i * 23)), i % 2 ? 'M' : 'S', i % 50 === 0 ? 'Jr.' : null, i % 2 ? 'M' : 'F', `c${k}@adventure-works.com`, `${10000 * (1 + (i % 17))}.0000`,
      i % 6, i % 4, 'Bachelors', 'Licenciatura', 'Bac + 4', 'Professional', 'Profesional', 'Cadre', String(i % 2), i % 5, `${i} Main St.`, i % 7 === 0 ? `Apt ${i}` : null,
      `1 (11) 500 555-0${String(i % 1000).padStart(3, '0')}`, iso(addDays('2010-12-29', i % 1400)), ['0-1 Miles', '1-2 Miles', '2-5 Miles', '5-10 Miles', '10+ Miles'][i % 5]!,
    ];
  });
  const sales: (string | number | null)[][] = [];
  for (let o = 0; o < 4000; o++) {
    const date = addDays('2010-12-29', (o * 37) % 1460);
    const key = Number(iso(date).replace(/-/g, ''));
    const customer = o % 97 === 0 ? 99999 : 11000 + ((o * 31) % 1000);
    for (let line = 1; line <= (o % 4) + 1; line++) {
      const product = ((o * 13 + line * 7) % 150) + 1;
      const qty = (o + line) % 3 + 1;
      const cents = ((product * 104729) % 350000) + 199;
      sales.push([product, key, key, key, customer, 1, 100, 1, `SO${43697 + o}`, line, 1, qty, (cents / 100).toFixed(2), (cents * qty / 100).toFixed(2), 0, 0, `${iso(date)} 00:00:00`]);
    }
  }
  return {
    'DimProduct.csv': file(['ProductKey', 'ProductAlternateKey', 'ProductSubcategoryKey', 'EnglishProductName', 'SpanishProductName', 'FrenchProductName', 'ModelName', 'ListPrice'], products),
    'DimCustomer.csv': file(['CustomerKey', 'GeographyKey', 'CustomerAlternateKey', 'Title', 'FirstName', 'MiddleName', 'LastName', 'NameStyle', 'BirthDate', 'MaritalStatus', 'Suffix', 'Gender',
      'EmailAddress', 'YearlyIncome', 'TotalChildren', 'NumberChildrenAtHome', 'EnglishEducation', 'SpanishEducation', 'FrenchEducation', 'EnglishOccupation', 'SpanishOccupation',
      'FrenchOccupation', 'HouseOwnerFlag', 'NumberCarsOwned', 'AddressLine1', 'AddressLine2', 'Phone', 'DateFirstPurchase', 'CommuteDistance'], customers),
    'FactInternetSales.csv': file(['ProductKey', 'OrderDateKey', 'DueDateKey', 'ShipDateKey', 'CustomerKey', 'PromotionKey', 'CurrencyKey', 'SalesTerritoryKey', 'SalesOrderNumber',
      'SalesOrderLineNumber', 'RevisionNumber', 'OrderQuantity', 'UnitPrice', 'ExtendedAmount', 'UnitPriceDiscountPct', 'DiscountAmount', 'OrderDate'], sales),
  };
}

const ESTATES: readonly Estate[] = [
  { name: 'pubs', script: 'pubs/instpubs.sql', views: ['titleview'] },
  {
    name: 'awdw', script: 'adventureworks-dw/instawdbdw.sql',
    views: ['vDMPrep', 'vTimeSeries', 'vTargetMail', 'vAssocSeqOrders', 'vAssocSeqLineItems'],
    synthetic: awdwSynthetic,
  },
];

/**
 * The script's scalar functions as target DDL: the body folded to one T-SQL expression as the dbt
 * generator does, translated by `transpile`, parameters (printed as placeholders, MD3012) replaced by
 * the routine's arguments. DuckDB: a macro; PostgreSQL: a SQL function with translated types.
 */
function scalarFunctions(text: string, file: string, to: Target): { name: string; sql: string }[] {
  const out: { name: string; sql: string }[] = [];
  const typeOf = (t: { span: { offset: number; end: number } }) =>
    /^SELECT CAST\(NULL AS (.+)\);?$/s.exec(transpile(`SELECT CAST(NULL AS ${text.slice(t.span.offset, t.span.end)})`, { to }).statements[0]!.sql)![1]!;
  for (const stmt of parseScript(text, { file }).script.batches.flatMap((b) => b.statements)) {
    if (stmt.kind !== 'CreateFunction' || stmt.returns.kind !== 'Scalar') continue;
    const body = stmt.returns.body;
    const list: readonly Statement[] = body.length === 1 && body[0]!.kind === 'Block' ? body[0].statements : body;
    const only = list.length === 1 && list[0]!.kind === 'Return' && list[0].expr ? printExpression(list[0].expr) : foldScalarBody(body);
    if (!only) continue;
    // Named as the default schema map names it ({ dbo: null }), which translated calls (dbo.f(x) → f(x)) follow.
    const parts = stmt.name.parts.flatMap((p) => (p ? [p.name] : []));
    const name = (parts.length > 1 && parts[parts.length - 2]!.toLowerCase() === 'dbo' ? parts.slice(-1) : parts).join('.');
    const expr = transpile(`SELECT ${only}`, { to }).statements[0]!.sql
      .replace(/^SELECT /, '').replace(/;$/, '')
      .replace(/\/\* mssql2dbt: MD3012 [^*]*\*\/ \{\{ var\('(\w+)'\) \}\}/g, 'p_$1');
    const params = stmt.params.map((p) => `p_${p.name.name.replace(/^@/, '')}`);
    out.push({
      name,
      sql: to === 'duckdb'
        ? `CREATE OR REPLACE MACRO ${name}(${params.join(', ')}) AS (${expr})`
        : `CREATE OR REPLACE FUNCTION ${name}(${params.map((p, i) => `${p} ${typeOf(stmt.params[i]!.type)}`).join(', ')}) RETURNS ${typeOf(stmt.returns.type)} LANGUAGE sql IMMUTABLE AS $$ SELECT ${expr} $$`,
    });
  }
  return out;
}

/** Runs each DDL statement once the ones it needs exist (a function may call one defined later). */
async function createInAnyOrder(db: { exec(sql: string): Promise<void> }, stmts: readonly { name: string; sql: string }[]): Promise<void> {
  let pending = [...stmts];
  while (pending.length) {
    const failed: { name: string; sql: string; error: string }[] = [];
    for (const s of pending) await db.exec(s.sql).catch((e: Error) => failed.push({ ...s, error: e.message }));
    if (failed.length === pending.length) throw new Error(failed.map((f) => `${f.name}: ${f.error}\n${f.sql}`).join('\n'));
    pending = failed;
  }
}

describe.skipIf(!hasCorpus)('corpus views (pubs, AdventureWorksDW): DuckDB and PostgreSQL return the same rows', () => {
  let pg: PgHandle;
  let dir: string;
  const duck = new Map<string, DuckHandle>();
  const reports = new Map<string, LoadReport[]>();
  const schemaOf = (e: Estate) => `diff_${e.name}_${process.pid}`;

  async function prepare(e: Estate): Promise<void> {
    const file = path.join(corpusRoot, e.script);
    const text = readFileSync(file, 'utf8');
    const catalog: Catalog = await catalogOf([file]);
    let dataDir: string | undefined;
    if (e.synthetic) {
      dataDir = path.join(dir, `${e.name}-data`);
      mkdirSync(dataDir);
      for (const [name, body] of Object.entries(e.synthetic())) writeFileSync(path.join(dataDir, name), body);
    }
    const duckPath = path.join(dir, `${e.name}.duckdb`);
    const schema = schemaOf(e);
    const common = { catalog, inputs: [file], ...(dataDir ? { dataDir } : {}) };
    const [d, p] = await Promise.all([
      loadSourceData({ ...common, tables: allTables(catalog, 'main'), target: { kind: 'duckdb', path: duckPath } }),
      loadSourceData({ ...common, tables: allTables(catalog, schema), target: { kind: 'postgres', url: await pgUrl(pg) } }),
    ]);
    reports.set(e.name, [d, p]);
    const db = await openDuckDb(duckPath);
    duck.set(e.name, db);
    const plan = (to: Target) => transpile(text, { to, file }).statements.filter((s) => s.kind === 'CreateView');
    await pg.exec(`SET search_path TO ${schema}`);
    for (const [to, target] of [['duckdb', db], ['postgres', pg]] as const) {
      await target.exec('CREATE SCHEMA IF NOT EXISTS dbo');
      await createInAnyOrder(target, scalarFunctions(text, file, to));
      for (const v of plan(to)) {
        try {
          await target.exec(v.sql);
        } catch (err) {
          throw new Error(`${e.name} line ${v.line} (${to}): ${(err as Error).message}\n${v.sql.slice(0, 500)}`);
        }
      }
    }
  }

  beforeAll(async () => {
    pg = await startPostgres();
    dir = mkdtempSync(path.join(tmpdir(), 'mssql2dbt-differential-'));
    for (const e of ESTATES) await prepare(e);
  }, 180_000);
  afterAll(async () => {
    for (const d of duck.values()) await d.stop();
    for (const e of ESTATES) await pg?.exec(`DROP SCHEMA IF EXISTS ${schemaOf(e)} CASCADE`).catch(() => undefined);
    await pg?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const e of ESTATES) {
    describe(e.name, () => {
      it('loads every table on both engines and defines exactly these views', () => {
        const file = path.join(corpusRoot, e.script);
        const views = transpile(readFileSync(file, 'utf8'), { to: 'duckdb', file }).statements
          .filter((s) => s.kind === 'CreateView').map((s) => /^CREATE OR REPLACE VIEW (.+?) AS\n/.exec(s.sql)![1]!);
        expect(views).toEqual(e.views);
        const [d, p] = reports.get(e.name)!;
        for (const r of [d!, p!]) {
          expect(r.tables.filter((t) => t.status !== 'loaded' && t.status !== 'empty').map((t) => t.name)).toEqual([]);
          expect(r.rows).toBeGreaterThan(0);
        }
        // The same rows went into both engines.
        expect(p!.tables.map((t) => [t.name, t.rows])).toEqual(d!.tables.map((t) => [t.name, t.rows]));
        // Synthetic tables came from the data folder, one row per line after the header.
        for (const [name, body] of Object.entries(e.synthetic?.() ?? {})) {
          const t = d!.tables.find((x) => `${x.name}.csv` === name)!;
          expect([t.source, t.rows]).toEqual(['csv', body.trimEnd().split('\n').length - 1]);
        }
      });
      for (const view of e.views) {
        it(view, async () => {
          const [a, b] = await Promise.all([duck.get(e.name)!.query(`SELECT * FROM ${view}`), pg.query(`SELECT * FROM ${schemaOf(e)}.${view}`)]);
          expect(a.length).toBeGreaterThan(0);
          expect(a.length).toBe(b.length);
          expect(sorted(a)).toEqual(sorted(b));
        });
      }
    });
  }
});
