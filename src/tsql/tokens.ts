import type { Span } from '../diagnostics/span.js';

export type TokenKind =
  | 'word' // unquoted identifier or keyword, including #temp and ##global names
  | 'qident' // [bracketed] or "double quoted" identifier
  | 'string' // '…' or N'…'
  | 'number' // 12, 1.5, .5, 1e10
  | 'money' // $12.50
  | 'binary' // 0x1F
  | 'variable' // @name and @@NAME
  | 'op' // punctuation and operators
  | 'sqlcmdvar' // $(Name)
  | 'sqlcmd' // a whole `:r file` / `:setvar X Y` line
  | 'go' // a batch separator line
  | 'eof';

export interface Comment {
  /** The comment's full text including its delimiters. */
  readonly text: string;
  readonly block: boolean;
  readonly span: Span;
}

export interface Token {
  readonly kind: TokenKind;
  /** Exact source text. */
  readonly text: string;
  /**
   * Normalised value: keywords/words uppercased; identifiers without their quotes and with
   * escapes undone; strings without quotes and prefix, '' undone; `go` its repeat count.
   */
  readonly value: string;
  readonly offset: number;
  readonly end: number;
  readonly line: number;
  readonly col: number;
  /** True when no other token precedes this one on its line (used for GO and error recovery). */
  readonly lineStart: boolean;
  /** Comments between the previous token and this one. */
  leading: Comment[] | undefined;
  /** Those comments once a node starting here has claimed them (parser bookkeeping). */
  claimed: Comment[] | undefined;
  /** The node currently holding `claimed` (parser bookkeeping). */
  claimedBy: object | undefined;
  /** For strings: 'N' for an N'…' literal. For qident: the quote char. */
  readonly flag: string | undefined;
}
