/**
 * A generic walk over T-SQL AST nodes. Every node is a plain object with a string `kind`; the
 * walker visits nodes in source order (parents before children) and finds children by looking at
 * every property, so a node kind added to the parser is walked without changes here. Properties
 * that are not part of the tree (`span`, attached comments) are skipped.
 *
 * Plain objects without a `kind` (an EXEC argument, a column's identity clause, CASE branches) are
 * looked through: their node-valued properties are children of the enclosing node.
 */

/** Any AST node: the walker needs nothing but the tag. */
export interface AnyNode {
  readonly kind: string;
}

/** Return `false` to skip the node's children. */
export type Visitor = (node: AnyNode, parent: AnyNode | undefined) => void | false;

const NOT_CHILDREN = new Set(['span', 'comments', 'trailing', 'trailingComments']);

export function isNode(value: unknown): value is AnyNode {
  return typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string';
}

/** The direct child nodes of `node`, in property order (which is source order in our AST). */
export function childNodes(node: object): AnyNode[] {
  const out: AnyNode[] = [];
  collect(node, out, true);
  return out;
}

function collect(value: object, out: AnyNode[], isRoot: boolean): void {
  if (Array.isArray(value)) {
    for (const item of value) if (typeof item === 'object' && item !== null) pushOrLookThrough(item as object, out);
    return;
  }
  if (!isRoot && isNode(value)) {
    out.push(value);
    return;
  }
  for (const key in value) {
    if (NOT_CHILDREN.has(key)) continue;
    const child = (value as Record<string, unknown>)[key];
    if (typeof child === 'object' && child !== null) pushOrLookThrough(child, out);
  }
}

function pushOrLookThrough(value: object, out: AnyNode[]): void {
  if (isNode(value)) out.push(value);
  else collect(value, out, false);
}

/**
 * Visits `roots` and everything below them, depth first, parents before children. Iterative, so
 * deeply nested generated SQL cannot overflow the stack.
 */
export function walk(roots: AnyNode | readonly AnyNode[], visit: Visitor): void {
  const start: AnyNode[] = Array.isArray(roots) ? [...(roots as readonly AnyNode[])] : [roots as AnyNode];
  const stack: { node: AnyNode; parent: AnyNode | undefined }[] = [];
  for (let i = start.length - 1; i >= 0; i--) stack.push({ node: start[i]!, parent: undefined });
  while (stack.length) {
    const { node, parent } = stack.pop()!;
    if (visit(node, parent) === false) continue;
    const children = childNodes(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, parent: node });
  }
}

/** Every node of the given kinds under `roots`, in walk order. */
export function findAll<K extends string>(roots: AnyNode | readonly AnyNode[], ...kinds: K[]): (AnyNode & { kind: K })[] {
  const wanted = new Set<string>(kinds);
  const out: (AnyNode & { kind: K })[] = [];
  walk(roots, (n) => {
    if (wanted.has(n.kind)) out.push(n as AnyNode & { kind: K });
  });
  return out;
}
