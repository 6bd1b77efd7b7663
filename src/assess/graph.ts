/**
 * The dependency graph over object ids: strongly connected components (iterative Tarjan) and
 * migration waves (longest-path layers over the condensed graph: an object moves in the wave after
 * the last thing it depends on; a cycle moves as one group).
 */

/** `deps.get(a)` = the ids `a` depends on. Every id must be a key. */
export type DepGraph = ReadonlyMap<string, ReadonlySet<string>>;

/** Components in reverse topological order (dependencies before dependents), each sorted. */
export function stronglyConnected(graph: DepGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let next = 0;
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    // Each frame: node and an iterator over its successors.
    const frames: { v: string; it: Iterator<string> }[] = [];
    const open = (v: string): void => {
      index.set(v, next);
      low.set(v, next);
      next++;
      stack.push(v);
      onStack.add(v);
      frames.push({ v, it: (graph.get(v) ?? new Set<string>()).values() });
    };
    open(root);
    while (frames.length) {
      const f = frames[frames.length - 1]!;
      const step = f.it.next();
      if (!step.done) {
        const w = step.value;
        if (!graph.has(w)) continue;
        if (!index.has(w)) open(w);
        else if (onStack.has(w)) low.set(f.v, Math.min(low.get(f.v)!, index.get(w)!));
        continue;
      }
      frames.pop();
      if (frames.length) {
        const parent = frames[frames.length - 1]!.v;
        low.set(parent, Math.min(low.get(parent)!, low.get(f.v)!));
      }
      if (low.get(f.v) === index.get(f.v)) {
        const comp: string[] = [];
        for (;;) {
          const w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
          if (w === f.v) break;
        }
        out.push(comp.sort());
      }
    }
  }
  return out;
}

/**
 * Wave number (1-based) per id: 1 for objects that depend on nothing in the graph, otherwise one
 * more than the highest wave among their dependencies; members of a cycle share a wave.
 */
export function waveNumbers(graph: DepGraph, components: readonly (readonly string[])[]): Map<string, number> {
  const compOf = new Map<string, number>();
  components.forEach((c, i) => c.forEach((id) => compOf.set(id, i)));
  const compWave: number[] = new Array(components.length).fill(0);
  // Tarjan emits a component after every component it depends on, so one forward pass suffices.
  components.forEach((c, i) => {
    let w = 1;
    for (const id of c) {
      for (const dep of graph.get(id) ?? []) {
        const j = compOf.get(dep);
        if (j === undefined || j === i) continue;
        w = Math.max(w, compWave[j]! + 1);
      }
    }
    compWave[i] = w;
  });
  const out = new Map<string, number>();
  components.forEach((c, i) => c.forEach((id) => out.set(id, compWave[i]!)));
  return out;
}
