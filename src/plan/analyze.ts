/**
 * What one statement of a routine does, for the classifier: the permanent tables it writes and
 * reads (resolved against the catalog, aliases followed by the catalog's own body pass), the #temp
 * tables and table variables it fills and reads, the functions it calls, the procedures it runs.
 */
import { analyzeBody } from '../catalog/ast/body.js';
import type { AnyNode } from '../catalog/ast/walk.js';
import { walk } from '../catalog/ast/walk.js';
import type { Statement } from '../tsql/index.js';
import type { CatalogIndex } from './catalog-index.js';
import { selectInto, type FlatStatement } from './statements.js';

export interface StatementInfo {
  readonly flat: FlatStatement;
  readonly node: Statement;
  /** Permanent tables written (ids). */
  readonly writes: readonly string[];
  /** Tables, views and table-valued functions read (ids). */
  readonly reads: readonly string[];
  /** Scalar functions called (ids). */
  readonly calls: readonly string[];
  /** Procedures run (ids, or `sys.name` for system procedures). */
  readonly execs: readonly string[];
  /** #temp tables / @table variables filled by this statement (lower case). */
  readonly fillsTemp: readonly string[];
  /** #temp tables / @table variables read (lower case). */
  readonly readsTemp: readonly string[];
  /** Procedures run by name that the catalog does not know (`sp_…`, other databases). */
  readonly unknownExecs: readonly string[];
}

/** The part of a statement that belongs to it alone: an IF or WHILE contributes only its condition. */
function ownRoots(s: Statement): AnyNode[] {
  if (s.kind === 'If' || s.kind === 'While') return [s.condition];
  return [s];
}

function lastPart(n: { parts: readonly ({ name: string } | null)[] }): string {
  return n.parts[n.parts.length - 1]?.name ?? '';
}

/** The #temp / @table a DML statement writes, if its target is one. */
function tempTarget(s: Statement): string | undefined {
  const target = (s.kind === 'Insert' || s.kind === 'Update' || s.kind === 'Delete' || s.kind === 'Merge') ? s.target : undefined;
  if (target?.kind === 'VariableTable') return target.variable.name.toLowerCase();
  if (target?.kind === 'TableRef') {
    const n = lastPart(target.name);
    if (n.startsWith('#')) return n.toLowerCase();
  }
  const into = selectInto(s);
  if (into && lastPart(into).startsWith('#')) return lastPart(into).toLowerCase();
  if (s.kind === 'Truncate' && lastPart(s.table).startsWith('#')) return lastPart(s.table).toLowerCase();
  return undefined;
}

export function analyzeStatement(flat: FlatStatement, index: CatalogIndex, defaultSchema: string): StatementInfo {
  const s = flat.node;
  const roots = ownRoots(s);
  const body = analyzeBody(roots);
  const writes = new Set<string>();
  const reads = new Set<string>();
  const calls = new Set<string>();
  const execs = new Set<string>();
  const unknownExecs = new Set<string>();
  for (const r of body.references) {
    switch (r.role) {
      case 'write': {
        let hit = index.resolveName(r.name, defaultSchema, ['table']);
        // SELECT … INTO a permanent table no input declares: the routine creates it.
        const parts = r.name.parts.map((p) => p?.name ?? '');
        const into = selectInto(s);
        if (!hit && into && into === r.name && parts.length <= 2) hit = index.addCreatedTable(parts.length === 2 ? parts[0]! : defaultSchema, parts[parts.length - 1]!);
        if (hit) writes.add(hit.id);
        break;
      }
      case 'read': {
        const hit = index.resolveName(r.name, defaultSchema, ['table', 'view', 'function']);
        if (hit) reads.add(hit.id);
        break;
      }
      case 'call': {
        const hit = index.resolveName(r.name, defaultSchema, ['function']);
        if (hit) calls.add(hit.id);
        break;
      }
      case 'exec': {
        const hit = index.resolveName(r.name, defaultSchema, ['procedure']);
        if (hit) execs.add(hit.id);
        else unknownExecs.add(r.name.parts.map((p) => p?.name ?? '').join('.'));
        break;
      }
      default:
        break;
    }
  }
  const filled = tempTarget(s);
  const fillsTemp = filled && s.kind !== 'Truncate' ? [filled] : [];
  const readsTemp = new Set<string>();
  const targetNode = (s.kind === 'Insert' || s.kind === 'Update' || s.kind === 'Delete' || s.kind === 'Merge') ? s.target : undefined;
  walk(roots, (n) => {
    if (n === targetNode && s.kind === 'Insert') return false;
    if (n.kind === 'TableRef') {
      const name = lastPart((n as unknown as { name: { parts: readonly ({ name: string } | null)[] } }).name);
      if (name.startsWith('#') && (n !== targetNode || s.kind !== 'Insert')) readsTemp.add(name.toLowerCase());
    } else if (n.kind === 'VariableTable') {
      readsTemp.add((n as unknown as { variable: { name: string } }).variable.name.toLowerCase());
    }
    return undefined;
  });
  // UPDATE/DELETE/MERGE of a temp table read it too; a plain INSERT target is not a read.
  if (filled && s.kind === 'Insert') readsTemp.delete(filled);
  // A CREATE TABLE #t declares, it does not fill or read.
  if (s.kind === 'CreateTable') readsTemp.clear();
  return {
    flat, node: s,
    writes: [...writes], reads: [...reads], calls: [...calls], execs: [...execs],
    fillsTemp, readsTemp: [...readsTemp], unknownExecs: [...unknownExecs],
  };
}
