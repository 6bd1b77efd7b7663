/**
 * Maps positions in an expanded script (after `:r` includes and `$(Var)` substitution) back to the
 * file, line and column the text came from, so diagnostics on the expanded text point at the
 * user's real file.
 */
import type { Span } from '../diagnostics/index.js';

/** One run of expanded text copied from (or substituted at) one place in one file. */
export interface MappedSegment {
  /** Offsets in the expanded text, end exclusive. */
  readonly outStart: number;
  readonly outEnd: number;
  readonly file: string;
  /** Offset in the original file where the run starts. */
  readonly srcStart: number;
  /**
   * True when the run is a substituted variable value: every position in it maps to the `$(` that
   * was replaced, since the value has no text of its own in the file.
   */
  readonly substituted: boolean;
}

export interface OriginalPosition {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly offset: number;
}

export class SourceMap {
  private readonly lineStarts = new Map<string, number[]>();

  constructor(
    readonly segments: readonly MappedSegment[],
    fileTexts: ReadonlyMap<string, string>,
  ) {
    for (const [file, text] of fileTexts) this.lineStarts.set(file, lineStartsOf(text));
  }

  /** The original position of an offset in the expanded text, or undefined outside every segment. */
  locate(offset: number): OriginalPosition | undefined {
    const segs = this.segments;
    let lo = 0;
    let hi = segs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = segs[mid]!;
      if (offset < s.outStart) hi = mid - 1;
      else if (offset >= s.outEnd && !(offset === s.outEnd && mid === segs.length - 1)) lo = mid + 1;
      else {
        const src = s.substituted ? s.srcStart : s.srcStart + (offset - s.outStart);
        return { file: s.file, offset: src, ...positionIn(this.lineStarts.get(s.file) ?? [0], src) };
      }
    }
    return undefined;
  }

  /** A span over the expanded text, moved to the file it came from (start position decides the file). */
  remapSpan(span: Span): Span {
    const start = this.locate(span.offset);
    if (!start) return span;
    const end = this.locate(Math.max(span.offset, span.end - 1));
    const endOffset = end && end.file === start.file ? end.offset + 1 : start.offset + (span.end - span.offset);
    return { file: start.file, line: start.line, col: start.col, offset: start.offset, end: Math.max(start.offset, endOffset) };
  }
}

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function positionIn(lineStarts: readonly number[], offset: number): { line: number; col: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, col: offset - lineStarts[lo]! + 1 };
}
