import { diagnostic, type Diagnostic } from '../../diagnostics/index.js';
import type { Span } from '../../diagnostics/span.js';
import type { Comment, Identifier, ObjectName, RawTokens } from '../ast/index.js';
import { NOT_AN_ALIAS, RESERVED, STATEMENT_START } from '../keywords.js';
import { Lexer } from '../lexer.js';
import type { Token } from '../tokens.js';

/** Thrown inside the parser only, caught at the statement boundary and turned into a diagnostic. */
export class SyntaxError_ extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

/**
 * Where a node began: its first token. The comments the node claims move from the token's
 * `leading` to its `claimed` field, so marking allocates nothing (it runs once per node).
 */
export type Mark = Token;

/** Shared empty result of closeCommentFrame; never pushed to. */
const NO_COMMENTS: Comment[] = [];

/** The deepest nesting the parser follows before it reports MD1101 (far beyond real code). */
export const MAX_DEPTH = 400;

/**
 * Token access, node construction and the small grammar pieces every statement family uses
 * (names, identifiers, verbatim token runs). Statement families live in sibling modules as
 * functions over this class.
 */
export class ParserCore {
  private readonly lexer: Lexer;
  private buf: Token[] = [];
  private bi = 0;
  /** End offset of the last consumed token, for node spans. */
  prevEnd = 0;
  prevTok: Token | undefined;
  readonly diagnostics: Diagnostic[] = [];
  /** Unclaimed comments per open statement (innermost last). */
  /** One entry per open statement; null until the statement has a loose comment (most never do). */
  private looseStack: (Comment[] | null)[] = [];
  depth = 0;
  /** Index of the statement being parsed within its batch (a bare procedure name is a call only at 0). */
  batchStatementIndex = 0;

  constructor(readonly text: string, readonly file: string) {
    this.lexer = new Lexer(text, file);
  }

  get lexDiagnostics(): Diagnostic[] {
    return this.lexer.diagnostics;
  }

  peek(k = 0): Token {
    const i = this.bi + k;
    if (i < this.buf.length) return this.buf[i]!;
    while (i >= this.buf.length) {
      const last = this.buf[this.buf.length - 1];
      if (last && last.kind === 'eof') return last;
      this.buf.push(this.lexer.next());
    }
    return this.buf[i]!;
  }

  next(): Token {
    const t = this.peek();
    if (t.kind === 'eof') return t;
    this.bi++;
    if (this.bi > 256) {
      this.buf = this.buf.slice(this.bi);
      this.bi = 0;
    }
    if (t.leading) {
      const top = this.looseStack.length - 1;
      if (top >= 0) (this.looseStack[top] ??= []).push(...t.leading);
      else this.orphanComments.push(...t.leading);
      t.leading = undefined;
    }
    this.prevEnd = t.end;
    this.prevTok = t;
    return t;
  }

  /** Comments consumed outside any statement (before GO, at the end of a file). */
  orphanComments: Comment[] = [];

  openCommentFrame(): void {
    this.looseStack.push(null);
  }

  /**
   * Ends a statement's comment frame and returns its unclaimed comments. A mark whose node was
   * never built (an optional clause that turned out absent) leaves its comments here too, so no
   * comment is ever dropped.
   */
  closeCommentFrame(): Comment[] {
    let frame = this.looseStack.pop() ?? NO_COMMENTS;
    if (this.looseStack.length === 0 && this.claimedTokens.length) {
      if (frame === NO_COMMENTS) frame = [];
      for (const t of this.claimedTokens) {
        if (!t.claimedBy && t.claimed && t.offset < this.prevEnd) frame.push(...t.claimed);
        if (t.offset < this.prevEnd) t.claimed = t.claimed && !t.claimedBy ? undefined : t.claimed;
      }
      this.claimedTokens = this.claimedTokens.filter((t) => t.offset >= this.prevEnd);
    }
    return frame;
  }

  // ---- token tests ----
  isWord(w: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'word' && t.value === w;
  }
  isWordIn(set: ReadonlySet<string>, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'word' && set.has(t.value);
  }
  isOp(o: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'op' && t.value === o;
  }
  eatWord(w: string): boolean {
    if (this.isWord(w)) {
      this.next();
      return true;
    }
    return false;
  }
  eatWords(...ws: string[]): boolean {
    for (let i = 0; i < ws.length; i++) if (!this.isWord(ws[i]!, i)) return false;
    for (let i = 0; i < ws.length; i++) this.next();
    return true;
  }
  eatOp(o: string): boolean {
    if (this.isOp(o)) {
      this.next();
      return true;
    }
    return false;
  }
  expectWord(w: string): Token {
    if (!this.isWord(w)) this.fail(w);
    return this.next();
  }
  expectOp(o: string): Token {
    if (!this.isOp(o)) this.fail(`'${o}'`);
    return this.next();
  }
  /** Accepts one of several words and returns which. */
  expectOneOf(ws: readonly string[]): string {
    const t = this.peek();
    if (t.kind === 'word' && ws.includes(t.value)) {
      this.next();
      return t.value;
    }
    this.fail(ws.join(', '));
  }

