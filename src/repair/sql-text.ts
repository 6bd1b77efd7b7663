/**
 * Just enough lexing of a generated model's SQL for the repair rules to edit it safely: rules must
 * touch code only — never string literals, comments, quoted identifiers or Jinja (`{{ … }}`,
 * `{% … %}`, `{# … #}`), where the same word means something else.
 */

export interface CodeRange {
  readonly start: number;
  readonly end: number;
}

/** Ranges of `sql` that are code (outside strings, comments, quoted identifiers and Jinja). */
export function codeRanges(sql: string): CodeRange[] {
  const ranges: CodeRange[] = [];
  let start = 0;
  let i = 0;
  const skipTo = (end: number): void => {
    if (i > start) ranges.push({ start, end: i });
    i = end;
    start = i;
  };
  while (i < sql.length) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === "'") {
      let j = i + 1;
      while (j < sql.length && !(sql[j] === "'" && sql[j + 1] !== "'")) j += sql[j] === "'" ? 2 : 1;
      skipTo(Math.min(j + 1, sql.length));
    } else if (c === '"') {
      const j = sql.indexOf('"', i + 1);
      skipTo(j < 0 ? sql.length : j + 1);
    } else if (c === '-' && next === '-') {
      const j = sql.indexOf('\n', i);
      skipTo(j < 0 ? sql.length : j);
    } else if (c === '/' && next === '*') {
      const j = sql.indexOf('*/', i + 2);
      skipTo(j < 0 ? sql.length : j + 2);
    } else if (c === '{' && (next === '{' || next === '%' || next === '#')) {
      const close = next === '{' ? '}}' : next === '%' ? '%}' : '#}';
      const j = sql.indexOf(close, i + 2);
      skipTo(j < 0 ? sql.length : j + 2);
    } else {
      i += 1;
    }
  }
  if (i > start) ranges.push({ start, end: i });
  return ranges;
}

/** A match of a pattern in code: absolute offset in the whole text. */
export interface CodeMatch {
  readonly index: number;
  readonly groups: readonly (string | undefined)[];
}

/** Matches of `re` (global) that lie wholly in code, with offsets in the whole text. */
export function matchesInCode(sql: string, re: RegExp): CodeMatch[] {
  if (!re.global) throw new Error('matchesInCode needs a global RegExp');
  const found: CodeMatch[] = [];
  for (const r of codeRanges(sql)) {
    const part = sql.slice(r.start, r.end);
    for (const m of part.matchAll(re)) {
      if (m[0].length > 0) found.push({ index: r.start + m.index, groups: [...m] });
    }
  }
  return found;
}

/**
 * Replaces matches of `re` (global) that lie wholly in code; `replace` gets the match's groups
 * (`[0]` is the whole match) and returns its replacement. Returns the new text and how many places changed.
 */
export function replaceInCode(sql: string, re: RegExp, replace: (groups: readonly (string | undefined)[]) => string): { text: string; count: number } {
  const matches = matchesInCode(sql, re);
  let out = '';
  let last = 0;
  for (const m of matches) {
    out += sql.slice(last, m.index) + replace(m.groups);
    last = m.index + m.groups[0]!.length;
  }
  return { text: out + sql.slice(last), count: matches.length };
}

/** Index of the parenthesis closing the one opened at `open` (code only), or -1. */
export function closingParen(sql: string, open: number): number {
  let depth = 0;
  for (let i = open; i < sql.length; i += 1) {
    const c = sql[i];
    if (c === "'") {
      i += 1;
      while (i < sql.length && !(sql[i] === "'" && sql[i + 1] !== "'")) i += sql[i] === "'" ? 2 : 1;
    } else if (c === '(') {
      depth += 1;
    } else if (c === ')') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return -1;
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
