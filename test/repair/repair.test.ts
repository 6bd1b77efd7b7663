/**
 * The Rebuilder's catalogue and rules against the engines' real messages: each case runs failing SQL
 * on DuckDB and PostgreSQL, classifies the error the engine gives, applies the rule (if one exists)
 * and runs the repaired SQL, comparing its rows with what SQL Server would return.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyFailure, classifyTestFailure } from '../../src/repair/classify.js';
import { proposeRepair, type AiFixer } from '../../src/repair/rebuilder.js';
import { codeRanges, replaceInCode } from '../../src/repair/sql-text.js';
import { getDialect } from '../../src/translate/dialects/registry.js';
import { openDuckDb, type DuckHandle } from '../helpers/duckdb.js';
import { startPostgres, type PgHandle } from '../helpers/postgres.js';

let duck: DuckHandle;
let pgh: PgHandle;

const SETUP = [
  'CREATE TABLE "Orders" ("OrderID" integer, "CustomerID" varchar(5), "Freight" numeric(10,2), "OrderDate" date)',
  `INSERT INTO "Orders" VALUES (1, 'ALFKI', 10.50, DATE '1997-01-02'), (2, 'ANATR', NULL, DATE '1998-03-04'), (3, NULL, 7.25, DATE '1997-05-06')`,
];

beforeAll(async () => {
  duck = await openDuckDb();
  pgh = await startPostgres();
  for (const s of SETUP) {
    await duck.exec(s);
    await pgh.exec(s);
  }
}, 120_000);

afterAll(async () => {
  await duck?.stop();
  await pgh?.stop();
});

/** The error text as dbt shows it: psycopg2 puts PostgreSQL's HINT under the message. */
async function errorOf(engine: 'duckdb' | 'postgres', sql: string): Promise<string> {
  try {
    await (engine === 'duckdb' ? duck : pgh).query(sql);
  } catch (e) {
    const err = e as Error & { hint?: string };
    return err.hint ? `${err.message}\nHINT:  ${err.hint}` : err.message;
  }
  throw new Error(`expected ${engine} to fail on: ${sql}`);
}

interface Case {
  readonly name: string;
  readonly sql: string;
  readonly engines: readonly ('duckdb' | 'postgres')[];
  readonly cause: string;
  /** Rows SQL Server returns for the intended query, when a rule must repair it. */
  readonly repairedRows?: unknown[][];
}

const CASES: readonly Case[] = [
  { name: 'ISNULL left in a model', sql: 'select "OrderID", isnull("Freight", 0) as f from "Orders" order by 1', engines: ['duckdb', 'postgres'], cause: 'unknown-function', repairedRows: [['1', '10.5'], ['2', '0'], ['3', '7.25']] },
  { name: 'LEN left in a model', sql: `select len('abc') as n`, engines: ['postgres'], cause: 'unknown-function', repairedRows: [['3']] },
  { name: 'YEAR() on PostgreSQL', sql: 'select year("OrderDate") as y from "Orders" order by 1', engines: ['postgres'], cause: 'unknown-function', repairedRows: [['1997'], ['1997'], ['1998']] },
  { name: 'mixed-case column folded by PostgreSQL', sql: 'select o.OrderID from "Orders" o order by 1', engines: ['postgres'], cause: 'missing-column', repairedRows: [['1'], ['2'], ['3']] },
  { name: 'column that does not exist', sql: 'select "Nope" from "Orders"', engines: ['duckdb', 'postgres'], cause: 'missing-column' },
  { name: 'relation that does not exist', sql: 'select * from missing_table', engines: ['duckdb', 'postgres'], cause: 'missing-relation' },
  { name: 'ambiguous column', sql: 'select "OrderID" from "Orders" a, "Orders" b', engines: ['duckdb', 'postgres'], cause: 'ambiguous-column' },
  { name: 'comparison of text and integer', sql: `select * from "Orders" where "CustomerID" = 5`, engines: ['postgres'], cause: 'type-mismatch' },
  { name: 'conversion of a string', sql: `select cast('abc' as integer)`, engines: ['duckdb', 'postgres'], cause: 'conversion-error' },
  { name: 'GROUP BY violation', sql: `select "CustomerID", "Freight" from "Orders" group by "CustomerID"`, engines: ['duckdb', 'postgres'], cause: 'group-by' },
  { name: 'division by zero', sql: 'select 1 / 0', engines: ['postgres'], cause: 'division-by-zero' },
  { name: 'integer overflow', sql: 'select 2147483647::integer + 1', engines: ['duckdb', 'postgres'], cause: 'numeric-overflow' },
  { name: 'reserved word as a column name', sql: 'select order from (select 1 as "order") t', engines: ['duckdb', 'postgres'], cause: 'syntax-error', repairedRows: [['1']] },
];