  atEnd(): boolean {
    const t = this.peek();
    return t.kind === 'eof' || t.kind === 'go';
  }

  describe(t: Token): string {
    switch (t.kind) {
      case 'eof':
        return 'end of input';
      case 'go':
        return 'GO (end of batch)';
      case 'string':
        return 'a string';
      case 'number':
        return `number ${t.text}`;
      default:
        return `'${t.text.length > 30 ? t.text.slice(0, 30) + '…' : t.text}'`;
    }
  }

  spanOf(t: Token): Span {
    return { file: this.file, line: t.line, col: t.col, offset: t.offset, end: t.end };
  }

  fail(expected: string, at: Token = this.peek()): never {
    throw new SyntaxError_(diagnostic('MD1100', { expected, found: this.describe(at) }, this.spanOf(at)));
  }

  /** Guards recursion so 10,000 nested parentheses give MD1101, not a stack overflow. */
  enter(): void {
    if (++this.depth > MAX_DEPTH) {
      const t = this.peek();
      this.depth = 0;
      throw new SyntaxError_(diagnostic('MD1101', { limit: MAX_DEPTH }, this.spanOf(t)));
    }
  }
  leave(): void {
    this.depth--;
  }

  // ---- node construction ----
  /** Starts a node at the next token and claims the comments before it. */
  mark(): Mark {
    const tok = this.peek();
    if (tok.leading) {
      tok.claimed = tok.leading;
      tok.leading = undefined;
      this.claimedTokens.push(tok);
    }
    return tok;
  }

  /** Tokens whose comments a mark claimed, checked when the statement closes (see closeCommentFrame). */
  private claimedTokens: Token[] = [];

  spanFrom(m: Mark): Span {
    const t = m;
    return { file: this.file, line: t.line, col: t.col, offset: t.offset, end: Math.max(this.prevEnd, t.offset) };
  }

  /** Finishes a node: adds its span and the comments its first token carried. */
  finish<T extends object>(m: Mark, node: T): T & { span: Span } {
    const n = node as T & { span: Span; comments?: Comment[] };
    n.span = this.spanFrom(m);
    return this.claim(m, n);
  }

  /**
   * Like finish for a node built with its `span` already in the literal (`span: p.spanFrom(m)`):
   * used on the hottest node kinds, whose objects then never change shape after creation.
   */
  claim<T extends object>(m: Mark, node: T): T {
    const n = node as T & { comments?: Comment[] };
    if (m.claimed) {
      // Nodes finish inner-first; the outermost node starting at this token (finished last) keeps
      // the comments, so a node rebuilt or discarded by its parent never takes them with it.
      if (m.claimedBy) delete (m.claimedBy as { comments?: unknown }).comments;
      n.comments = m.claimed;
      m.claimedBy = n;
    }
    return n;
  }

  // ---- names ----
  /** A word that may be an identifier here: not reserved (unless `allowReserved`). */
  isIdentifierStart(k = 0, allowReserved = false): boolean {
    const t = this.peek(k);
    if (t.kind === 'qident' || t.kind === 'sqlcmdvar') return true;
    if (t.kind !== 'word') return false;
    return allowReserved || !RESERVED.has(t.value);
  }

  /** Can the next token be a bare (AS-less) alias? */
  isBareAlias(): boolean {
    const t = this.peek();
    if (t.kind === 'qident') return true;
    if (t.kind !== 'word') return false;
    return !RESERVED.has(t.value) && !NOT_AN_ALIAS.has(t.value) && !t.value.startsWith('$');
  }

  identifier(allowReserved = false): Identifier {
    const t = this.peek();
    if (!this.isIdentifierStart(0, allowReserved)) this.fail('an identifier');
    const m = this.mark();
    this.next();
    let quote: Identifier['quote'] = 'none';
    let name = t.text;
    if (t.kind === 'qident') {
      quote = t.flag === '[' ? 'bracket' : 'double';
      name = t.value;
    } else if (t.kind === 'sqlcmdvar') {
      quote = 'sqlcmd';
      name = t.value;
    }
    return this.claim(m, { kind: 'Identifier' as const, name, quote, span: this.spanFrom(m) });
  }

