/**
 * Calling dbt macros from generated SQL text. A macro's SQL arguments are Jinja strings; an
 * argument that itself contains `{{ … }}` (a nested macro, a `var()`) is split so the nested
 * call is a Jinja expression joined with `~` instead of literal braces inside a string.
 */

/** A Jinja double-quoted string literal. */
export const jstr = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** SQL text (possibly holding `{{ expr }}` parts) as one Jinja expression. */
export function jarg(sql: string): string {
  const parts: string[] = [];
  let last = 0;
  const re = /\{\{\s*([\s\S]*?)\s*\}\}/g;
  for (let m = re.exec(sql); m; m = re.exec(sql)) {
    if (m.index > last) parts.push(jstr(sql.slice(last, m.index)));
    parts.push(m[1]!);
    last = m.index + m[0].length;
  }
  if (last < sql.length || parts.length === 0) parts.push(jstr(sql.slice(last)));
  return parts.length === 1 ? parts[0]! : `(${parts.join(' ~ ')})`;
}

/** `{{ dbt.name(arg, …) }}`; `sql` marks which arguments are SQL text (the others are Jinja already). */
/** `{{ dbt.name(arg, …) }}` with every argument SQL text. */
export function macro(name: string, sqlArgs: readonly string[]): string {
  return `{{ dbt.${name}(${sqlArgs.map(jarg).join(', ')}) }}`;
}
