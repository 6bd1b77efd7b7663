/** A position range in one source file. Lines and columns are 1-based; offsets are 0-based UTF-16 indexes. */
export interface Span {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly offset: number;
  /** Offset just past the last character. */
  readonly end: number;
}

export function spanBetween(start: Span, end: Span): Span {
  return { file: start.file, line: start.line, col: start.col, offset: start.offset, end: end.end };
}
