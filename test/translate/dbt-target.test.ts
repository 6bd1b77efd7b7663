/**
 * The `dbt` target: SQL whose warehouse-specific parts are dbt cross-database macros
 * (https://docs.getdbt.com/reference/dbt-jinja-functions/cross-database-macros).
 *
 * 1. Text comparisons, marked [unexecuted]: dbt is not installed here, so nothing renders the macros.
 * 2. A STAND-IN for real dbt until it arrives: a tiny test-only renderer substitutes the handful of
 *    macros used with string templates equivalent to dbt-duckdb's implementations
 *    (github.com/duckdb/dbt-duckdb dbt/include/duckdb/macros/utils/{dateadd,datediff,listagg,lastday}.sql)
 *    and dbt-core's default__ implementations for the rest, and the rendered SQL runs on DuckDB.
 *    Expected values are SQL Server's documented results.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transpile } from '../../src/translate/index.js';
import { openDuckDb, type DuckHandle } from '../helpers/duckdb.js';
import { normaliseValue } from '../helpers/normalise.js';

describe('dbt target: text [unexecuted]', () => {
  const t = (sql: string) => transpile(sql, { to: 'dbt' });
  it('is a registered target', () => {
    expect(t('SELECT 1 AS x').sql).toBe('SELECT 1 AS x;');
  });
  it('DATEADD → dbt.dateadd(datepart, interval, from_date_or_timestamp)', () => {
    expect(t('SELECT DATEADD(day, 1, OrderDate) FROM t').sql).toBe(`SELECT {{ dbt.dateadd('day', "1", "OrderDate") }}\nFROM t;`);
  });
  it('DATEDIFF → dbt.datediff(first_date, second_date, datepart)', () => {
    expect(t('SELECT DATEDIFF(month, a, b) FROM t').sql).toBe(`SELECT {{ dbt.datediff("a", "b", 'month') }}\nFROM t;`);
  });
  it('CONCAT → dbt.concat with NULLs made empty explicitly', () => {
    expect(t("SELECT CONCAT(Name, '-') FROM t").sql).toBe(
      `SELECT {{ dbt.concat([("coalesce(CAST(Name AS " ~ dbt.type_string() ~ "), '')"), "'-'"]) }}\nFROM t;`);
  });
  it('types → dbt.type_*()', () => {
    expect(t('SELECT CAST(a AS int), CAST(b AS bigint), CAST(c AS nvarchar(max)), CAST(d AS datetime2) FROM t').sql).toBe(
      'SELECT {{ dbt.cast("a", dbt.type_int()) }}, {{ dbt.cast("b", dbt.type_bigint()) }}, {{ dbt.cast("c", dbt.type_string()) }}, {{ dbt.cast("d", dbt.type_timestamp()) }}\nFROM t;');
  });
  it('GETDATE, CHARINDEX, LEN, RIGHT', () => {
    expect(transpile("SELECT GETDATE(), CHARINDEX('b', Name), LEN(Name), RIGHT(Name, 2) FROM t", { to: 'dbt', collation: 'cs' }).sql).toBe(
      `SELECT {{ dbt.current_timestamp() }}, {{ dbt.position("'b'", "Name") }}, {{ dbt.length("rtrim(Name)") }}, {{ dbt.right("Name", "2") }}\nFROM t;`);
  });
  it('REPLACE under --collation cs → dbt.replace', () => {
    expect(transpile("SELECT REPLACE(Name, 'a', 'b') FROM t", { to: 'dbt', collation: 'cs' }).sql).toBe(`SELECT {{ dbt.replace("Name", "'a'", "'b'") }}\nFROM t;`);
  });
  it('STRING_AGG … WITHIN GROUP → dbt.listagg', () => {
    expect(t("SELECT STRING_AGG(Name, ',') WITHIN GROUP (ORDER BY Name) FROM t").sql).toBe(
      `SELECT {{ dbt.listagg(("CAST(Name AS " ~ dbt.type_string() ~ ")"), "','", "order by Name") }}\nFROM t;`);
  });
  it('TRY_CAST → dbt.safe_cast, with a warning that it is a plain cast on PostgreSQL', () => {
    const r = t("SELECT TRY_CAST(x AS int) FROM t");
    expect(r.sql).toContain('{{ dbt.safe_cast("x", dbt.type_int()) }}');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['MD3002']);
  });
  it('CHECKSUM → dbt.hash over the values, with a warning that values differ', () => {
    const r = t('SELECT CHECKSUM(a, b) FROM t');
    expect(r.sql).toContain(`{{ dbt.hash("concat_ws('|', a, b)") }}`);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['MD3002']);
  });
  it('a variable inside a macro argument becomes a Jinja expression, not literal braces', () => {
    expect(t('SELECT DATEADD(day, 1, @d)').sql).toContain(`{{ dbt.dateadd('day', "1", ("/* mssql2dbt: MD3012`);
    expect(t('SELECT DATEADD(day, 1, @d)').sql).toContain(`~ var('d')`);
  });
});

// ---- the stand-in renderer (test-only; replaced by real `dbt compile` once dbt is installed) ----

type JV = string | number | JV[];
const ADAPTER_TYPES: Record<string, string> = { string: 'TEXT', timestamp: 'TIMESTAMP', int: 'INT', bigint: 'BIGINT', numeric: 'NUMERIC(28,6)', float: 'FLOAT', boolean: 'BOOLEAN' };
const MACROS: Record<string, (...a: JV[]) => string> = {
  // dbt-duckdb duckdb__dateadd
  dateadd: (part, n, d) => `${d} + ((interval '1 ${part}') * (${n}))`,
  // dbt-duckdb duckdb__datediff (the dateparts the translator emits)
  datediff: (a, b, part) => {
    const y = `(date_part('year', (${b})::date) - date_part('year', (${a})::date))`;
    const day = `((${b})::date - (${a})::date)`;
    switch (part) {
      case 'year': return y;
      case 'quarter': return `(${y} * 4 + date_part('quarter', (${b})::date) - date_part('quarter', (${a})::date))`;
      case 'month': return `(${y} * 12 + date_part('month', (${b})::date) - date_part('month', (${a})::date))`;
      case 'day': return day;
      case 'hour': return `(${day} * 24 + date_part('hour', (${b})::timestamp) - date_part('hour', (${a})::timestamp))`;
      default: throw new Error(`stand-in: datediff ${String(part)} not modelled`);
    }
  },
  // dbt-duckdb duckdb__listagg (no limit)
  listagg: (m, sep, order) => `string_agg(${m}, ${sep} ${order ?? ''})`,
  // dbt-core default__ implementations
  cast: (f, t) => `cast(${f} as ${t})`,
  safe_cast: (f, t) => `try_cast(${f} as ${t})`,
  concat: (fields) => `concat(${(fields as JV[]).join(', ')})`,
  position: (s, str) => `position(${s} in ${str})`,
  length: (e) => `length(${e})`,
  replace: (f, o, n) => `replace(${f}, ${o}, ${n})`,
  right: (s, n) => `right(${s}, ${n})`,
  date_trunc: (part, d) => `date_trunc('${part}', ${d})`,
  // dbt-core default__last_day
  last_day: (d, part) => `cast(${MACROS['dateadd']!('day', '-1', MACROS['dateadd']!(part!, '1', MACROS['date_trunc']!(part!, d!)))} as date)`,
  current_timestamp: () => 'now()',
  ...Object.fromEntries(Object.entries(ADAPTER_TYPES).map(([k, v]) => [`type_${k}`, () => v])),
};

/** Evaluates the Jinja expressions the translator emits: strings, numbers, lists, `~`, parentheses and dbt.* calls. */
function evalJinja(src: string): string {
  let i = 0;
  const ws = () => { while (/\s/.test(src[i] ?? '')) i++; };
  const expr = (): JV => {
    let v = term();
    for (ws(); src[i] === '~'; ws()) { i++; v = String(v) + String(term()); }
    return v;
  };
  const term = (): JV => {
    ws();
    const ch = src[i]!;
    if (ch === '"' || ch === "'") {
      let out = '';
      for (i++; src[i] !== ch; i++) out += src[i] === '\\' ? src[++i] : src[i];
      i++;
      return out;
    }
    if (ch === '(') { i++; const v = expr(); ws(); i++; return v; }
    if (ch === '[') {
      i++; const items: JV[] = [];
      for (ws(); src[i] !== ']'; ws()) { items.push(expr()); ws(); if (src[i] === ',') i++; }
      i++; return items;
    }
    const m = /^-?\d+/.exec(src.slice(i));
    if (m) { i += m[0].length; return m[0]; }
    const id = /^[A-Za-z_][\w.]*/.exec(src.slice(i))![0];
    i += id.length; ws(); i++; // (
    const args: JV[] = [];
    for (ws(); src[i] !== ')'; ws()) { args.push(expr()); ws(); if (src[i] === ',') i++; }
    i++;
    const f = MACROS[id.replace(/^dbt\./, '')];
    if (!f) throw new Error(`stand-in renderer: no template for ${id}`);
    return f(...args);
  };
  const v = expr();
  return String(v);
}

