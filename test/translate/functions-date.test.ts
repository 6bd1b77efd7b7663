/** Date and time functions, executed on DuckDB and PostgreSQL against SQL Server's documented results. */
import type { Row } from '../helpers/normalise.js';
import { runCases, v, type ExecCase, type Expectation } from './harness.js';

const DATEADD = 'https://learn.microsoft.com/en-us/sql/t-sql/functions/dateadd-transact-sql';
const DATEDIFF = 'https://learn.microsoft.com/en-us/sql/t-sql/functions/datediff-transact-sql';
const DATEPART = 'https://learn.microsoft.com/en-us/sql/t-sql/functions/datepart-transact-sql';
const DATENAME = 'https://learn.microsoft.com/en-us/sql/t-sql/functions/datename-transact-sql';
const EOMONTH = 'https://learn.microsoft.com/en-us/sql/t-sql/functions/eomonth-transact-sql';
const PARTS = 'https://learn.microsoft.com/en-us/sql/t-sql/functions/datefromparts-transact-sql';
const DTPARTS = 'https://learn.microsoft.com/en-us/sql/t-sql/functions/datetimefromparts-transact-sql';
const CONVERT = 'https://learn.microsoft.com/en-us/sql/t-sql/functions/cast-and-convert-transact-sql#date-and-time-styles';
const DATETRUNC = 'https://learn.microsoft.com/en-us/sql/t-sql/functions/datetrunc-transact-sql';
const YEAR = 'https://learn.microsoft.com/en-us/sql/t-sql/functions/year-transact-sql';
const MONTH = 'https://learn.microsoft.com/en-us/sql/t-sql/functions/month-transact-sql';
const DAY = 'https://learn.microsoft.com/en-us/sql/t-sql/functions/day-transact-sql';
const GETDATE = 'https://learn.microsoft.com/en-us/sql/t-sql/functions/getdate-transact-sql';

/** datetime2(7) keeps 100 ns; both engines keep microseconds, so the 7th digit is lost. */
const micro = (rows: Row[]): Record<'duckdb' | 'postgres', Expectation> => {
  const why = 'datetime2(7) has 100 ns precision; DuckDB and PostgreSQL timestamps have microseconds';
  return { duckdb: { rows, why }, postgres: { rows, why } };
};

// DATEADD example "datepart" table: every datepart added to one datetime2 value.
const D2 = "CAST('2007-01-01 13:10:10.1111111' AS datetime2)";
const dateadd: ExecCase[] = [
  ['year', '2008-01-01 13:10:10.1111111', '2008-01-01 13:10:10.111111'],
  ['quarter', '2007-04-01 13:10:10.1111111', '2007-04-01 13:10:10.111111'],
  ['month', '2007-02-01 13:10:10.1111111', '2007-02-01 13:10:10.111111'],
  ['dayofyear', '2007-01-02 13:10:10.1111111', '2007-01-02 13:10:10.111111'],
  ['day', '2007-01-02 13:10:10.1111111', '2007-01-02 13:10:10.111111'],
  ['week', '2007-01-08 13:10:10.1111111', '2007-01-08 13:10:10.111111'],
  ['weekday', '2007-01-02 13:10:10.1111111', '2007-01-02 13:10:10.111111'],
  ['hour', '2007-01-01 14:10:10.1111111', '2007-01-01 14:10:10.111111'],
  ['minute', '2007-01-01 13:11:10.1111111', '2007-01-01 13:11:10.111111'],
  ['second', '2007-01-01 13:10:11.1111111', '2007-01-01 13:10:11.111111'],
  ['millisecond', '2007-01-01 13:10:10.1121111', '2007-01-01 13:10:10.112111'],
  ['microsecond', '2007-01-01 13:10:10.1111121', '2007-01-01 13:10:10.111112'],
].map(([unit, sqlServer, micros]) => v(`DATEADD(${unit}, 1, datetime2)`, `DATEADD(${unit}, 1, ${D2})`, sqlServer!, DATEADD, { on: micro([[micros!]]) }));

