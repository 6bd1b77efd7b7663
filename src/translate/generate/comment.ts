/**
 * Text made safe to sit inside a block comment of the output. `*\/` would end the comment early,
 * and `/*` would open a nested one on the engines whose comments nest (PostgreSQL, DuckDB) and
 * leave it unclosed; both get a space. Quoted source can contain either.
 */
export function commentSafe(text: string): string {
  return text.includes('/*') || text.includes('*/') ? text.replace(/\*\//g, '* /').replace(/\/\*/g, '/ *') : text;
}
