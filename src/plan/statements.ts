/**
 * A routine's definition as a flat list of statements the classifier can reason about: BEGIN/END,
 * TRY/CATCH, IF and WHILE are looked through (each statement remembers whether it sits in a CATCH
 * block, a loop or under a condition), and each gets a StatementRef with its position in the file.
 */
import { walk, type AnyNode } from '../catalog/ast/walk.js';
import type { CatalogObjectBase } from '../catalog/model.js';
import { parseScript } from '../tsql/index.js';
import type { Statement } from '../tsql/index.js';
import type { StatementRef } from './model.js';

export interface FlatStatement {
  readonly node: Statement;
  /** Inside a CATCH block: error handling, never part of a model. */
  readonly inCatch: boolean;
  /** Inside a WHILE loop (the nearest enclosing loop is `loop`). */
  readonly loop?: Statement;
  /** Under an IF (either branch). */
  readonly conditional: boolean;
  /** Position in the flattened list. */
  readonly index: number;
}

export interface ParsedModule {
  /** The CREATE statement (CreateProcedure, CreateFunction, CreateTrigger, CreateView). */
  readonly create?: AnyNode & { readonly kind: string };
  /** Top-level body statements (not flattened). */
  readonly body: readonly Statement[];
  readonly flat: readonly FlatStatement[];
  readonly parseErrors: number;
}

const EMPTY: ParsedModule = { body: [], flat: [], parseErrors: 0 };

/** Parses an object's definition and flattens its body. Never throws. */
export function parseModule(definition: string | undefined): ParsedModule {
  if (!definition) return EMPTY;
  let parsed;
  try {
    parsed = parseScript(definition);
  } catch {
    return { ...EMPTY, parseErrors: 1 };
  }
  const parseErrors = parsed.diagnostics.filter((d) => d.severity === 'error').length;
  let create: (AnyNode & { kind: string; body?: readonly Statement[] }) | undefined;
  for (const b of parsed.script.batches) {
    for (const s of b.statements) {
      if (s.kind === 'CreateProcedure' || s.kind === 'CreateFunction' || s.kind === 'CreateTrigger' || s.kind === 'CreateView') {
        create = s as AnyNode & { kind: string; body?: readonly Statement[] };
        break;
      }
    }
    if (create) break;
  }
  if (!create) return { ...EMPTY, parseErrors };
  let body: readonly Statement[] = [];
  if (create.kind === 'CreateFunction') {
    const returns = (create as unknown as { returns: { kind: string; body?: readonly Statement[] } }).returns;
    body = returns.body ?? [];
  } else body = create.body ?? [];
  return { create, body, flat: flatten(body), parseErrors };
}

/** Statement kinds that only group others. */
export function flatten(body: readonly Statement[]): FlatStatement[] {
  const out: FlatStatement[] = [];
  const visit = (list: readonly Statement[], inCatch: boolean, loop: Statement | undefined, conditional: boolean): void => {
    for (const s of list) {
      switch (s.kind) {
        case 'Block':
          visit(s.statements, inCatch, loop, conditional);
          break;
        case 'TryCatch':
          visit(s.tryBlock, inCatch, loop, conditional);
          visit(s.catchBlock, true, loop, conditional);
          break;
        case 'If':
          out.push({ node: s, inCatch, ...(loop ? { loop } : {}), conditional, index: out.length });
          visit([s.then], inCatch, loop, true);
          if (s.else) visit([s.else], inCatch, loop, true);
          break;
        case 'While':
          out.push({ node: s, inCatch, ...(loop ? { loop } : {}), conditional, index: out.length });
          visit([s.body], inCatch, s, conditional);
          break;
        default:
          out.push({ node: s, inCatch, ...(loop ? { loop } : {}), conditional, index: out.length });
      }
    }
  };
  visit(body, false, undefined, false);
  return out;
}

/** The neutral kind of a statement, as the translator names them. */
export function neutralKind(s: Statement): string {
  if (s.kind === 'SelectStatement') return selectInto(s) ? 'SelectInto' : 'QueryStmt';
  return s.kind;
}

/** `SELECT … INTO t`: the INTO name of the first query spec, if any. */
export function selectInto(s: Statement): import('../tsql/index.js').ObjectName | undefined {
  if (s.kind !== 'SelectStatement') return undefined;
  let body: AnyNode = s.query.body;
  while (body.kind === 'SetOperation') body = (body as unknown as { left: AnyNode }).left;
  if (body.kind === 'ParenQuery') return undefined;
  return body.kind === 'QuerySpec' ? (body as unknown as { into?: import('../tsql/index.js').ObjectName }).into : undefined;
}

/** True for a SELECT that returns rows to the caller (not SELECT @v = …, not SELECT … INTO). */
export function returnsResultSet(s: Statement): boolean {
  if (s.kind !== 'SelectStatement' || selectInto(s)) return false;
  let assigns = false;
  let body: AnyNode = s.query.body;
  while (body.kind === 'SetOperation') body = (body as unknown as { left: AnyNode }).left;
  if (body.kind === 'QuerySpec') {
    for (const c of (body as unknown as { columns: readonly AnyNode[] }).columns) if (c.kind === 'SelectAssign') assigns = true;
  }
  return !assigns;
}

/**
 * File position of a statement: the object's location plus the statement's position in the
 * definition (whose first character is at `location`).
 */
export function statementRef(obj: CatalogObjectBase, s: Statement, role?: StatementRef['role']): StatementRef {
  const loc = obj.location;
  const base = 'file' in loc ? { line: loc.line, col: loc.col } : { line: 1, col: 1 };
  const line = base.line + s.span.line - 1;
  const col = s.span.line === 1 ? base.col + s.span.col - 1 : s.span.col;
  return { line, col, kind: neutralKind(s), offset: s.span.offset, end: s.span.end, ...(role ? { role } : {}) };
}

/** Every node of the given kinds under `root` (statements included). */
export function nodesOf<T extends AnyNode>(root: AnyNode | readonly AnyNode[], kind: string): T[] {
  const out: T[] = [];
  walk(root, (n) => {
    if (n.kind === kind) out.push(n as T);
  });
  return out;
}