const DOC = (page: string) => `https://learn.microsoft.com/en-us/sql/t-sql/functions/${page}-transact-sql`;
// PostgreSQL 15 cannot test a conversion without raising (no TRY_CAST, no pg_input_is_valid before 16).
const PG_NO_SAFE_CAST: Partial<ExecCase> = { on: { duckdb: 'exact', postgres: { unsupported: 'no safe cast on PostgreSQL' } } };
const OFFSETS: Readonly<Record<'duckdb' | 'postgres', Expectation>> = { duckdb: { unsupported: 'datetimeoffset keeps its offset' }, postgres: { unsupported: 'datetimeoffset keeps its offset' } };

const cases: ExecCase[] = [
  ...dateadd,
  // DATEADD: "the day of the return value is the last day of the return month" example.
  v('DATEADD month clamps to month end (30)', "DATEADD(month, 1, '20060830')", '2006-09-30 00:00:00.000', DATEADD),
  v('DATEADD month clamps to month end (31)', "DATEADD(month, 1, '20060831')", '2006-09-30 00:00:00.000', DATEADD),
  v('DATEADD negative number', "DATEADD(day, -1, '2024-03-01')", '2024-02-29 00:00:00.000', DATEADD),
  v('DATEADD abbreviation yy', "DATEADD(yy, 2, '2020-02-29')", '2022-02-28 00:00:00.000', DATEADD),
  v('DATEADD on a date keeps date', "DATEADD(day, 1, CAST('2020-12-31' AS date))", '2021-01-01', DATEADD),
  // DATEDIFF: "datepart boundaries" — each statement returns 1.
  ...(['year', 'quarter', 'month', 'dayofyear', 'day', 'week', 'hour', 'minute', 'second', 'millisecond'] as const).map((u) =>
    // The 7th digit is cut (MD3015) before PostgreSQL could round .9999999 up to 2006-01-01 00:00:00.
    v(`DATEDIFF(${u}) across one boundary (7-digit literal)`, `DATEDIFF(${u}, '2005-12-31 23:59:59.9999999', '2006-01-01 00:00:00.0000000')`, '1', DATEDIFF)),
  ...(['year', 'quarter', 'month', 'dayofyear', 'day', 'week', 'hour', 'minute', 'second', 'millisecond'] as const).map((u) =>
    v(`DATEDIFF(${u}) across one boundary (millisecond literal)`, `DATEDIFF(${u}, '2005-12-31 23:59:59.999', '2006-01-01 00:00:00.000')`, '1', DATEDIFF)),
  // Unseparated date-time strings and 7 fractional digits, read the way SQL Server reads them and cut to
  // the microseconds both targets (and the loader) keep: the end-of-time marker stays in year 9999.
  v('CAST unseparated end-of-time datetime2(7)', "CAST('99991231 23:59:59.9999999' AS datetime2(7))", '9999-12-31 23:59:59.9999999', CONVERT, { on: micro([['9999-12-31 23:59:59.999999']]) }),
  v('CAST 7-digit ISO datetime2 rounds nothing up', "CAST('2020-12-31 23:59:59.9999999' AS datetime2)", '2020-12-31 23:59:59.9999999', CONVERT, { on: micro([['2020-12-31 23:59:59.999999']]) }),
  v('CAST unseparated date with hours and minutes', "CAST('20200101 10:30' AS datetime2(0))", '2020-01-01 10:30:00', CONVERT),
  v('CAST 7-digit time', "CAST('23:59:59.9999999' AS time)", '23:59:59.9999999', CONVERT, { on: micro([['23:59:59.999999']]) }),
  v('DATEDIFF counts year boundaries, not elapsed years', "DATEDIFF(year, '2020-12-31', '2021-01-01')", '1', DATEDIFF),
  v('DATEDIFF day between constants', "DATEDIFF(day, '2007-05-07 09:53:01.0376635', '2007-05-08 09:53:01.0376635')", '1', DATEDIFF),
  v('DATEDIFF negative when start is later', "DATEDIFF(month, '2021-03-15', '2021-01-31')", '-2', DATEDIFF),
  v('DATEDIFF week: Saturday to Sunday crosses a week', "DATEDIFF(week, '2024-01-06', '2024-01-07')", '1', DATEDIFF),
  v('DATEDIFF week: Sunday to Saturday does not', "DATEDIFF(week, '2024-01-07', '2024-01-13')", '0', DATEDIFF),
  v('DATEDIFF hour ignores minutes', "DATEDIFF(hour, '2016-01-01 03:59', '2016-01-01 04:01')", '1', DATEDIFF),
  v('DATEDIFF minute', "DATEDIFF(mi, '2016-01-01 03:50:59', '2016-01-01 03:52:00')", '2', DATEDIFF),
  // DATEPART: the table for '2007-10-30 12:15:32.1234567 +05:10' (offset left out: it changes none of these parts).
  ...([
    ['year', '2007'], ['yyyy', '2007'], ['quarter', '4'], ['month', '10'], ['dayofyear', '303'], ['day', '30'],
    ['week', '44'], ['weekday', '3'], ['hour', '12'], ['minute', '15'], ['second', '32'], ['millisecond', '123'],
  ] as const).map(([u, r]) => v(`DATEPART(${u})`, `DATEPART(${u}, '2007-10-30 12:15:32.1234567')`, r, DATEPART)),
  // DATEPART: week and weekday of 2007-04-21 under SET DATEFIRST 7 (the us_english default).
  v('DATEPART(week) 2007-04-21', "DATEPART(week, '2007-04-21')", '16', DATEPART),
  v('DATEPART(weekday) 2007-04-21', "DATEPART(dw, '2007-04-21')", '7', DATEPART),
  // @@DATEFIRST is the same us_english default (7), so the ISO weekday idiom of date-dimension loads holds: Saturday → 6.
  v('@@DATEFIRST', '@@DATEFIRST', '7', 'https://learn.microsoft.com/en-us/sql/t-sql/functions/datefirst-transact-sql'),
  v('ISO weekday idiom with @@DATEFIRST', "(DATEPART(weekday, '2007-04-21') + @@DATEFIRST - 2) % 7 + 1", '6', DATEPART),
  v('DATEPART(week) 1 January is week 1', "DATEPART(wk, '2022-01-01')", '1', DATEPART),
  v('DATEPART(iso_week)', "DATEPART(iso_week, '2022-01-01')", '52', DATEPART),
  v('YEAR()', "YEAR('2007-04-30T01:01:01.1234567')", '2007', YEAR),
  v('MONTH()', "MONTH('2007-04-30T01:01:01.1234567')", '4', MONTH),
  v('DAY()', "DAY('2007-04-30T01:01:01.1234567')", '30', DAY),
  v('DATENAME(month)', "DATENAME(month, '2007-10-30 12:15:32.1234567')", 'October', DATENAME),
  v('DATENAME(weekday)', "DATENAME(weekday, '2007-10-30 12:15:32.1234567')", 'Tuesday', DATENAME),
  v('DATENAME(year)', "DATENAME(year, '2007-10-30 12:15:32.1234567')", '2007', DATENAME),
  v('DATENAME(dayofyear)', "DATENAME(dy, '2007-10-30 12:15:32.1234567')", '303', DATENAME),
  v('EOMONTH', "EOMONTH('2024-12-01')", '2024-12-31', EOMONTH),
  v('EOMONTH leap February', "EOMONTH('2024-02-10')", '2024-02-29', EOMONTH),
  v('EOMONTH next month', "EOMONTH('2024-12-01', 1)", '2025-01-31', EOMONTH),
  v('EOMONTH previous month', "EOMONTH('2024-12-01', -1)", '2024-11-30', EOMONTH),
  v('DATEFROMPARTS', 'DATEFROMPARTS(2010, 12, 31)', '2010-12-31', PARTS),
  // The clock functions: their values differ run to run, so they are checked against each other
  // and used inside other functions (a misprinted call such as `now()()` fails to parse).
  v('GETDATE and SYSDATETIME agree', 'CASE WHEN ABS(DATEDIFF(second, GETDATE(), SYSDATETIME())) < 60 THEN 1 ELSE 0 END', '1', GETDATE),
  v('MONTH(GETDATE()) is a month', 'CASE WHEN MONTH(GETDATE()) BETWEEN 1 AND 12 AND YEAR(CURRENT_TIMESTAMP) >= 2024 THEN 1 ELSE 0 END', '1', GETDATE),
  v('DATETIMEFROMPARTS', 'DATETIMEFROMPARTS(2010, 12, 31, 23, 59, 59, 0)', '2010-12-31 23:59:59.000', DTPARTS),
  // CONVERT with date styles, on one datetime value.
  ...([
    [101, '12/30/2022'], [103, '30/12/2022'], [104, '30.12.2022'], [105, '30-12-2022'], [110, '12-30-2022'], [111, '2022/12/30'],
    [112, '20221230'], [23, '2022-12-30'], [120, '2022-12-30 00:38:54'], [121, '2022-12-30 00:38:54.840'], [108, '00:38:54'],
    [106, '30 Dec 2022'], [107, 'Dec 30, 2022'], [102, '2022.12.30'],
  ] as const).map(([style, r]) => v(`CONVERT(varchar, datetime, ${style})`, `CONVERT(varchar(30), CAST('2022-12-30 00:38:54.840' AS datetime), ${style})`, r, CONVERT)),
  v('CONVERT(varchar(10), …, 120) keeps the date part', "CONVERT(varchar(10), CAST('2022-12-30 00:38:54.840' AS datetime), 120)", '2022-12-30', CONVERT),
  v('CONVERT(datetime, dd/mm/yyyy, 103)', "CONVERT(datetime, '30/12/2022', 103)", '2022-12-30 00:00:00.000', CONVERT),
  v('CONVERT(date, yyyymmdd, 112)', "CONVERT(date, '20221230', 112)", '2022-12-30', CONVERT),
  v('CONVERT(datetime, mm/dd/yyyy, 101)', "CONVERT(datetime, '12/30/2022', 101)", '2022-12-30 00:00:00.000', CONVERT),
  // DATETRUNC examples for '2021-12-08 11:30:15.1234567' (Dec 8 2021 is a Wednesday; weeks start on Sunday).
  ...([
    ['year', '2021-01-01 00:00:00.0000000'], ['quarter', '2021-10-01 00:00:00.0000000'], ['month', '2021-12-01 00:00:00.0000000'],
    ['week', '2021-12-05 00:00:00.0000000'], ['day', '2021-12-08 00:00:00.0000000'], ['hour', '2021-12-08 11:00:00.0000000'],
    ['minute', '2021-12-08 11:30:00.0000000'], ['second', '2021-12-08 11:30:15.0000000'],
  ] as const).map(([u, r]) => v(`DATETRUNC(${u})`, `DATETRUNC(${u}, '2021-12-08 11:30:15.1234567')`, r, DATETRUNC)),
  // DATETIME2FROMPARTS: "fractions … depends on precision": 5 with precision 1 is half a second, 50 with 2 too.
  v('DATETIME2FROMPARTS precision 1', 'DATETIME2FROMPARTS(2011, 8, 15, 14, 23, 44, 5, 1)', '2011-08-15 14:23:44.5', DOC('datetime2fromparts')),
  v('DATETIME2FROMPARTS precision 2', 'DATETIME2FROMPARTS(2011, 8, 15, 14, 23, 44, 50, 2)', '2011-08-15 14:23:44.5', DOC('datetime2fromparts')),
  v('DATETIME2FROMPARTS precision 0', 'DATETIME2FROMPARTS(2010, 12, 31, 23, 59, 59, 0, 0)', '2010-12-31 23:59:59', DOC('datetime2fromparts')),
  v('SMALLDATETIMEFROMPARTS', 'SMALLDATETIMEFROMPARTS(2010, 12, 31, 23, 59)', '2010-12-31 23:59:00', DOC('smalldatetimefromparts')),
  v('TIMEFROMPARTS', 'TIMEFROMPARTS(23, 59, 59, 0, 0)', '23:59:59', DOC('timefromparts')),
  v('TIMEFROMPARTS with fractions', 'TIMEFROMPARTS(14, 23, 44, 500, 3)', '14:23:44.5', DOC('timefromparts')),
  // ISDATE: "returns 1 if the expression is a valid datetime value; otherwise, 0" (and 0 for NULL).
  v('ISDATE of an ISO timestamp', "ISDATE('2009-05-12 10:19:41.177')", '1', DOC('isdate'), PG_NO_SAFE_CAST),
  v('ISDATE of text', "ISDATE('not a date')", '0', DOC('isdate'), PG_NO_SAFE_CAST),
  v('ISDATE before 1753 (outside datetime)', "ISDATE('1500-01-01')", '0', DOC('isdate'), PG_NO_SAFE_CAST),
  v('ISDATE of NULL', 'ISDATE(NULL)', '0', DOC('isdate'), PG_NO_SAFE_CAST),
  // DATE_BUCKET counts buckets from 1900-01-01 00:00 (a Monday); "DATE_BUCKET raises an error for a string literal".
  v('DATE_BUCKET week', "DATE_BUCKET(WEEK, 1, CAST('2020-04-30 21:21:21' AS datetime2))", '2020-04-27 00:00:00', DOC('date-bucket')),
  v('DATE_BUCKET day', "DATE_BUCKET(DAY, 1, CAST('2020-04-30 21:21:21' AS datetime2))", '2020-04-30 00:00:00', DOC('date-bucket')),
  v('DATE_BUCKET 2 days', "DATE_BUCKET(DAY, 2, CAST('2020-04-30 21:21:21' AS datetime2))", '2020-04-29 00:00:00', DOC('date-bucket')),
  v('DATE_BUCKET month', "DATE_BUCKET(MONTH, 1, CAST('2020-04-30 21:21:21' AS datetime2))", '2020-04-01 00:00:00', DOC('date-bucket')),
  v('DATE_BUCKET quarter', "DATE_BUCKET(QUARTER, 1, CAST('2020-04-30 21:21:21' AS datetime2))", '2020-04-01 00:00:00', DOC('date-bucket')),
  v('DATE_BUCKET year', "DATE_BUCKET(YEAR, 1, CAST('2020-04-30 21:21:21' AS datetime2))", '2020-01-01 00:00:00', DOC('date-bucket')),
  v('DATE_BUCKET hour', "DATE_BUCKET(HOUR, 1, CAST('2020-04-30 21:21:21' AS datetime2))", '2020-04-30 21:00:00', DOC('date-bucket')),
  v('DATE_BUCKET 15 minutes', "DATE_BUCKET(MINUTE, 15, CAST('2020-04-30 21:21:21' AS datetime2))", '2020-04-30 21:15:00', DOC('date-bucket')),
  v('DATE_BUCKET of a date stays a date', "DATE_BUCKET(MONTH, 1, CAST('2020-04-30' AS date))", '2020-04-01', DOC('date-bucket')),
  v('DATE_BUCKET week with an origin', "DATE_BUCKET(WEEK, 1, CAST('2020-04-30 21:21:21' AS datetime2), CAST('2019-12-29' AS datetime2))", '2020-04-26 00:00:00', DOC('date-bucket')),
  // SYSDATETIMEOFFSET: the current date and time with the offset; only its presence is checkable.
  v('SYSDATETIMEOFFSET is now', 'CASE WHEN DATEPART(year, SYSDATETIMEOFFSET()) >= 2024 THEN 1 ELSE 0 END', '1', DOC('sysdatetimeoffset')),
  v('TODATETIMEOFFSET (diagnosed)', "TODATETIMEOFFSET(CAST('2020-01-01' AS datetime2), '-05:00')", '2020-01-01 00:00:00 -05:00', DOC('todatetimeoffset'), { on: OFFSETS }),
  v('SWITCHOFFSET (diagnosed)', "SWITCHOFFSET(CAST('2020-01-01 10:00 +00:00' AS datetimeoffset), '-05:00')", '2020-01-01 05:00:00 -05:00', DOC('switchoffset'), { on: OFFSETS }),
];

runCases('date functions', cases);

export const DATE_CASES = cases;
