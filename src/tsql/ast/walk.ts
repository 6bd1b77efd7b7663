/**
 * A generic read-only walk over the AST, for questions that are about any node anywhere ("does this
 * body read @@ROWCOUNT?", "does this CTE name itself?"): every node is a plain object with a `kind`,
 * so no per-kind code is needed. Spans and comments are data, not children, and are skipped.
 */

/** Any AST node, seen through its tag. */
export interface AnyNode {
  readonly kind: string;
}

const NOT_CHILDREN: ReadonlySet<string> = new Set(['span', 'comments', 'trailing']);

/**
 * Calls `f` on every node in `root` (a node, an array of nodes, or anything holding them), parents
 * before children, until `f` returns true; returns whether it did.
 */
export function someNode(root: unknown, f: (n: AnyNode) => boolean): boolean {
  if (root === null || typeof root !== 'object') return false;
  if (Array.isArray(root)) {
    for (let i = 0; i < root.length; i++) if (someNode(root[i], f)) return true;
    return false;
  }
  const o = root as Record<string, unknown>;
  if (typeof o['kind'] === 'string' && f(o as unknown as AnyNode)) return true;
  // for…in over a node's own fields: no entries arrays allocated per node (nodes are plain objects).
  for (const k in o) {
    if (NOT_CHILDREN.has(k)) continue;
    const v = o[k];
    if (v !== null && typeof v === 'object' && someNode(v, f)) return true;
  }
  return false;
}

/** Calls `f` on every node in `root`, parents before children. */
export function forEachNode(root: unknown, f: (n: AnyNode) => void): void {
  someNode(root, (n) => {
    f(n);
    return false;
  });
}
