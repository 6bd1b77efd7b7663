import { diagnostic, type Diagnostic } from '../diagnostics/index.js';
import type { Span } from '../diagnostics/span.js';
import type { Comment, Token, TokenKind } from './tokens.js';

// Character classes by code, built once: the lexer is the hot loop of every stage.
const IDENT_START = new Uint8Array(128);
const IDENT_PART = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_#]/.test(ch)) IDENT_START[c] = 1;
  if (/[A-Za-z0-9_#@$]/.test(ch)) IDENT_PART[c] = 1;
}
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isHex = (c: number): boolean => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12 || c === 0xa0 || c === 0xfeff;
const identStart = (c: number): boolean => (c < 128 ? IDENT_START[c] === 1 : isUnicodeLetter(c));
const identPart = (c: number): boolean => (c < 128 ? IDENT_PART[c] === 1 : isUnicodeLetter(c));
// T-SQL identifiers may use any Unicode letter (Standard 3.2); digits and marks follow.
const isUnicodeLetter = (c: number): boolean => c !== 0xa0 && c !== 0xfeff && c !== 0xfffd && /[\p{L}\p{N}\p{M}]/u.test(String.fromCharCode(c));

/** Characters that start an operator or punctuation token, and their one-character text. */
const OP_START = new Uint8Array(128);
const OP1_TEXT: string[] = [];
for (const ch of '(),.;+-*/%=<>&|^~{}:!') {
  OP_START[ch.charCodeAt(0)] = 1;
  OP1_TEXT[ch.charCodeAt(0)] = ch;
}
/** First characters of the two-character operators ending in '=': != <= >= += -= *= /= %= &= |= ^= */
const OP2_BEFORE_EQ = new Uint8Array(128);
for (const ch of '!<>+-*/%&|^') OP2_BEFORE_EQ[ch.charCodeAt(0)] = 1;

/**
 * Pull lexer over one script. Tokens are produced on demand so a 50 MB script never holds more
 * than the parser's lookahead in memory; comments ride on the following token.
 */
export class Lexer {
  private pos = 0;
  private line = 1;
  private lineStartOffset = 0;
  /** Whether a token has been produced on the current line yet. */
  private tokenOnLine = false;
  readonly diagnostics: Diagnostic[] = [];

  constructor(readonly text: string, readonly file: string, startOffset = 0, startLine = 1) {
    this.pos = startOffset;
    this.line = startLine;
    // Column of the first token is relative to the true line start even when we begin mid-line.
    this.lineStartOffset = startOffset - 0;
    if (startOffset > 0) {
      const nl = text.lastIndexOf('\n', startOffset - 1);
      this.lineStartOffset = nl + 1;
    }
  }

  span(offset: number, end: number, line: number, col: number): Span {
    return { file: this.file, line, col, offset, end };
  }

  next(): Token {
    const text = this.text;
    const len = text.length;
    let comments: Comment[] | undefined;
    // Skip white space and collect comments (a local position: this loop runs once per character).
    let pos = this.pos;
    for (;;) {
      if (pos >= len) break;
      const c = text.charCodeAt(pos);
      if (c === 32 || c === 9 || c === 13) {
        pos++;
        continue;
      }
      if (c === 10) {
        pos++;
        this.line++;
        this.lineStartOffset = pos;
        this.tokenOnLine = false;
        continue;
      }
      if (isSpace(c)) {
        pos++;
        continue;
      }
      if (c === 45 && text.charCodeAt(pos + 1) === 45) {
        const start = pos;
        let e = text.indexOf('\n', start);
        if (e < 0) e = len;
        let stop = e;
        if (stop > start && text.charCodeAt(stop - 1) === 13) stop--;
        (comments ??= []).push({ text: text.slice(start, stop), block: false, span: this.span(start, stop, this.line, start - this.lineStartOffset + 1) });
        pos = stop;
        continue;
      }
      if (c === 47 && text.charCodeAt(pos + 1) === 42) {
        this.pos = pos;
        (comments ??= []).push(this.blockComment());
        pos = this.pos;
        continue;
      }
      break;
    }
    this.pos = pos;
    const tok = this.scanToken();
    if (comments) tok.leading = comments;
    return tok;
  }

  /** Block comments nest in T-SQL: `/* a /* b *\/ c *\/` is one comment. */
  private blockComment(): Comment {
    const text = this.text;
    const start = this.pos;
    const line = this.line;
    const col = start - this.lineStartOffset + 1;
    let depth = 0;
    let i = start;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 47 && text.charCodeAt(i + 1) === 42) {
        depth++;
        i += 2;
      } else if (c === 42 && text.charCodeAt(i + 1) === 47) {
        depth--;
        i += 2;
        if (depth === 0) break;
      } else {
        if (c === 10) {
          this.line++;
          this.lineStartOffset = i + 1;
        }
        i++;
      }
    }
    if (depth > 0) this.diagnostics.push(diagnostic('MD1011', {}, this.span(start, start + 2, line, col), 'close it with */ (comments nest: every /* needs its own */)'));
    this.pos = i;
    return { text: text.slice(start, i), block: true, span: this.span(start, i, line, col) };
  }

  private make(kind: TokenKind, start: number, value: string, line: number, col: number, lineStart: boolean, flag?: string, text?: string): Token {
    // Every token has the same fields in the same order: one hidden class keeps the parser's
    // property reads monomorphic, which is most of its speed.
    return { kind, text: text ?? this.text.slice(start, this.pos), value, offset: start, end: this.pos, line, col, lineStart, leading: undefined, claimed: undefined, claimedBy: undefined, flag };
  }

  private scanToken(): Token {
    const text = this.text;
    const start = this.pos;
    const line = this.line;
    const col = start - this.lineStartOffset + 1;
    const lineStart = !this.tokenOnLine;
    this.tokenOnLine = true;
    if (start >= text.length) return this.make('eof', start, '', line, col, lineStart);
    const c = text.charCodeAt(start);
    const c1 = text.charCodeAt(start + 1);

    // The two commonest tokens first: words (not an N'…' string) and operators (not a .5 number
    // or a sqlcmd line).
    if (c < 128) {
      if (IDENT_START[c] === 1 && !((c === 78 || c === 110) && c1 === 39)) return this.word(c, start, line, col, lineStart);
      if (OP_START[c] === 1 && !(c === 46 && isDigit(c1)) && !(c === 58 && lineStart && c1 !== 58)) return this.operator(c, c1, start, line, col, lineStart);
    }

    // N'unicode string'
    if ((c === 78 || c === 110) && c1 === 39) {
      this.pos = start + 1;
      const value = this.quoted(39, start, line, col, 'MD1010');
      return this.make('string', start, value, line, col, lineStart, 'N');
    }
    if (c === 39) {
      const value = this.quoted(39, start, line, col, 'MD1010');
      return this.make('string', start, value, line, col, lineStart);
    }
    if (c === 91) {
      const value = this.quoted(93, start, line, col, 'MD1012');
      return this.make('qident', start, value, line, col, lineStart, '[');
    }
    if (c === 34) {
      const value = this.quoted(34, start, line, col, 'MD1012');
      return this.make('qident', start, value, line, col, lineStart, '"');
    }
    // 0x binary literal (0x alone is a valid empty binary).
    if (c === 48 && (c1 === 120 || c1 === 88)) {
      let i = start + 2;
      while (i < text.length && isHex(text.charCodeAt(i))) i++;
      this.pos = i;
      return this.make('binary', start, text.slice(start, i), line, col, lineStart);
    }
    if (isDigit(c) || (c === 46 && isDigit(c1))) {
      this.number(start);
      const n = text.slice(start, this.pos);
      return this.make('number', start, n, line, col, lineStart, undefined, n);
    }
    // $12.50 money, $(Var) sqlcmd variable, $action / $identity pseudo-columns.
    if (c === 36) {
      if (c1 === 40) {
        const close = text.indexOf(')', start);
        const nl = text.indexOf('\n', start);
        if (close > 0 && (nl < 0 || close < nl)) {
          this.pos = close + 1;
          return this.make('sqlcmdvar', start, text.slice(start + 2, close), line, col, lineStart);
        }
      }
      if (isDigit(c1) || c1 === 46 || c1 === 45 || c1 === 43) {
        this.pos = start + 1;
        if (text.charCodeAt(this.pos) === 45 || text.charCodeAt(this.pos) === 43) this.pos++;
        this.number(this.pos);
        return this.make('money', start, text.slice(start, this.pos), line, col, lineStart);
      }
      if (identStart(c1)) {
        let i = start + 1;
        while (i < text.length && identPart(text.charCodeAt(i))) i++;
        this.pos = i;
        return this.make('word', start, text.slice(start, i).toUpperCase(), line, col, lineStart);
      }
    }
    if (c === 64) {
      let i = start + 1;
      if (text.charCodeAt(i) === 64) i++;
      while (i < text.length && identPart(text.charCodeAt(i))) i++;
      this.pos = i;
      const v = text.slice(start, i);
      return this.make('variable', start, v, line, col, lineStart, undefined, v);
    }
    if (identStart(c)) return this.word(c, start, line, col, lineStart);
    // sqlcmd directive: a line starting with ':' and a letter, e.g. `:r .\file.sql`, `:setvar X 1`.
    if (c === 58 && lineStart && ((c1 >= 65 && c1 <= 90) || (c1 >= 97 && c1 <= 122) || c1 === 33)) {
      let e = text.indexOf('\n', start);
      if (e < 0) e = text.length;
      if (e > start && text.charCodeAt(e - 1) === 13) e--;
      this.pos = e;
      return this.make('sqlcmd', start, text.slice(start, e).trim(), line, col, lineStart);
    }
    if (c < 128 && OP_START[c] === 1) return this.operator(c, c1, start, line, col, lineStart);
    // Unknown character: report it and skip it so lexing always advances.
    const cp = text.codePointAt(start)!;
    this.pos = start + (cp > 0xffff ? 2 : 1);
    this.diagnostics.push(diagnostic('MD1013', { char: JSON.stringify(String.fromCodePoint(cp)) }, this.span(start, this.pos, line, col)));
    return this.next();
  }

  /** An unquoted identifier or keyword (or a GO line). */
  private word(c: number, start: number, line: number, col: number, lineStart: boolean): Token {
    const text = this.text;
    let i = start + 1;
    // Most keywords are written in capitals: when no lower-case letter occurs, the word is its
    // own upper-case value and needs no second string.
    let lower = c >= 97 && c <= 122;
    for (; i < text.length; i++) {
      const d = text.charCodeAt(i);
      if (!identPart(d)) break;
      if (d >= 97 && d <= 122) lower = true;
      else if (d >= 128) lower = true;
    }
    this.pos = i;
    const word = text.slice(start, i);
    if (lineStart && i - start === 2 && (word === 'GO' || word === 'go' || word === 'Go' || word === 'gO')) {
      const go = this.tryBatchSeparator(start, line, col);
      if (go) return go;
    }
    return this.make('word', start, lower ? word.toUpperCase() : word, line, col, lineStart, undefined, word);
  }

  /** Punctuation and operators, the two-character ones included. */
  private operator(c: number, c1: number, start: number, line: number, col: number, lineStart: boolean): Token {
    const text = this.text;
    // Two-character operators: a first char that can start one and a second that completes it.
    if (c1 === 61 /* = */ && OP2_BEFORE_EQ[c] === 1) {
      this.pos = start + 2;
      return this.make('op', start, text.slice(start, start + 2), line, col, lineStart);
    }
    if ((c === 60 && c1 === 62) /* <> */ || (c === 33 && (c1 === 60 || c1 === 62)) /* !< !> */ || (c === 58 && c1 === 58) /* :: */) {
      this.pos = start + 2;
      return this.make('op', start, text.slice(start, start + 2), line, col, lineStart);
    }
    this.pos = start + 1;
    const op = OP1_TEXT[c]!;
    return this.make('op', start, op, line, col, lineStart, undefined, op);
  }

  /** Reads digits, an optional fraction and exponent. */
  private number(from: number): void {
    const text = this.text;
    let i = from;
    while (i < text.length && isDigit(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) === 46) {
      i++;
      while (i < text.length && isDigit(text.charCodeAt(i))) i++;
    }
    const e = text.charCodeAt(i);
    if (e === 101 || e === 69) {
      let j = i + 1;
      const s = text.charCodeAt(j);
      if (s === 43 || s === 45) j++;
      if (isDigit(text.charCodeAt(j))) {
        while (j < text.length && isDigit(text.charCodeAt(j))) j++;
        i = j;
      }
    }
    this.pos = i;
  }

  /**
   * Reads a quoted run whose closing quote doubles as its escape ('' in strings, ]] in brackets).
   * Newlines inside are counted so later positions stay right.
   */
  private quoted(close: number, start: number, line: number, col: number, code: 'MD1010' | 'MD1012'): string {
    const text = this.text;
    let i = this.pos + 1;
    let out = '';
    let runStart = i;
    const closeChar = close === 39 ? "'" : close === 93 ? ']' : '"';
    for (;;) {
      const q = text.indexOf(closeChar, i);
      if (q < 0) {
        this.countLines(runStart, text.length);
        this.pos = text.length;
        this.diagnostics.push(diagnostic(code, {}, this.span(start, start + 1, line, col), code === 'MD1010' ? "close the string with ' (write '' for a quote inside it)" : 'close the identifier'));
        return out + text.slice(runStart);
      }
      if (text.charCodeAt(q + 1) === close) {
        out += text.slice(runStart, q + 1);
        i = q + 2;
        runStart = i;
        continue;
      }
      out += text.slice(runStart, q);
      this.countLines(this.pos, q);
      this.pos = q + 1;
      return out;
    }
  }

  private countLines(from: number, to: number): void {
    const text = this.text;
    // A scan bounded by `to`: indexOf would run on to the end of the line for every string.
    for (let i = from; i < to; i++) {
      if (text.charCodeAt(i) === 10) {
        this.line++;
        this.lineStartOffset = i + 1;
      }
    }
  }

  /** `GO`, `GO 5`, `GO -- comment` alone on its line separate batches; anything else is a word. */
  private tryBatchSeparator(start: number, line: number, col: number): Token | undefined {
    const text = this.text;
    let i = this.pos;
    while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    let count = '';
    const digitsStart = i;
    while (i < text.length && isDigit(text.charCodeAt(i))) i++;
    count = text.slice(digitsStart, i);
    while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    const c = text.charCodeAt(i);
    const atEol = i >= text.length || c === 10 || c === 13 || (c === 45 && text.charCodeAt(i + 1) === 45) || c === 59;
    if (!atEol) return undefined;
    if (c === 59) i++; // `GO;` is accepted by SSMS too
    this.pos = i;
    return this.make('go', start, count || '1', line, col, true);
  }
}