  /** Identifier from a string literal (`AS 'alias'`, string options). */
  identifierFromString(): Identifier {
    const m = this.mark();
    const t = this.next();
    return this.finish(m, { kind: 'Identifier' as const, name: t.value, quote: 'none' as const });
  }

  /**
   * A multi-part name `a.b.c.d`, with empty parts in `db..t`. Reserved words are allowed after
   * the first dot (`sys.objects`, `t.[key]`, `x.value` are all fine there).
   */
  objectName(allowReservedFirst = false): ObjectName {
    const m = this.mark();
    const parts: (Identifier | null)[] = [];
    if (this.isOp('.')) parts.push(null);
    else parts.push(this.identifier(allowReservedFirst));
    while (this.isOp('.') && !this.isOp('*', 1) && parts.length < 4) {
      this.next();
      if (this.isOp('.')) {
        parts.push(null);
        continue;
      }
      parts.push(this.identifier(true));
    }
    return this.claim(m, { kind: 'ObjectName' as const, parts, span: this.spanFrom(m) });
  }

  nameFromIdentifier(id: Identifier): ObjectName {
    return { kind: 'ObjectName', parts: [id], span: id.span };
  }

  // ---- verbatim runs ----
  /**
   * Collects tokens verbatim while `more()` holds, balancing parentheses, so nested `( … )`
   * stay inside the run. Stops at the end of the batch.
   */
  rawWhile(more: (t: Token, depth: number) => boolean): RawTokens {
    // No mark(): comments inside a verbatim run stay unclaimed and end up on the statement.
    const m = this.peek();
    const tokens: string[] = [];
    let depth = 0;
    for (;;) {
      const t = this.peek();
      if (t.kind === 'eof' || t.kind === 'go') break;
      if (depth === 0 && !more(t, depth)) break;
      if (t.kind === 'op' && t.value === '(') depth++;
      if (t.kind === 'op' && t.value === ')') {
        if (depth === 0) break;
        depth--;
      }
      tokens.push(t.text);
      this.next();
    }
    return { kind: 'RawTokens' as const, tokens, span: this.spanFrom(m) };
  }

  /** A balanced `( … )` group kept verbatim, parentheses included. */
  rawParens(): RawTokens {
    const m = this.peek();
    const open = this.expectOp('(');
    const tokens: string[] = [open.text];
    let depth = 1;
    while (depth > 0) {
      const t = this.peek();
      if (t.kind === 'eof' || t.kind === 'go') {
        throw new SyntaxError_(diagnostic('MD1103', { open: "'('", close: "')'" }, this.spanOf(open)));
      }
      if (t.kind === 'op' && t.value === '(') depth++;
      if (t.kind === 'op' && t.value === ')') depth--;
      tokens.push(t.text);
      this.next();
    }
    return { kind: 'RawTokens' as const, tokens, span: this.spanFrom(m) };
  }

  /** Is the next token where a statement (and so a verbatim run) ends? */
  atStatementBoundary(): boolean {
    const t = this.peek();
    if (t.kind === 'eof' || t.kind === 'go' || t.kind === 'sqlcmd') return true;
    if (t.kind === 'op' && t.value === ';') return true;
    return t.kind === 'word' && t.lineStart && STATEMENT_START.has(t.value);
  }

  /**
   * Tokens to the end of the statement, verbatim (for statements we keep but do not model).
   * The first `exempt` tokens never end it (`ALTER DATABASE x` + `SET …` on the next line).
   */
  rawStatementTail(exempt = 1): RawTokens {
    let seen = 0;
    return this.rawWhile((t) => {
      const stop = seen >= exempt && (t.kind === 'sqlcmd' || (t.kind === 'op' && t.value === ';') || (t.kind === 'word' && t.lineStart && STATEMENT_START.has(t.value)));
      seen++;
      return !stop;
    });
  }

  /**
   * Skips to the next statement boundary after a syntax error and returns what was skipped.
   * `mustAdvance` (the error was at the statement's first token) skips at least one token so
   * the parser always moves on. With `toBatchEnd` it skips to GO: after nesting too deep to
   * follow, any boundary inside the batch would be a guess.
   */
  recover(mustAdvance: boolean, toBatchEnd = false): string[] {
    const skipped: string[] = [];
    let first = mustAdvance;
    for (;;) {
      const t = this.peek();
      if (t.kind === 'eof' || t.kind === 'go') break;
      if (!toBatchEnd) {
        if (t.kind === 'op' && t.value === ';') {
          this.next();
          break;
        }
        if (!first && (t.kind === 'sqlcmd' || (t.kind === 'word' && t.lineStart && STATEMENT_START.has(t.value)))) break;
      }
      first = false;
      skipped.push(t.text);
      this.next();
    }
    return skipped;
  }
}
