/** Math, conversion and logical functions, executed on DuckDB and PostgreSQL. */
import { runCases, v, type ExecCase } from './harness.js';

const DOC = (page: string) => `https://learn.microsoft.com/en-us/sql/t-sql/functions/${page}-transact-sql`;
const DIVIDE = 'https://learn.microsoft.com/en-us/sql/t-sql/language-elements/divide-transact-sql';
const MODULO = 'https://learn.microsoft.com/en-us/sql/t-sql/language-elements/modulo-transact-sql';
const CAST = DOC('cast-and-convert');

const cases: ExecCase[] = [
  // ROUND examples: "Use ROUND and estimates", "Use ROUND to truncate", negative lengths.
  v('ROUND 123.9994 to 3', 'ROUND(123.9994, 3)', '123.9990', DOC('round')),
  v('ROUND 123.9995 to 3', 'ROUND(123.9995, 3)', '124.0000', DOC('round')),
  v('ROUND 123.4545 to 2', 'ROUND(123.4545, 2)', '123.4500', DOC('round')),
  v('ROUND to -2', 'ROUND(123.45, -2)', '100.00', DOC('round')),
  v('ROUND 150.75 rounds', 'ROUND(150.75, 0)', '151.00', DOC('round')),
  v('ROUND 150.75 truncates with function 1', 'ROUND(150.75, 0, 1)', '150.00', DOC('round')),
  v('ROUND 748.58 to -1', 'ROUND(748.58, -1)', '750.00', DOC('round')),
  v('ROUND 748.58 to -2', 'ROUND(748.58, -2)', '700.00', DOC('round')),
  v('ROUND 748.58 to -4', 'ROUND(748.58, -4)', '0', DOC('round')),
  v('ROUND negative half away from zero', 'ROUND(-2.5, 0)', '-3.0', DOC('round')),
  v('ROUND float half away from zero', 'ROUND(CAST(2.5 AS float), 0)', '3', DOC('round')),
  v('CEILING positive', 'CEILING(123.45)', '124', DOC('ceiling')),
  v('CEILING negative', 'CEILING(-123.45)', '-123', DOC('ceiling')),
  v('FLOOR positive', 'FLOOR(123.45)', '123', DOC('floor')),
  v('FLOOR negative', 'FLOOR(-123.45)', '-124', DOC('floor')),
  v('ABS', 'ABS(-1.0)', '1.0', DOC('abs')),
  v('SIGN', 'SIGN(-125)', '-1', DOC('sign')),
  v('POWER', 'POWER(2, 10)', '1024', DOC('power')),
  v('SQUARE', 'SQUARE(5)', '25', DOC('square')),
  v('SQRT', 'SQRT(16)', '4', DOC('sqrt')),
  v('LOG10', 'LOG10(1000)', '3', DOC('log10')),
  v('integer division truncates', '7 / 2', '3', DIVIDE),
  v('integer division truncates toward zero', '-7 / 2', '-3', DIVIDE),
  v('decimal division does not', '7 / 2.0', '3.500000', DIVIDE),
  v('modulo', '38 % 5', '3', MODULO),
  v('modulo takes the sign of the dividend', '-7 % 3', '-1', MODULO),
  v('CAST to money rounds to 4 places', 'CAST(10.3496847 AS money)', '10.3497', CAST),
  v('CAST decimal to int truncates', 'CAST(10.6496 AS int)', '10', CAST),
  v('CAST negative decimal to int truncates', 'CAST(-10.6496 AS int)', '-10', CAST),
  v('CAST to decimal rounds', 'CAST(10.6496 AS decimal(6, 2))', '10.65', CAST),
  v('CAST string to int', "CAST('42' AS int)", '42', CAST),
  v('CAST int to varchar', 'CAST(42 AS varchar(10))', '42', CAST),
  v('CAST string to date', "CAST('2020-02-29' AS date)", '2020-02-29', CAST),
  v('CAST to bit folds non-zero to 1', 'CAST(5 AS bit)', '1', CAST),
  v('TRY_CAST valid', "TRY_CAST('12' AS int)", '12', DOC('try-cast'), {
    on: { duckdb: 'exact', postgres: { unsupported: 'PostgreSQL has no safe cast (MD3002 warns)' } },
  }),
  v('ISNULL replaces NULL', "ISNULL(NULL, 'x')", 'x', DOC('isnull')),
  v('ISNULL keeps a value', 'ISNULL(5, 0)', '5', DOC('isnull')),
  v('ISNULL result takes the first argument type', "ISNULL(CAST(NULL AS varchar(3)), 'abcdef')", 'abc', DOC('isnull'), {
    on: { duckdb: { rows: [['abcdef']], why: 'DuckDB VARCHAR(n) does not enforce n, so the cast does not truncate' }, postgres: 'exact' },
  }),
  v('COALESCE', 'COALESCE(NULL, NULL, 3)', '3', DOC('coalesce')),
  v('NULLIF equal', 'NULLIF(4, 4)', null, DOC('nullif')),
  v('NULLIF different', 'NULLIF(5, 4)', '5', DOC('nullif')),
  v('IIF', "IIF(45 > 40, 'TRUE', 'FALSE')", 'TRUE', DOC('logical-functions-iif')),
  v('IIF false branch', "IIF(45 < 40, 'TRUE', 'FALSE')", 'FALSE', DOC('logical-functions-iif')),
  v('CHOOSE', "CHOOSE(3, 'Manager', 'Director', 'Developer', 'Tester')", 'Developer', DOC('logical-functions-choose')),
  v('CHOOSE out of range is NULL', "CHOOSE(5, 'a', 'b')", null, DOC('logical-functions-choose')),
  v('GREATEST', 'GREATEST(1, 5, 3)', '5', DOC('logical-functions-greatest')),
  v('LEAST ignores NULL', 'LEAST(4, NULL, 3)', '3', DOC('logical-functions-least')),
  v('CASE searched', "CASE WHEN 1 > 2 THEN 'a' WHEN 2 > 1 THEN 'b' ELSE 'c' END", 'b', 'https://learn.microsoft.com/en-us/sql/t-sql/language-elements/case-transact-sql'),
  v('CASE simple', "CASE 2 WHEN 1 THEN 'one' WHEN 2 THEN 'two' END", 'two', 'https://learn.microsoft.com/en-us/sql/t-sql/language-elements/case-transact-sql'),
  v('BETWEEN', 'CASE WHEN 5 BETWEEN 1 AND 10 THEN 1 ELSE 0 END', '1', 'https://learn.microsoft.com/en-us/sql/t-sql/language-elements/between-transact-sql'),
  v('COT', 'ROUND(COT(124.1332), 12)', '-0.040311998371', DOC('cot')),
  // Bit functions (SQL Server 2022) on non-negative int values.
  v('LEFT_SHIFT', 'LEFT_SHIFT(12345, 5)', '395040', DOC('left-shift')),
  v('RIGHT_SHIFT', 'RIGHT_SHIFT(12345, 5)', '385', DOC('right-shift')),
  v('BIT_COUNT', 'BIT_COUNT(17)', '2', DOC('bit-count')),
  // GET_BIT/SET_BIT: the documented examples work on bits of 0xabcdef / 0x00; the same bits of an int.
  v('GET_BIT', 'GET_BIT(11259375, 2)', '1', DOC('get-bit')),
  v('GET_BIT of a clear bit', 'GET_BIT(11259375, 4)', '0', DOC('get-bit')),
  v('SET_BIT', 'SET_BIT(0, 2)', '4', DOC('set-bit')),
  v('SET_BIT to 0', 'SET_BIT(11259375, 0, 0)', '11259374', DOC('set-bit')),
  // Negative values depend on the integer width: translated with a warning, checked only for the diagnostic.
  v('RIGHT_SHIFT of a negative int (diagnosed)', 'RIGHT_SHIFT(-8, 1)', '2147483644', DOC('right-shift'), {
    on: { duckdb: { unsupported: 'logical shift within the type width' }, postgres: { unsupported: 'logical shift within the type width' } },
  }),
  // ISNUMERIC: "returns 1 for some characters that are not numbers, such as plus (+), minus (-), and … ($)";
  // a float literal with an exponent converts to float.
  ...([['12345', '1'], ['-12.5', '1'], ['1e5', '1'], ['+', '1'], ['-', '1'], ['$', '1'], ['$1,000.50', '1'], [' 42 ', '1'], ['abc', '0'], ['1.2.3', '0'], ['', '0'], ['12a', '0']] as const)
    .map(([s, r]) => v(`ISNUMERIC('${s}')`, `ISNUMERIC('${s}')`, r, DOC('isnumeric'))),
  v('ISNUMERIC(NULL)', 'ISNUMERIC(NULL)', '0', DOC('isnumeric')),
  v('ISNUMERIC of a number', 'ISNUMERIC(123.5)', '1', DOC('isnumeric')),
  // TRY_CONVERT / PARSE (parsed as their own syntax): "TRY_CONVERT returns NULL if the cast fails".
  v('TRY_CONVERT failing is NULL', "TRY_CONVERT(int, 'abc')", null, DOC('try-convert'), { on: { duckdb: 'exact', postgres: { unsupported: 'no safe cast on PostgreSQL' } } }),
  v('TRY_CONVERT succeeding', "TRY_CONVERT(int, '42')", '42', DOC('try-convert'), { on: { duckdb: 'exact', postgres: { unsupported: 'no safe cast on PostgreSQL' } } }),
  v('PARSE to int', "PARSE('42' AS int)", '42', DOC('parse')),
  v('TRY_PARSE failing is NULL', "TRY_PARSE('x' AS int)", null, DOC('try-parse'), { on: { duckdb: 'exact', postgres: { unsupported: 'no safe cast on PostgreSQL' } } }),
];

runCases('math, conversion and logical functions', cases);
