/** The rewrite passes, in the order they run. Each is a pure Stmt → Stmt function in its own file. */
import { applyToLateral } from './apply-to-lateral.js';
import { ciGrouping } from './ci-grouping.js';
import { collationCi, EXPR_KINDS as COLLATION_CI_READS } from './collation-ci.js';
import { columnTypes } from './column-types.js';
import { decimalDivision, EXPR_KINDS as DECIMAL_DIVISION_READS } from './decimal-division.js';
import { dropTableHints } from './drop-table-hints.js';
import { iifToCase, EXPR_KINDS as IIF_TO_CASE_READS } from './iif-to-case.js';
import { insertColumns } from './insert-columns.js';
import { insertLiteralTypes } from './insert-literal-types.js';
import { integerDivision, EXPR_KINDS as INTEGER_DIVISION_READS } from './integer-division.js';
import { mapSchemas } from './map-schemas.js';
import { nullifStrings, EXPR_KINDS as NULLIF_STRINGS_READS } from './nullif-strings.js';
import { realArithmetic, EXPR_KINDS as REAL_ARITHMETIC_READS } from './real-arithmetic.js';
import { relations } from './relations.js';
import { isnullToCoalesce, EXPR_KINDS as ISNULL_TO_COALESCE_READS } from './isnull-to-coalesce.js';
import { isoDateLiterals, EXPR_KINDS as ISO_DATE_LITERALS_READS } from './iso-date-literals.js';
import { stringConcat, EXPR_KINDS as STRING_CONCAT_READS } from './string-concat.js';
import { topToLimit } from './top-to-limit.js';
import { trailingSpaces, EXPR_KINDS as TRAILING_SPACES_READS } from './trailing-spaces.js';
import type { Stmt } from '../ir.js';
import { nodeKinds, type NodeKind } from './node-kinds.js';
import type { Pass, PassContext } from './walk.js';

/**
 * A rewrite pass and the node kinds it rewrites. `reads` is a promise by the pass: a statement
 * holding none of those kinds comes back unchanged, so the runner skips it (node-kinds.ts). `adds`
 * lists the kinds it may create, which later passes must then not be skipped for. Undefined `reads`:
 * always run.
 */
export interface PassSpec {
  readonly name: string;
  readonly run: Pass;
  readonly reads?: ReadonlySet<NodeKind>;
  readonly adds?: readonly NodeKind[];
}

const kinds = (...k: NodeKind[]): ReadonlySet<NodeKind> => new Set(k);

export const PASSES: readonly PassSpec[] = [
  // First: column references get their declared types while names are as written (before relations and map-schemas).
  { name: 'column-types', run: columnTypes, reads: kinds('Col') },
  // Then the resolver sees table names as written, before map-schemas drops `dbo`.
  { name: 'relations', run: relations, reads: kinds('TableRef') },
  // Statement names (CREATE, INSERT, TRUNCATE targets) as well as table references: always.
  { name: 'map-schemas', run: mapSchemas },
  { name: 'drop-table-hints', run: dropTableHints, reads: kinds('TableRef') },
  // Before the literal types: values are matched to columns by position.
  { name: 'insert-columns', run: insertColumns, reads: kinds('Insert') },
  { name: 'insert-literal-types', run: insertLiteralTypes, reads: kinds('Insert'), adds: ['Cast'] },
  { name: 'top-to-limit', run: topToLimit, reads: kinds('Select') },
  { name: 'apply-to-lateral', run: applyToLateral, reads: kinds('Join'), adds: ['Lit'] },
  // Type-sensitive passes run before ISNULL/IIF disappear, so inference still sees the originals' types.
  { name: 'string-concat', run: stringConcat, reads: STRING_CONCAT_READS, adds: ['Concat', 'Cast'] },
  { name: 'real-arithmetic', run: realArithmetic, reads: REAL_ARITHMETIC_READS, adds: ['Cast'] },
  { name: 'integer-division', run: integerDivision, reads: INTEGER_DIVISION_READS, adds: ['Cast', 'Fn', 'Lit'] },
  // After integer-division: what is left of `/` with a decimal result divides exactly at SQL Server's scale.
  { name: 'decimal-division', run: decimalDivision, reads: DECIMAL_DIVISION_READS, adds: ['Cast', 'Fn', 'Lit'] },
  { name: 'iso-date-literals', run: isoDateLiterals, reads: ISO_DATE_LITERALS_READS },
  // Its CASE's comparison then gets the string semantics of the two passes after it.
  { name: 'nullif-strings', run: nullifStrings, reads: NULLIF_STRINGS_READS, adds: ['Case', 'Binary', 'Lit'] },
  // Before collation-ci, which folds what this trims: lower(rtrim(x)).
  { name: 'trailing-spaces', run: trailingSpaces, reads: TRAILING_SPACES_READS, adds: ['Fn'] },
  { name: 'collation-ci', run: collationCi, reads: COLLATION_CI_READS, adds: ['Fn'] },
  // After collation-ci: a HAVING comparison already folded still gets its grouped column shown.
  { name: 'ci-grouping', run: ciGrouping, reads: kinds('Select', 'Fn'), adds: ['Fn'] },
  { name: 'isnull-to-coalesce', run: isnullToCoalesce, reads: ISNULL_TO_COALESCE_READS, adds: ['Fn', 'Cast'] },
  { name: 'iif-to-case', run: iifToCase, reads: IIF_TO_CASE_READS, adds: ['Case', 'Lit'] },
];

/** Runs every pass in order on a lowered statement, skipping those whose kinds it does not hold. */
export function runPasses(stmt: Stmt, ctx: PassContext): Stmt {
  const present = nodeKinds(stmt);
  let s = stmt;
  for (const pass of PASSES) {
    if (pass.reads && !overlaps(pass.reads, present)) continue;
    const out = pass.run(s, ctx);
    // Passes are copy-on-write: the same object back means nothing was rewritten, nor added.
    if (out !== s && pass.adds) for (const k of pass.adds) present.add(k);
    s = out;
  }
  return s;
}

function overlaps(a: ReadonlySet<NodeKind>, b: ReadonlySet<NodeKind>): boolean {
  // The smaller side is iterated: `present` is often one or two kinds (an INSERT of literals).
  if (b.size < a.size) [a, b] = [b, a];
  for (const k of a) if (b.has(k)) return true;
  return false;
}

export type { Pass, PassContext, RelationName, RelationResolver } from './walk.js';
export type { NodeKind } from './node-kinds.js';
