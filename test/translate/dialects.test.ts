/**
 * Generation-only targets (Snowflake, BigQuery, Databricks, Fabric): translated SQL compared with
 * reviewed expected text. These are NOT executed (no engine here); test names say so. The
 * expected record is typed over every text target, so adding a target breaks this file until it
 * has an expectation for every case. Also: the registry, flags and function tables of every target.
 */
import { describe, expect, it } from 'vitest';
import { FUNCTIONS, getDialect, TARGETS, transpile, type TargetName } from '../../src/translate/index.js';
import { TYPE_NAMES } from '../../src/translate/types.js';

// dbt has its own file (dbt-target.test.ts).
type TextTarget = Exclude<TargetName, 'duckdb' | 'postgres' | 'dbt'>;
interface TextCase {
  readonly name: string;
  readonly tsql: string;
  readonly expected: Readonly<Record<TextTarget, string>>;
}

const CASES: readonly TextCase[] = [
  {
    name: "DATEADD",
    tsql: "SELECT DATEADD(day, 1, OrderDate) FROM t",
    expected: {
      snowflake: "SELECT DATEADD(day, 1, OrderDate)\nFROM t;",
      bigquery: "SELECT DATETIME_ADD(CAST(OrderDate AS DATETIME), INTERVAL 1 DAY)\nFROM t;",
      databricks: "SELECT timestampadd(DAY, 1, OrderDate)\nFROM t;",
      fabric: "SELECT DATEADD(day, 1, OrderDate)\nFROM t;",
    },
  },
  {
    name: "DATEDIFF week",
    tsql: "SELECT DATEDIFF(week, a, b) FROM t",
    expected: {
      snowflake: "SELECT DATEDIFF(day, DATE_TRUNC('week', DATEADD(day, 1, a)), DATE_TRUNC('week', DATEADD(day, 1, b))) / 7\nFROM t;",
      bigquery: "SELECT DATETIME_DIFF(CAST(b AS DATETIME), CAST(a AS DATETIME), WEEK)\nFROM t;",
      databricks: "SELECT (datediff(date_trunc('week', date_add(b, 1)), date_trunc('week', date_add(a, 1))) DIV 7)\nFROM t;",
      fabric: "SELECT DATEDIFF(week, a, b)\nFROM t;",
    },
  },
  {
    name: "CHARINDEX with start",
    tsql: "SELECT CHARINDEX('x', s, 3) FROM t",
    expected: {
      snowflake: "SELECT CHARINDEX('x', s, 3)\nFROM t;",
      bigquery: "SELECT CASE WHEN STRPOS(substr(s, greatest(3, 1)), 'x') = 0 THEN 0 ELSE STRPOS(substr(s, greatest(3, 1)), 'x') + greatest(3, 1) - 1 END\nFROM t;",
      databricks: "SELECT CASE WHEN instr(substr(s, greatest(3, 1)), 'x') = 0 THEN 0 ELSE instr(substr(s, greatest(3, 1)), 'x') + greatest(3, 1) - 1 END\nFROM t;",
      fabric: "SELECT CHARINDEX('x', s, 3)\nFROM t;",
    },
  },
  {
    name: "LEN, ISNULL, IIF",
    tsql: "SELECT LEN(s), ISNULL(a, 0), IIF(a > 1, 'y', 'n') FROM t",
    expected: {
      snowflake: "SELECT length(rtrim(s)), coalesce(a, 0), CASE WHEN a > 1 THEN 'y' ELSE 'n' END\nFROM t;",
      bigquery: "SELECT length(rtrim(s)), coalesce(a, 0), CASE WHEN a > 1 THEN 'y' ELSE 'n' END\nFROM t;",
      databricks: "SELECT length(rtrim(s)), coalesce(a, 0), CASE WHEN a > 1 THEN 'y' ELSE 'n' END\nFROM t;",
      fabric: "SELECT LEN(RTRIM(s)), COALESCE(a, 0), CASE WHEN a > 1 THEN 'y' ELSE 'n' END\nFROM t;",
    },
  },
  {
    name: "TOP",
    tsql: "SELECT TOP (5) a FROM t ORDER BY a",
    expected: {
      snowflake: "SELECT a\nFROM t\nORDER BY a\nLIMIT 5;",
      bigquery: "SELECT a\nFROM t\nORDER BY a\nLIMIT 5;",
      databricks: "SELECT a\nFROM t\nORDER BY a\nLIMIT 5;",
      fabric: "SELECT TOP (5) a\nFROM t\nORDER BY a;",
    },
  },
  {
    name: "TOP WITH TIES",
    tsql: "SELECT TOP (5) WITH TIES a FROM t ORDER BY a",
    expected: {
      snowflake: "SELECT a\nFROM t\nQUALIFY rank() OVER (ORDER BY a) <= 5\nORDER BY a;",
      bigquery: "SELECT a\nFROM t\nQUALIFY rank() OVER (ORDER BY a) <= 5\nORDER BY a;",
      databricks: "SELECT a\nFROM t\nQUALIFY rank() OVER (ORDER BY a) <= 5\nORDER BY a;",
      fabric: "SELECT TOP (5) WITH TIES a\nFROM t\nORDER BY a;",
    },
  },
  {
    name: "string + and quoted names",
    tsql: "SELECT a + ' ' + b AS [full name] FROM [Order Details]",
    expected: {
      snowflake: "SELECT a || ' ' || b AS \"full name\"\nFROM \"Order Details\";",
      bigquery: "SELECT a || ' ' || b AS `full name`\nFROM `Order Details`;",
      databricks: "SELECT a || ' ' || b AS `full name`\nFROM `Order Details`;",
      fabric: "SELECT a + ' ' + b AS [full name]\nFROM [Order Details];",
    },
  },
  {
    name: "CONVERT style 120 truncated",
    tsql: "SELECT CONVERT(varchar(10), d, 120) FROM t",
    expected: {
      snowflake: "SELECT left(TO_CHAR(d, 'YYYY-MM-DD HH24:MI:SS'), 10)\nFROM t;",
      bigquery: "SELECT LEFT(FORMAT_DATETIME('%Y-%m-%d %H:%M:%S', CAST(d AS DATETIME)), 10)\nFROM t;",
      databricks: "SELECT left(date_format(d, 'yyyy-MM-dd HH:mm:ss'), 10)\nFROM t;",
      fabric: "SELECT LEFT(CONVERT(varchar(30), d, 20), 10)\nFROM t;",
    },
  },
  {
    name: "STRING_AGG WITHIN GROUP",
    tsql: "SELECT STRING_AGG(name, ',') WITHIN GROUP (ORDER BY name) FROM t",
    expected: {
      snowflake: "SELECT LISTAGG(CAST(name AS VARCHAR), ',') WITHIN GROUP (ORDER BY name)\nFROM t;",
      bigquery: "SELECT STRING_AGG(CAST(name AS STRING), ',' ORDER BY name)\nFROM t;",
      databricks: "SELECT /* mssql2dbt: MD3002 STRING_AGG … WITHIN GROUP has no exact equivalent on databricks: collect_list does not keep the order */ array_join(collect_list(CAST(name AS STRING)), ',')\nFROM t;",
      fabric: "SELECT STRING_AGG(name, ',') WITHIN GROUP (ORDER BY name)\nFROM t;",
    },
  },
  {
    name: "CROSS APPLY",
    tsql: "SELECT a FROM t CROSS APPLY dbo.f(t.id) AS x",
    expected: {
      snowflake: "SELECT a\nFROM t\nCROSS JOIN LATERAL dbo.f(t.id) AS x;",
      bigquery: "SELECT a\nFROM t\nCROSS JOIN LATERAL dbo.f(t.id) AS x;",
      databricks: "SELECT a\nFROM t\nCROSS JOIN LATERAL dbo.f(t.id) AS x;",
      fabric: "SELECT a\nFROM t\nCROSS APPLY dbo.f(t.id) AS x;",
    },
  },
  {
    name: "integer division and money",
    tsql: "SELECT 7 / 2, CAST(x AS money) FROM t",
    expected: {
      snowflake: "SELECT TRUNC(7 / 2), CAST(x AS NUMBER(19, 4))\nFROM t;",
      bigquery: "SELECT DIV(7, 2), CAST(x AS NUMERIC(19, 4))\nFROM t;",
      databricks: "SELECT 7 DIV 2, CAST(x AS DECIMAL(19, 4))\nFROM t;",
      fabric: "SELECT 7 / 2, CAST(x AS money)\nFROM t;",
    },
  },
  {
    name: "LIKE class",
    tsql: "SELECT a FROM t WHERE name LIKE '[a-c]%'",
    expected: {
      snowflake: "SELECT a\nFROM t\nWHERE REGEXP_LIKE(name, '^[a-c].*$');",
      bigquery: "SELECT a\nFROM t\nWHERE REGEXP_CONTAINS(name, '^[a-c].*$');",
      databricks: "SELECT a\nFROM t\nWHERE name RLIKE '^[a-c].*$';",
      fabric: "SELECT a\nFROM t\nWHERE name LIKE '[a-c]%';",
    },
  },
  {
    name: "EOMONTH and weekday",
    tsql: "SELECT EOMONTH(d), DATEPART(weekday, d) FROM t",
    expected: {
      snowflake: "SELECT LAST_DAY(d), (DAYOFWEEK(d) + 1)\nFROM t;",
      bigquery: "SELECT LAST_DAY(CAST(d AS DATE)), EXTRACT(DAYOFWEEK FROM d)\nFROM t;",
      databricks: "SELECT last_day(d), dayofweek(d)\nFROM t;",
      fabric: "SELECT EOMONTH(d), DATEPART(weekday, d)\nFROM t;",
    },
  },
  {
    name: "OFFSET FETCH",
    tsql: "SELECT a FROM t ORDER BY a OFFSET 10 ROWS FETCH NEXT 5 ROWS ONLY",
    expected: {
      snowflake: "SELECT a\nFROM t\nORDER BY a\nLIMIT 5\nOFFSET 10;",
      bigquery: "SELECT a\nFROM t\nORDER BY a\nLIMIT 5\nOFFSET 10;",
      databricks: "SELECT a\nFROM t\nORDER BY a\nLIMIT 5\nOFFSET 10;",
      fabric: "SELECT a\nFROM t\nORDER BY a\nOFFSET 10 ROWS FETCH NEXT 5 ROWS ONLY;",
    },
  },
  {
    name: "ROLLUP",
    tsql: "SELECT r, SUM(q) FROM t GROUP BY r WITH ROLLUP",
    expected: {
      snowflake: "SELECT r, sum(q)\nFROM t\nGROUP BY ROLLUP (r);",
      bigquery: "SELECT r, sum(q)\nFROM t\nGROUP BY ROLLUP (r);",
      databricks: "SELECT r, sum(q)\nFROM t\nGROUP BY ROLLUP (r);",
      fabric: "SELECT r, sum(q)\nFROM t\nGROUP BY ROLLUP (r);",
    },
  },
  {
    name: "NOLOCK hint",
    tsql: "SELECT a FROM t WITH (NOLOCK)",
    expected: {
      snowflake: "SELECT a\nFROM t;",
      bigquery: "SELECT a\nFROM t;",
      databricks: "SELECT a\nFROM t;",
      fabric: "SELECT a\nFROM t;",
    },
  },];

