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
      snowflake: "SELECT a\nFROM t\nCROSS JOIN LATERAL f(t.id) AS x;",
      bigquery: "SELECT a\nFROM t\nCROSS JOIN LATERAL f(t.id) AS x;",
      databricks: "SELECT a\nFROM t\nCROSS JOIN LATERAL f(t.id) AS x;",
      fabric: "SELECT a\nFROM t\nCROSS APPLY f(t.id) AS x;",
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
  },
  {
    name: "FORMAT with a custom date pattern, QUOTENAME",
    tsql: "SELECT FORMAT(d, 'dd/MM/yyyy'), QUOTENAME(name) FROM t",
    expected: {
      snowflake: "SELECT TO_CHAR(d, 'DD/MM/YYYY'), CASE WHEN length(name) > 128 THEN NULL ELSE '[' || replace(name, ']', ']]') || ']' END\nFROM t;",
      bigquery: "SELECT FORMAT_DATETIME('%d/%m/%Y', CAST(d AS DATETIME)), CASE WHEN length(name) > 128 THEN NULL ELSE '[' || replace(name, ']', ']]') || ']' END\nFROM t;",
      databricks: "SELECT date_format(d, 'dd/MM/yyyy'), CASE WHEN length(name) > 128 THEN NULL ELSE '[' || replace(name, ']', ']]') || ']' END\nFROM t;",
      fabric: "SELECT FORMAT(d, 'dd/MM/yyyy'), QUOTENAME(name, '[')\nFROM t;",
    },
  },
  {
    name: "DATETIME2FROMPARTS, TIMEFROMPARTS",
    tsql: "SELECT DATETIME2FROMPARTS(y, 1, 2, 3, 4, 5, 5, 1), TIMEFROMPARTS(1, 2, 3, 0, 0) FROM t",
    expected: {
      snowflake: "SELECT TIMESTAMP_NTZ_FROM_PARTS(y, 1, 2, 3, 4, 5, 5 * power(10, 9 - 1)), TIME_FROM_PARTS(1, 2, 3, 0 * power(10, 9 - 0))\nFROM t;",
      bigquery: "SELECT DATETIME_ADD(DATETIME(y, 1, 2, 3, 4, 5), INTERVAL CAST(5 * power(10, 6 - 1) AS INT64) MICROSECOND), TIME_ADD(TIME(1, 2, 3), INTERVAL CAST(0 * power(10, 6 - 0) AS INT64) MICROSECOND)\nFROM t;",
      databricks: "SELECT make_timestamp(y, 1, 2, 3, 4, 5 + 5 / power(10, 1)), /* mssql2dbt: MD3001 TimeFromParts cannot be translated to databricks */ TimeFromParts(1, 2, 3, 0, 0)\nFROM t;",
      fabric: "SELECT DATETIME2FROMPARTS(y, 1, 2, 3, 4, 5, 5, 1), TIMEFROMPARTS(1, 2, 3, 0, 0)\nFROM t;",
    },
  },
  {
    name: "DB_NAME, SUSER_SNAME, HASHBYTES, COT",
    tsql: "SELECT DB_NAME(), SUSER_SNAME(), HASHBYTES('MD5', 'abc'), COT(x) FROM t",
    expected: {
      snowflake: "SELECT CURRENT_DATABASE(), CURRENT_USER(), MD5_BINARY('abc'), cot(x)\nFROM t;",
      bigquery: "SELECT /* mssql2dbt: MD3001 CurrentDatabase cannot be translated to bigquery */ CurrentDatabase(), SESSION_USER(), MD5('abc'), COT(x)\nFROM t;",
      databricks: "SELECT current_catalog(), current_user(), unhex(md5('abc')), cot(x)\nFROM t;",
      fabric: "SELECT DB_NAME(), SUSER_SNAME(), HASHBYTES('MD5', 'abc'), COT(x)\nFROM t;",
    },
  },
  {
    name: "STRING_SPLIT in CROSS APPLY",
    tsql: "SELECT t.id, s.value FROM t CROSS APPLY STRING_SPLIT(t.tags, ',') AS s",
    expected: {
      snowflake: "SELECT t.id, s.value\nFROM t\nCROSS JOIN LATERAL /* mssql2dbt: MD3001 SplitToTable cannot be translated to snowflake */ SplitToTable(t.tags, ',', 0) AS s (value);",
      bigquery: "SELECT t.id, s.value\nFROM t\nCROSS JOIN LATERAL /* mssql2dbt: MD3001 SplitToTable cannot be translated to bigquery */ SplitToTable(t.tags, ',', 0) AS s (value);",
      databricks: "SELECT t.id, s.value\nFROM t\nCROSS JOIN LATERAL /* mssql2dbt: MD3001 SplitToTable cannot be translated to databricks */ SplitToTable(t.tags, ',', 0) AS s (value);",
      fabric: "SELECT t.id, s.value\nFROM t\nCROSS APPLY STRING_SPLIT(t.tags, ',') AS s;",
    },
  },
  {
    name: "ISJSON, ERROR_NUMBER",
    tsql: "SELECT ISJSON(j), ERROR_NUMBER() FROM t",
    expected: {
      snowflake: "SELECT CASE WHEN j IS NULL THEN NULL WHEN TYPEOF(TRY_PARSE_JSON(j)) IN ('OBJECT', 'ARRAY') THEN 1 ELSE 0 END, /* mssql2dbt: MD3001 ERROR_NUMBER() (only meaningful inside a CATCH block; on the target a failing statement stops the run and the runner reports the error) cannot be translated to snowflake */ ERROR_NUMBER()\nFROM t;",
      bigquery: "SELECT CASE WHEN j IS NULL THEN NULL WHEN JSON_TYPE(SAFE.PARSE_JSON(j)) IN ('object', 'array') THEN 1 ELSE 0 END, /* mssql2dbt: MD3001 ERROR_NUMBER() (only meaningful inside a CATCH block; on the target a failing statement stops the run and the runner reports the error) cannot be translated to bigquery */ ERROR_NUMBER()\nFROM t;",
      databricks: "SELECT /* mssql2dbt: MD3001 IsJson cannot be translated to databricks */ IsJson(j, 'object,array'), /* mssql2dbt: MD3001 ERROR_NUMBER() (only meaningful inside a CATCH block; on the target a failing statement stops the run and the runner reports the error) cannot be translated to databricks */ ERROR_NUMBER()\nFROM t;",
      fabric: "SELECT ISJSON(j), ERROR_NUMBER()\nFROM t;",
    },
  },
  {
    name: "REGEXP_LIKE, REGEXP_COUNT",
    tsql: "SELECT a FROM t WHERE REGEXP_LIKE(s, '\\d+', 'i') AND REGEXP_COUNT(s, 'x') > 1",
    expected: {
      snowflake: "SELECT a\nFROM t\nWHERE REGEXP_COUNT(s, '\\\\d+', 1, 'i') > 0 AND REGEXP_COUNT(s, 'x', 1, 'c') > 1;",
      bigquery: "SELECT a\nFROM t\nWHERE REGEXP_CONTAINS(s, r'(?i)\\d+') AND /* mssql2dbt: MD3001 RegexpCount cannot be translated to bigquery */ RegexpCount(s, 'x', 'c') > 1;",
      databricks: "SELECT a\nFROM t\nWHERE s RLIKE '(?i)\\\\d+' AND /* mssql2dbt: MD3001 RegexpCount cannot be translated to databricks */ RegexpCount(s, 'x', 'c') > 1;",
      fabric: "SELECT a\nFROM t\nWHERE REGEXP_LIKE(s, '\\d+', 'i') AND REGEXP_COUNT(s, 'x', 1, 'c') > 1;",
    },
  },
];

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
