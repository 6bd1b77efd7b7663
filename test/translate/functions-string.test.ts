/** String functions, concatenation, LIKE and collation, executed on DuckDB and PostgreSQL. */
import { c, runCases, v, type ExecCase } from './harness.js';

const DOC = (page: string) => `https://learn.microsoft.com/en-us/sql/t-sql/functions/${page}-transact-sql`;
const LIKE = 'https://learn.microsoft.com/en-us/sql/t-sql/language-elements/like-transact-sql';
const PLUS = 'https://learn.microsoft.com/en-us/sql/t-sql/language-elements/string-concatenation-transact-sql';
const COLLATION = 'https://learn.microsoft.com/en-us/sql/relational-databases/collations/collation-and-unicode-support';
const DOC_TEXT = "'Reflectors are vital safety components of your bicycle.'";
const yes = (cond: string) => `CASE WHEN ${cond} THEN 1 ELSE 0 END`;

const cases: ExecCase[] = [
  // LEN excludes trailing spaces; DATALENGTH counts bytes (varchar: one per character).
  // LEN "excludes trailing spaces"; DATALENGTH "returns the number of bytes used to represent any expression".
  v('LEN ignores trailing spaces', "LEN('abc  ')", '3', DOC('len')),
  v('DATALENGTH counts them', "DATALENGTH('abc  ')", '5', DOC('datalength')),
  v('LEN keeps leading spaces', "LEN('  ab')", '4', DOC('len')),
  v('LEN of NULL', 'LEN(NULL)', null, DOC('len')),
  v('CHARINDEX', `CHARINDEX('bicycle', ${DOC_TEXT})`, '48', DOC('charindex')),
  v('CHARINDEX with start', `CHARINDEX('vital', ${DOC_TEXT}, 5)`, '16', DOC('charindex')),
  v('CHARINDEX not found', `CHARINDEX('bike', ${DOC_TEXT})`, '0', DOC('charindex')),
  v('CHARINDEX start past the match', `CHARINDEX('vital', ${DOC_TEXT}, 20)`, '0', DOC('charindex')),
  v('CHARINDEX is case-insensitive under ci', "CHARINDEX('TEST', 'This is a Test')", '11', DOC('charindex')),
  v('CHARINDEX is case-sensitive under cs', "CHARINDEX('TEST', 'This is a Test')", '0', DOC('charindex'), { collation: 'cs' }),
  v('PATINDEX', "PATINDEX('%ter%', 'interesting data')", '3', DOC('patindex')),
  v('PATINDEX with _', "PATINDEX('%en_ure%', 'Please ensure the door is locked!')", '8', DOC('patindex')),
  v('PATINDEX with a negated class', "PATINDEX('%[^ 0-9A-Za-z]%', 'Please ensure the door is locked!')", '33', DOC('patindex')),
  v('PATINDEX anchored', "PATINDEX('int%', 'interesting data')", '1', DOC('patindex')),
  v('PATINDEX no match', "PATINDEX('%xyz%', 'interesting data')", '0', DOC('patindex')),
  v('STUFF', "STUFF('abcdef', 2, 3, 'ijklmn')", 'aijklmnef', DOC('stuff')),
  v('STUFF start beyond length is NULL', "STUFF('abc', 5, 1, 'x')", null, DOC('stuff')),
  v('STUFF deletes with an empty insert', "STUFF('abcdef', 2, 3, '')", 'aef', DOC('stuff')),
  v('REPLICATE', "REPLICATE('ab', 3)", 'ababab', DOC('replicate')),
  v('REPLICATE negative is NULL', "REPLICATE('ab', -1)", null, DOC('replicate')),
  v('SPACE', "'a' + SPACE(2) + 'b'", 'a  b', DOC('space')),
  v('LEFT', "LEFT('abcdefg', 2)", 'ab', DOC('left')),
  v('RIGHT', "RIGHT('abcdefg', 2)", 'fg', DOC('right')),
  v('SUBSTRING', "SUBSTRING('abcdef', 2, 3)", 'bcd', DOC('substring')),
  v('SUBSTRING start 0 counts the missing position', "SUBSTRING('abcdef', 0, 3)", 'ab', DOC('substring')),
  v('LTRIM', "LTRIM('     Five spaces are at the beginning of this string.')", 'Five spaces are at the beginning of this string.', DOC('ltrim')),
  v('RTRIM', "RTRIM('Removes trailing spaces.   ')", 'Removes trailing spaces.', DOC('rtrim')),
  v('TRIM', "TRIM('     test    ')", 'test', DOC('trim')),
  v('LTRIM with characters', "LTRIM('123abc.', '123.')", 'abc.', DOC('ltrim')),
  v('RTRIM with characters', "RTRIM('.123abc.', 'abc.')", '.123', DOC('rtrim')),
  v('UPPER', "UPPER('Abc')", 'ABC', DOC('upper')),
  v('LOWER', "LOWER('AbC')", 'abc', DOC('lower')),
  v('REPLACE', "REPLACE('abcdefghicde', 'cde', 'xxx')", 'abxxxfghixxx', DOC('replace')),
  v('REPLACE is case-insensitive under ci', "REPLACE('This is a Test', 'test', 'desk')", 'This is a desk', DOC('replace')),
  v('REPLACE is case-sensitive under cs', "REPLACE('This is a Test', 'test', 'desk')", 'This is a Test', DOC('replace'), { collation: 'cs' }),
  v('REPLACE escapes regex characters under ci', "REPLACE('a.b.C', '.c', '!')", 'a.b!', DOC('replace')),
  v('REVERSE', "REVERSE('abc')", 'cba', DOC('reverse')),
  v('ASCII', "ASCII('A')", '65', DOC('ascii')),
  v('CHAR', 'CHAR(65)', 'A', DOC('char')),
  v('TRANSLATE', "TRANSLATE('2*[3+4]/{7-2}', '[]{}', '()()')", '2*(3+4)/(7-2)', DOC('translate')),
  v('CONCAT', "CONCAT('Happy ', 'Birthday ', 11, '/', '25')", 'Happy Birthday 11/25', DOC('concat')),
  v('CONCAT treats NULL as empty', "CONCAT('a', NULL, 'b')", 'ab', DOC('concat')),
  v('CONCAT_WS skips NULL', "CONCAT_WS(',', '1 Microsoft Way', NULL, NULL, 'Redmond', 'WA', 98052)", '1 Microsoft Way,Redmond,WA,98052', DOC('concat-ws')),
  v("'+' concatenates strings", "'book' + 'case'", 'bookcase', PLUS),
  v("'+' with NULL yields NULL", "'abc' + NULL + 'def'", null, PLUS),
  v("'+' with a CAST number", "'Order ' + CAST(42 AS varchar(10))", 'Order 42', PLUS),
  v("'+' nested in parentheses", "('a' + 'b') + ('c' + 'd')", 'abcd', PLUS),
  // LIKE: wildcard characters and [] classes.
  v('LIKE range class', yes("'Carsen' LIKE '[C-P]arsen'"), '1', LIKE),
  v('LIKE range class miss', yes("'Barsen' LIKE '[C-P]arsen'"), '0', LIKE),
  v('LIKE negated class', yes("'Larsen' LIKE '[^L]arsen'"), '0', LIKE),
  v('LIKE set class', yes("'Cheryl' LIKE '[CK]heryl'"), '1', LIKE),
  v('LIKE underscore', yes("'dean' LIKE '_ean'"), '1', LIKE),
  v('LIKE percent', yes("'Stevenson' LIKE '%son'"), '1', LIKE),
  v('NOT LIKE', yes("'Stevenson' NOT LIKE 'St%'"), '0', LIKE),
  v('LIKE is case-insensitive under ci', yes("'ABC' LIKE 'a%'"), '1', LIKE),
  v('LIKE is case-sensitive under cs', yes("'ABC' LIKE 'a%'"), '0', LIKE, { collation: 'cs' }),
  v('LIKE class is case-insensitive under ci', yes("'abc' LIKE '[A-C]%'"), '1', LIKE),
  v('= is case-insensitive under ci', yes("'Hello' = 'HELLO'"), '1', COLLATION),
  v('= is case-sensitive under cs', yes("'Hello' = 'HELLO'"), '0', COLLATION, { collation: 'cs' }),
  v('IN list is case-insensitive under ci', yes("'b' IN ('A', 'B')"), '1', COLLATION),
  v('< orders case-insensitively under ci', yes("'a' < 'B'"), '1', COLLATION),
  c('STRING_AGG of literals', "SELECT STRING_AGG(x, ', ') FROM (VALUES ('a'), ('b')) AS t (x)", [['a, b']], DOC('string-agg'), {
    on: { duckdb: 'exact', postgres: 'exact' },
  }),
];

runCases('string functions', cases);