describe('generated SQL for text-only targets [unexecuted]', () => {
  for (const k of CASES) {
    for (const [to, sql] of Object.entries(k.expected) as [TextTarget, string][]) {
      it(`${k.name} → ${to} [unexecuted]`, () => {
        expect(transpile(k.tsql, { to, collation: 'cs' }).sql).toBe(sql);
      });
    }
  }
});

describe('dialect registry', () => {
  it('throws on an unknown target', () => {
    expect(() => getDialect('oracle')).toThrow(/unknown target 'oracle'/);
    expect(() => transpile('SELECT 1', { to: 'mysql' as TargetName })).toThrow();
  });
  for (const name of TARGETS) {
    it(`${name} maps every type and function and declares every flag`, () => {
      const d = getDialect(name);
      expect(d.name).toBe(name);
      for (const t of TYPE_NAMES) expect(d.types[t], t).toBeDefined();
      for (const f of Object.keys(FUNCTIONS)) expect(d.functions[f as keyof typeof FUNCTIONS], f).toBeDefined();
      expect(Object.keys(d.flags).sort()).toEqual(Object.keys(getDialect('duckdb').flags).sort());
    });
    it(`${name}: every construct without an exact translation leaves a marker`, () => {
      const r = transpile('SELECT a FROM t AS x CROSS APPLY OPENJSON(x.j) AS o', { to: name });
      expect(r.diagnostics.some((d) => d.code === 'MD3001')).toBe(true);
      expect(r.sql).toContain('/* mssql2dbt: MD3001');
    });
  }
});
