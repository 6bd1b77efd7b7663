/**
 * Structural comparison of syntax trees, ignoring source positions: what "the round trip holds"
 * means. Returns the path of the first difference, or undefined when the trees are equal.
 */
export function firstDifference(a: unknown, b: unknown, path = '$', ignore: ReadonlySet<string> = IGNORED): string | undefined {
  if (a === b) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return `${path}: ${show(a)} != ${show(b)}`;
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: array vs object`;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return `${path}: length ${a.length} != ${bb.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], bb[i], `${path}[${i}]`, ignore);
      if (d) return d;
    }
    return undefined;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) {
    if (ignore.has(k)) continue;
    if (ao[k] === undefined && bo[k] === undefined) continue;
    const d = firstDifference(ao[k], bo[k], `${path}.${k}`, ignore);
    if (d) return d;
  }
  return undefined;
}

/** Positions differ by construction after printing; comments are compared separately. */
const IGNORED = new Set(['span']);

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 80 ? s.slice(0, 80) + '…' : s;
}
