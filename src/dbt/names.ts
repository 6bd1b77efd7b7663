/** Name helpers for the generated project: dbt identifiers, Jinja string literals, catalog keys. */

/** Case-insensitive key of a schema-qualified object, as the catalog resolves names. */
export const objectKey = (schema: string, name: string): string => `${schema.toLowerCase()}.${name.toLowerCase()}`;

/** `OrderDetails` / `Order Details` → `order_details` (dbt names are lower snake case). */
export function snake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase() || 'x';
}

/** A single-quoted Jinja/Python string literal. */
export function jinjaString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** An identifier every target accepts without quotes (so the loader's unquoted names match). */
export const isPlainIdentifier = (s: string): boolean => /^[A-Za-z_][A-Za-z0-9_]*$/.test(s);

export const refText = (node: string): string => `{{ ref(${jinjaString(node)}) }}`;
export const sourceText = (source: string, table: string): string => `{{ source(${jinjaString(source)}, ${jinjaString(table)}) }}`;