function render(sql: string): string {
  return sql.replace(/\{\{([\s\S]*?)\}\}/g, (_, e: string) => evalJinja(e));
}

interface RenderCase { readonly name: string; readonly tsql: string; readonly rows: readonly (readonly (string | null)[])[]; readonly doc: string }
const F = 'https://learn.microsoft.com/en-us/sql/t-sql/functions';
const RENDERED: readonly RenderCase[] = [
  { name: 'DATEADD month clamps to month end', tsql: "SELECT DATEADD(month, 1, CAST('2024-01-31' AS date))", rows: [['2024-02-29']], doc: `${F}/dateadd-transact-sql` },
  { name: 'DATEADD quarter', tsql: "SELECT DATEADD(quarter, 1, CAST('2024-01-31' AS date))", rows: [['2024-04-30']], doc: `${F}/dateadd-transact-sql` },
  { name: 'DATEADD hour on datetime2', tsql: "SELECT DATEADD(hour, 5, CAST('2024-01-01 22:00:00' AS datetime2))", rows: [['2024-01-02 03:00:00']], doc: `${F}/dateadd-transact-sql` },
  { name: 'DATEDIFF year counts boundaries', tsql: "SELECT DATEDIFF(year, '2005-12-31 23:59:59.9999999', '2006-01-01 00:00:00.0000000')", rows: [['1']], doc: `${F}/datediff-transact-sql` },
  { name: 'DATEDIFF day', tsql: "SELECT DATEDIFF(day, '2007-05-07', '2007-05-08')", rows: [['1']], doc: `${F}/datediff-transact-sql` },
  { name: 'DATEDIFF month', tsql: "SELECT DATEDIFF(month, '2023-01-31', '2023-02-01')", rows: [['1']], doc: `${F}/datediff-transact-sql` },
  { name: 'DATEDIFF hour', tsql: "SELECT DATEDIFF(hour, '2023-01-01 23:59:00', '2023-01-02 00:01:00')", rows: [['1']], doc: `${F}/datediff-transact-sql` },
  { name: 'DATEDIFF week (Sunday weeks)', tsql: "SELECT DATEDIFF(week, '2024-01-06', '2024-01-07')", rows: [['1']], doc: `${F}/datediff-transact-sql` },
  { name: 'EOMONTH', tsql: "SELECT EOMONTH('2011-12-01')", rows: [['2011-12-31']], doc: `${F}/eomonth-transact-sql` },
  { name: 'CONCAT treats NULL as empty', tsql: "SELECT CONCAT('Happy ', NULL, 'Birthday ', 11)", rows: [['Happy Birthday 11']], doc: `${F}/concat-transact-sql` },
  { name: 'CHARINDEX', tsql: "SELECT CHARINDEX('bicycle', 'Reflectors are vital safety components of your bicycle.')", rows: [['48']], doc: `${F}/charindex-transact-sql` },
  { name: 'LEN ignores trailing spaces', tsql: "SELECT LEN('abc   ')", rows: [['3']], doc: `${F}/len-transact-sql` },
  { name: 'RIGHT', tsql: "SELECT RIGHT('abcdefg', 2)", rows: [['fg']], doc: `${F}/right-transact-sql` },
  { name: 'REPLACE (case-insensitive under ci)', tsql: "SELECT REPLACE('abcdefghicde', 'cde', 'xxx')", rows: [['abxxxfghixxx']], doc: `${F}/replace-transact-sql` },
  { name: 'CAST decimal to int truncates', tsql: 'SELECT CAST(2.7 AS int)', rows: [['2']], doc: `${F}/cast-and-convert-transact-sql` },
  { name: 'TRY_CAST failure is NULL', tsql: "SELECT TRY_CAST('abc' AS int)", rows: [[null]], doc: `${F}/try-cast-transact-sql` },
  { name: 'DATETRUNC month', tsql: "SELECT DATETRUNC(month, CAST('2021-12-08 11:30:15' AS datetime2))", rows: [['2021-12-01 00:00:00']], doc: `${F}/datetrunc-transact-sql` },
  { name: 'STRING_AGG … WITHIN GROUP', tsql: "SELECT STRING_AGG(v, ', ') WITHIN GROUP (ORDER BY v) FROM (VALUES ('b'), ('a'), ('c')) AS x (v)", rows: [['a, b, c']], doc: `${F}/string-agg-transact-sql` },
  { name: 'QUOTENAME', tsql: "SELECT QUOTENAME('abc[]def')", rows: [['[abc[]]def]']], doc: `${F}/quotename-transact-sql` },
  { name: 'STR', tsql: 'SELECT STR(123.45, 6, 1)', rows: [[' 123.5']], doc: `${F}/str-transact-sql` },
  { name: 'DATETIME2FROMPARTS', tsql: 'SELECT DATETIME2FROMPARTS(2011, 8, 15, 14, 23, 44, 5, 1)', rows: [['2011-08-15 14:23:44.5']], doc: `${F}/datetime2fromparts-transact-sql` },
  { name: 'ISNUMERIC', tsql: "SELECT ISNUMERIC('$'), ISNUMERIC('abc')", rows: [['1', '0']], doc: `${F}/isnumeric-transact-sql` },
  { name: 'STRING_SPLIT with ordinal', tsql: "SELECT value, ordinal FROM STRING_SPLIT('a b', ' ', 1) ORDER BY ordinal", rows: [['a', '1'], ['b', '2']], doc: `${F}/string-split-transact-sql` },
  { name: 'integer division truncates toward zero', tsql: 'SELECT -7 / 2', rows: [['-3']], doc: 'https://learn.microsoft.com/en-us/sql/t-sql/language-elements/divide-transact-sql' },
];

describe('dbt target rendered by a STAND-IN for dbt-duckdb, executed on DuckDB', () => {
  let db: DuckHandle;
  beforeAll(async () => { db = await openDuckDb(); });
  afterAll(async () => { await db?.stop(); });
  for (const k of RENDERED) {
    it(`${k.name} [stand-in render]`, async () => {
      const t = transpile(k.tsql, { to: 'dbt' });
      expect(t.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const sql = render(t.sql).replace(/;$/, '');
      let got;
      try {
        got = await db.query(sql);
      } catch (err) {
        throw new Error(`${(err as Error).message}\n--- rendered:\n${sql}\n--- dbt:\n${t.sql}`);
      }
      expect(got, sql).toEqual(k.rows.map((r) => r.map(normaliseValue)));
    });
  }
});
