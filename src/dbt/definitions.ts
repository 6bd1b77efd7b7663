/**
 * A catalog object's definition parsed once, and the statements inside it: the plan points at
 * routine statements by file line/col (`StatementRef`), so lines here are mapped back to the file.
 */
import { findAll, type AnyNode } from '../catalog/ast/walk.js';
import type { CatalogObjectBase } from '../catalog/model.js';
import type { StatementRef } from '../plan/model.js';
import { parseScript, type Statement } from '../tsql/index.js';

export interface ParsedDefinition {
  /** The CREATE statement (view, procedure, function, trigger), or undefined when it did not parse. */
  readonly module?: Statement;
  /** Data statements anywhere in the body (inside IF, TRY, BEGIN … END), in source order. */
  readonly statements: readonly Statement[];
  /** Added to a span's line to get the line in the object's file (0: the text is parsed at its file lines). */
  readonly lineOffset: number;
  /** Characters put in front of the definition: a span's offset minus this is the offset in `definition`. */
  readonly offsetShift: number;
}

const DATA_KINDS = ['Insert', 'Update', 'Delete', 'Merge', 'SelectStatement', 'Truncate', 'SetOption'] as const;
const MODULE_KINDS = new Set(['CreateView', 'CreateProcedure', 'CreateFunction', 'CreateTrigger']);

export function parseDefinition(object: CatalogObjectBase, file: string): ParsedDefinition | undefined {
  if (!object.definition) return undefined;
  // Blank lines in front make every span a line of the object's file, so findings point at the real spot.
  const shift = 'file' in object.location ? object.location.line - 1 : 0;
  const { script } = parseScript('\n'.repeat(shift) + object.definition, { file });
  const lineOffset = 0;
  const all = script.batches.flatMap((b) => b.statements);
  const module = all.find((s) => MODULE_KINDS.has(s.kind));
  const statements = module ? (findAll(module as AnyNode, ...DATA_KINDS) as unknown as Statement[]) : [];
  return { ...(module ? { module } : {}), statements, lineOffset, offsetShift: shift };
}

/** The T-SQL statement kind a plan's neutral statement kind comes from. */
function tsqlKind(kind: string): string {
  return kind === 'QueryStmt' || kind === 'SelectInto' ? 'SelectStatement' : kind;
}

/** The statement a plan's StatementRef points at (file line, else definition line; col breaks ties). */
export function findStatement(def: ParsedDefinition, ref: StatementRef): Statement | undefined {
  const kind = tsqlKind(ref.kind);
  const ofKind = def.statements.filter((s) => s.kind === kind);
  // The planner records offsets in the definition when it has them: exact, whatever the file layout.
  const ref2 = ref as StatementRef & { readonly offset?: number };
  if (ref2.offset !== undefined) {
    const hit = ofKind.find((s) => s.span.offset - def.offsetShift === ref2.offset);
    if (hit) return hit;
  }
  for (const offset of [def.lineOffset, -def.offsetShift]) {
    const onLine = ofKind.filter((s) => s.span.line + offset === ref.line);
    if (onLine.length) return onLine.find((s) => s.span.col === ref.col) ?? onLine[0];
  }
  return undefined;
}
