import { describe, expect, it } from 'vitest';
import { Lexer, type Token } from '../../src/tsql/index.js';

function lex(text: string): Token[] {
  const lx = new Lexer(text, 't.sql');
  const out: Token[] = [];
  for (let t = lx.next(); t.kind !== 'eof'; t = lx.next()) out.push(t);
  return out;
}
const kv = (text: string) => lex(text).map((t) => [t.kind, t.value]);

describe('lexer', () => {
  it('reads bracketed and double-quoted identifiers with doubled-quote escapes', () => {
    expect(kv('[Order Details] [a]]b] "x""y"')).toEqual([['qident', 'Order Details'], ['qident', 'a]b'], ['qident', 'x"y']]);
  });

  it("reads N'…' and '…' strings with '' escapes, across lines", () => {
    const t = lex("N'O''Brien' 'a\nb'");
    expect(t.map((x) => [x.kind, x.value, x.flag])).toEqual([['string', "O'Brien", 'N'], ['string', 'a\nb', undefined]]);
  });

  it('reads binary, money, decimal and scientific literals', () => {
    expect(kv('0x1F 0x $12.50 $-3 1.5 .5 1e10 2.5E-3 42')).toEqual([
      ['binary', '0x1F'], ['binary', '0x'], ['money', '$12.50'], ['money', '$-3'], ['number', '1.5'], ['number', '.5'],
      ['number', '1e10'], ['number', '2.5E-3'], ['number', '42'],
    ]);
  });

  it('reads variables, globals, temp tables and multi-part names', () => {
    expect(kv('@x @@ROWCOUNT #t ##g a.b.c.d a..b')).toEqual([
      ['variable', '@x'], ['variable', '@@ROWCOUNT'], ['word', '#T'], ['word', '##G'],
      ['word', 'A'], ['op', '.'], ['word', 'B'], ['op', '.'], ['word', 'C'], ['op', '.'], ['word', 'D'],
      ['word', 'A'], ['op', '.'], ['op', '.'], ['word', 'B'],
    ]);
  });

  it('reads multi-character operators', () => {
    expect(kv('<> != <= >= !< !> += -= *= /= %= &= |= ^= ::').map((x) => x[1])).toEqual(['<>', '!=', '<=', '>=', '!<', '!>', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '::']);
  });

  it('nests block comments and attaches comments to the next token', () => {
    const t = lex('/* a /* b */ c */ SELECT -- trailing\n1');
    expect(t.map((x) => x.value)).toEqual(['SELECT', '1']);
    expect(t[0]!.leading?.map((c) => c.text)).toEqual(['/* a /* b */ c */']);
    expect(t[1]!.leading?.map((c) => c.text)).toEqual(['-- trailing']);
  });

  it('reads sqlcmd directive lines and $(Var) references', () => {
    const t = lex(':setvar DatabaseName "Sales"\n:r .\\x.sql\nUSE [$(DatabaseName)]\nSELECT $(Var)');
    expect(t.map((x) => [x.kind, x.value])).toEqual([
      ['sqlcmd', ':setvar DatabaseName "Sales"'], ['sqlcmd', ':r .\\x.sql'], ['word', 'USE'], ['qident', '$(DatabaseName)'],
      ['word', 'SELECT'], ['sqlcmdvar', 'Var'],
    ]);
  });

  it('recognises GO only alone on its line', () => {
    const t = lex('SELECT go\nGO\n  go 3 -- c\nGO;\nselect 1 GO');
    expect(t.map((x) => [x.kind, x.value])).toEqual([
      ['word', 'SELECT'], ['word', 'GO'], ['go', '1'], ['go', '3'], ['go', '1'], ['word', 'SELECT'], ['number', '1'], ['word', 'GO'],
    ]);
  });

  it('gives exact lines and columns with CRLF and LF line ends', () => {
    const t = lex('SELECT\r\n  a,\n\tb');
    expect(t.map((x) => [x.value, x.line, x.col])).toEqual([['SELECT', 1, 1], ['A', 2, 3], [',', 2, 4], ['B', 3, 2]]);
  });

  it('counts lines inside multi-line strings and comments', () => {
    const t = lex("'a\nb' /* x\ny\n*/ z");
    expect(t.map((x) => [x.value, x.line])).toEqual([['a\nb', 1], ['Z', 4]]);
  });

  it('accepts Unicode letters in identifiers', () => {
    expect(kv('Größe Ñandú')).toEqual([['word', 'GRÖSSE'], ['word', 'ÑANDÚ']]);
  });

  it('reports unterminated strings, identifiers and comments with their position', () => {
    for (const [text, code] of [["SELECT 'abc", 'MD1010'], ['SELECT [abc', 'MD1012'], ['SELECT /* abc', 'MD1011']] as const) {
      const lx = new Lexer(text, 'bad.sql');
      while (lx.next().kind !== 'eof');
      expect(lx.diagnostics.map((d) => [d.code, d.span?.line, d.span?.col])).toEqual([[code, 1, 8]]);
    }
  });

  it('reports and skips a character no token can start with', () => {
    const lx = new Lexer('SELECT ` 1', 'x.sql');
    const toks: string[] = [];
    for (let t = lx.next(); t.kind !== 'eof'; t = lx.next()) toks.push(t.value);
    expect(toks).toEqual(['SELECT', '1']);
    expect(lx.diagnostics.map((d) => d.code)).toEqual(['MD1013']);
  });
});
