/**
 * Topological order of plan nodes over `dependsOn` (dependencies first; among nodes ready at the
 * same time, by name, so the order is deterministic). A cycle is broken at its first node by name:
 * that node's edges into the cycle are dropped (the caller substitutes the raw source) and an
 * MD4001 diagnostic records it.
 */
import { stronglyConnected } from '../assess/graph.js';

export interface CycleBreak {
  readonly cycle: readonly string[];
  readonly node: string;
  readonly dropped: readonly string[];
}

export interface Ordered {
  readonly order: readonly string[];
  readonly breaks: readonly CycleBreak[];
}

/** Binary min-heap of strings (node names), so ordering 10,000s of nodes stays n log n. */
class MinHeap {
  private readonly a: string[] = [];
  get size(): number {
    return this.a.length;
  }
  push(v: string): void {
    const a = this.a;
    a.push(v);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p]! <= v) break;
      a[i] = a[p]!;
      i = p;
    }
    a[i] = v;
  }
  pop(): string {
    const a = this.a;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        let mv = last;
        if (l < a.length && a[l]! < mv) {
          m = l;
          mv = a[l]!;
        }
        if (r < a.length && a[r]! < mv) {
          m = r;
          mv = a[r]!;
        }
        if (m === i) break;
        a[i] = a[m]!;
        i = m;
      }
      a[i] = last;
    }
    return top;
  }
}

/** `deps.get(n)` = names `n` depends on (names not in the map are ignored). Mutates nothing. */
export function topologicalOrder(deps: ReadonlyMap<string, ReadonlySet<string>>): Ordered {
  const remaining = new Map<string, Set<string>>();
  const dependents = new Map<string, string[]>();
  for (const [n, ds] of deps) {
    const own = new Set([...ds].filter((d) => d !== n && deps.has(d)));
    remaining.set(n, own);
    for (const d of own) {
      let l = dependents.get(d);
      if (!l) dependents.set(d, (l = []));
      l.push(n);
    }
  }
  const heap = new MinHeap();
  for (const [n, ds] of remaining) if (ds.size === 0) heap.push(n);
  const order: string[] = [];
  const done = new Set<string>();
  const breaks: CycleBreak[] = [];
  const release = (n: string): void => {
    for (const m of dependents.get(n) ?? []) {
      const ds = remaining.get(m)!;
      if (ds.delete(n) && ds.size === 0 && !done.has(m)) heap.push(m);
    }
  };
  while (order.length < remaining.size) {
    while (heap.size) {
      const n = heap.pop();
      if (done.has(n)) continue;
      done.add(n);
      order.push(n);
      release(n);
    }
    if (order.length >= remaining.size) break;
    // Stuck: every node left waits on another. Break the cycle holding the smallest name.
    const left = new Map<string, Set<string>>();
    for (const [n, ds] of remaining) if (!done.has(n)) left.set(n, ds);
    const comps = stronglyConnected(left).filter((c) => c.length > 1 || left.get(c[0]!)?.has(c[0]!));
    comps.sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
    // A component with no unfinished dependencies outside itself can be broken now.
    const compOf = new Map<string, number>();
    comps.forEach((c, i) => c.forEach((n) => compOf.set(n, i)));
    const ready = comps.find((c) => c.every((n) => [...left.get(n)!].every((d) => compOf.get(d) === compOf.get(n)))) ?? comps[0]!;
    const node = ready[0]!;
    const inCycle = new Set(ready);
    const dropped = [...left.get(node)!].filter((d) => inCycle.has(d)).sort();
    for (const d of dropped) {
      left.get(node)!.delete(d);
      const l = dependents.get(d);
      if (l) dependents.set(d, l.filter((x) => x !== node));
    }
    breaks.push({ cycle: ready, node, dropped });
    if (left.get(node)!.size === 0) heap.push(node);
  }
  return { order, breaks };
}
