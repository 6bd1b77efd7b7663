/**
 * Text helpers for model files: provenance headers, diagnostic summaries, keyword case and
 * indentation. The translator prints upper-case keywords; dbt's style guide writes lower case, so
 * keywords are lowered here by a scanner that never touches strings, quoted names, comments or Jinja.
 */
import type { Diagnostic } from '../diagnostics/index.js';

const KEYWORDS = new Set(`SELECT FROM WHERE GROUP BY ORDER HAVING AS ON JOIN INNER LEFT RIGHT FULL OUTER CROSS UNION ALL
DISTINCT AND OR NOT IN IS NULL CASE WHEN THEN ELSE END CAST TRY_CAST WITH EXISTS BETWEEN LIKE ILIKE LIMIT OFFSET OVER
PARTITION ROWS RANGE PRECEDING FOLLOWING UNBOUNDED CURRENT ROW DESC ASC INTERVAL TRUE FALSE LATERAL QUALIFY FETCH
FIRST NEXT ONLY TIES EXCEPT INTERSECT RECURSIVE VALUES USING FILTER WITHIN ESCAPE ANY SOME ROLLUP CUBE GROUPING SETS
APPLY TOP PERCENT INTEGER INT BIGINT SMALLINT TINYINT VARCHAR CHAR TEXT DECIMAL NUMERIC REAL DOUBLE PRECISION FLOAT
BOOLEAN BOOL DATE TIME TIMESTAMP TIMESTAMPTZ BLOB BYTEA UUID JSON STRING INT64 FLOAT64 BIGNUMERIC BYTES ZONE
COALESCE NULLIF EXTRACT`.split(/\s+/));

/** Lower-cases upper-case SQL keywords outside strings, quoted identifiers, comments and Jinja. */
export function lowerKeywords(sql: string): string {
  let out = '';
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i]!;
    const two = sql.slice(i, i + 2);
    let end = -1;
    if (c === "'") {
      end = i + 1;
      while (end < n && !(sql[end] === "'" && sql[end + 1] !== "'")) end += sql[end] === "'" ? 2 : 1;
      end++;
    } else if (c === '"' || c === '`' || c === '[') {
      const close = c === '[' ? ']' : c;
      end = sql.indexOf(close, i + 1);
      end = end < 0 ? n : end + 1;
    } else if (two === '--') {
      end = sql.indexOf('\n', i);
      if (end < 0) end = n;
    } else if (two === '/*' || two === '{{' || two === '{%' || two === '{#') {
      const close = two === '/*' ? '*/' : two === '{{' ? '}}' : two === '{%' ? '%}' : '#}';
      end = sql.indexOf(close, i + 2);
      end = end < 0 ? n : end + 2;
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_$]/.test(sql[j]!)) j++;
      const word = sql.slice(i, j);
      out += word === word.toUpperCase() && KEYWORDS.has(word) && sql[i - 1] !== '.' ? word.toLowerCase() : word;
      i = j;
      continue;
    }
    if (end > i) {
      out += sql.slice(i, end);
      i = end;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

export function indent(text: string, by = '    '): string {
  return text
    .split('\n')
    .map((l) => (l.trim() ? by + l : ''))
    .join('\n');
}

/** Comment text that cannot end the comment early. */
const safe = (s: string): string => s.replace(/\*\//g, '* /').replace(/\r?\n/g, ' ');

/** The `--` header every SQL file starts with: what it was made from, and every finding about it. */
export function sqlHeader(lines: readonly string[], diagnostics: readonly Diagnostic[] = []): string {
  const out = lines.map((l) => `-- ${safe(l)}`.trimEnd());
  if (diagnostics.length) {
    out.push(`-- ${diagnostics.length} finding(s); translation findings are also marked /* mssql2dbt: MDxxxx */ where they apply:`);
    for (const d of summarise(diagnostics)) out.push(`--   ${safe(d)}`);
  }
  return out.join('\n');
}

/** One line per distinct finding (code + message), with a count when it repeats. */
function summarise(diagnostics: readonly Diagnostic[]): string[] {
  const counts = new Map<string, number>();
  for (const d of diagnostics) {
    const k = `${d.severity} ${d.code}: ${d.message}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts].map(([k, c]) => (c > 1 ? `${k} (×${c})` : k));
}

/** A CTE-style model body: import CTEs, logic CTEs, then `select * from <last>`. */
export function cteModel(ctes: readonly { readonly name: string; readonly sql: string }[]): string {
  const parts = ctes.map((c, i) => `${i === 0 ? 'with ' : ''}${c.name} as (\n\n${indent(c.sql.trim())}\n\n)`);
  return `${parts.join(',\n\n')}\n\nselect * from ${ctes[ctes.length - 1]!.name}\n`;
}

/** Splits `text` at commas outside parentheses, strings, quoted names, comments and Jinja. */
export function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const two = text.slice(i, i + 2);
    const skipTo = (close: string, from: number) => {
      const e = text.indexOf(close, from);
      return e < 0 ? text.length : e + close.length - 1;
    };
    if (c === "'") {
      i++;
      while (i < text.length && !(text[i] === "'" && text[i + 1] !== "'")) i += text[i] === "'" ? 2 : 1;
    } else if (c === '"' || c === '`') i = skipTo(c, i + 1);
    else if (two === '/*') i = skipTo('*/', i + 2);
    else if (two === '{{') i = skipTo('}}', i + 2);
    else if (two === '{%') i = skipTo('%}', i + 2);
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts;
}

/**
 * Readable model SQL from the translator's output: lower-case keywords, and a select list longer
 * than one short line gets one column per line (dbt's style), clause keywords stay at the left.
 */
export function formatSql(sql: string): string {
  return lowerKeywords(sql)
    .split('\n')
    .map((line) => {
      const m = /^(\s*)select (distinct )?(.*)$/.exec(line);
      if (!m || line.length <= 60) return line;
      const items = splitTopLevel(m[3]!);
      if (items.length < 2) return line;
      return `${m[1]}select${m[2] ? ' distinct' : ''}\n${items.map((it) => `${m[1]}    ${it}`).join(',\n')}`;
    })
    .join('\n');
}