describe('failure catalogue on the real engines', () => {
  for (const c of CASES) {
    for (const engine of c.engines) {
      it(`${c.name} (${engine}) → ${c.cause}${c.repairedRows ? ', repaired' : ''}`, async () => {
        const message = await errorOf(engine, c.sql);
        const failure = classifyFailure(message);
        expect(failure.cause, message).toBe(c.cause);
        const outcome = await proposeRepair({ model: 'm', target: engine, sql: c.sql, error: { kind: 'model', message }, reserved: getDialect(engine).reserved });
        if (!c.repairedRows) {
          expect(outcome.kind).toBe('none');
          return;
        }
        expect(outcome.kind, JSON.stringify(outcome)).toBe('fix');
        if (outcome.kind !== 'fix') return;
        const rows = await (engine === 'duckdb' ? duck : pgh).query(outcome.sql);
        expect(rows).toEqual(c.repairedRows);
      });
    }
  }
});

describe('rules keep away from strings, comments and Jinja', () => {
  it('code ranges skip literals, quoted names, comments and Jinja', () => {
    const sql = `select isnull(a, 'isnull(') -- isnull(x)\n/* isnull( */ from {{ ref('isnull(') }} where "isnull(" = 1`;
    const { text, count } = replaceInCode(sql, /\bisnull\(/gi, () => 'coalesce(');
    expect(count).toBe(1);
    expect(text).toBe(`select coalesce(a, 'isnull(') -- isnull(x)\n/* isnull( */ from {{ ref('isnull(') }} where "isnull(" = 1`);
    expect(codeRanges(`'it''s'`)).toEqual([]);
  });

  it('a case-only hint is taken; two different spellings are not', async () => {
    const message = 'column "orderid" does not exist\nHINT:  Perhaps you meant to reference the column "o.OrderID".';
    const one = await proposeRepair({ model: 'm', target: 'postgres', sql: 'select o.OrderID from t o', error: { kind: 'model', message }, reserved: new Set() });
    expect(one.kind === 'fix' && one.sql).toBe('select o."OrderID" from t o');
    const other = 'column "orderid" does not exist\nHINT:  Perhaps you meant to reference the column "o.OrderNo".';
    const none = await proposeRepair({ model: 'm', target: 'postgres', sql: 'select o.OrderID from t o', error: { kind: 'model', message: other }, reserved: new Set() });
    expect(none.kind).toBe('none');
  });
});

describe('test failures and the AI hook', () => {
  it('a failing unique test is a data finding, never a SQL rewrite', async () => {
    expect(classifyTestFailure('unique_stg_orders_OrderID', 'Got 2 results, configured to fail if != 0').cause).toBe('duplicate-key');
    expect(classifyTestFailure('relationships_stg_orders_CustomerID__CustomerID__ref_stg_customers_', 'Got 1 result').cause).toBe('relationship-violation');
    const calls: string[] = [];
    const ai: AiFixer = { name: 'scripted', async propose(r) { calls.push(r.model); return { sql: 'select 1', explanation: 'x' }; } };
    const outcome = await proposeRepair({ model: 'm', target: 'duckdb', sql: 'select 1 as k', error: { kind: 'test', test: 'unique_m_k', message: 'Got 2 results' }, reserved: new Set(), ai });
    expect(outcome.kind).toBe('none');
    expect(calls).toEqual([]);
  });

  it('the AI fixer is asked only when no rule applies, and its answer is a proposal', async () => {
    const asked: string[] = [];
    const ai: AiFixer = {
      name: 'scripted',
      async propose(r) {
        asked.push(r.failure.cause);
        return { sql: r.sql.replace('"Nope"', '"OrderID"'), explanation: 'the source column is OrderID' };
      },
    };
    const ruleFixed = await proposeRepair({ model: 'm', target: 'duckdb', sql: 'select isnull(1, 2)', error: { kind: 'model', message: 'Catalog Error: Scalar Function with name isnull does not exist!' }, reserved: new Set(), ai });
    expect(ruleFixed.kind === 'fix' && ruleFixed.rule).toBe('rename-function');
    expect(asked).toEqual([]);
    const message = await errorOf('duckdb', 'select "Nope" from "Orders"');
    const aiFixed = await proposeRepair({ model: 'm', target: 'duckdb', sql: 'select "Nope" from "Orders"', error: { kind: 'model', message }, reserved: new Set(), ai });
    expect(asked).toEqual(['missing-column']);
    expect(aiFixed.kind === 'fix' && aiFixed.rule).toBe('ai:scripted');
    expect(aiFixed.kind === 'fix' && (await duck.query(aiFixed.sql)).length).toBe(3);
  });
});
