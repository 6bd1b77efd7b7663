/**
 * Lays out the dependency graph with dagre (@dagrejs/dagre, layered Sugiyama layout): dependencies
 * on the left, dependents on the right, so the picture reads in wave order. Large estates are cut to
 * the `maxNodes` objects with the most edges (the caption of the report says so).
 */
import dagre from '@dagrejs/dagre';
import type { Assessment } from './model.js';

export interface LaidOutNode {
  readonly id: string;
  readonly label: string;
  readonly kind: string;
  readonly level: string;
  readonly disposition: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface LaidOutEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: string;
  readonly points: readonly { readonly x: number; readonly y: number }[];
}

export interface GraphLayout {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly LaidOutNode[];
  readonly edges: readonly LaidOutEdge[];
  /** Objects left out because the estate has more than `maxNodes`. */
  readonly omitted: number;
}

const CHAR_WIDTH = 6.6;

export function layoutGraph(a: Assessment, maxNodes = 300): GraphLayout {
  const degree = new Map<string, number>();
  for (const e of a.edges) {
    degree.set(e.from, (degree.get(e.from) ?? 0) + 1);
    degree.set(e.to, (degree.get(e.to) ?? 0) + 1);
  }
  let chosen = a.objects;
  if (chosen.length > maxNodes) {
    chosen = [...chosen].sort((x, y) => (degree.get(y.id) ?? 0) - (degree.get(x.id) ?? 0) || x.id.localeCompare(y.id)).slice(0, maxNodes);
  }
  const keep = new Set(chosen.map((o) => o.id));
  const g = new dagre.graphlib.Graph({ multigraph: false });
  g.setGraph({ rankdir: 'LR', nodesep: 14, ranksep: 70, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const o of chosen) {
    const label = `${o.schema}.${o.name}`;
    g.setNode(o.id, { width: Math.min(260, 16 + label.length * CHAR_WIDTH), height: 26 });
  }
  const edgeKinds = new Map<string, string>();
  for (const e of a.edges) {
    if (!keep.has(e.from) || !keep.has(e.to)) continue;
    // Draw dependency → dependent, so arrows follow the migration order.
    const k = `${e.to}\u0000${e.from}`;
    if (edgeKinds.has(k)) continue;
    edgeKinds.set(k, e.kind);
    g.setEdge(e.to, e.from);
  }
  dagre.layout(g);
  const byId = new Map(chosen.map((o) => [o.id, o]));
  const nodes: LaidOutNode[] = g.nodes().map((id: string) => {
    const n = g.node(id) as { x: number; y: number; width: number; height: number };
    const o = byId.get(id)!;
    return { id, label: `${o.schema}.${o.name}`, kind: o.kind, level: o.level, disposition: o.disposition, x: n.x, y: n.y, width: n.width, height: n.height };
  });
  const edges: LaidOutEdge[] = g.edges().map((e: { v: string; w: string }) => {
    const ed = g.edge(e) as { points?: { x: number; y: number }[] };
    return { from: e.w, to: e.v, kind: edgeKinds.get(`${e.v}\u0000${e.w}`) ?? '', points: ed.points ?? [] };
  });
  const gl = g.graph() as { width?: number; height?: number };
  return { width: Math.ceil(gl.width ?? 0), height: Math.ceil(gl.height ?? 0), nodes, edges, omitted: a.objects.length - chosen.length };
}
