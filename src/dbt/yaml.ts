/**
 * YAML from typed objects (never string-joined): one place that fixes the layout every generated
 * .yml shares (2-space indent, no line folding, keys in the order the objects give them).
 */
import { stringify } from 'yaml';

/** `value` as YAML, after a `#` comment block (the provenance header). */
export function toYaml(value: unknown, header: readonly string[] = []): string {
  const body = stringify(value, { indent: 2, lineWidth: 0, indentSeq: true, aliasDuplicateObjects: false });
  const head = header.map((l) => (l ? `# ${l}` : '#')).join('\n');
  return head ? `${head}\n\n${body}` : body;
}
