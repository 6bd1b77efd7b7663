/** The rewrite passes, in the order they run. Each is a pure Stmt → Stmt function in its own file. */
import { applyToLateral } from './apply-to-lateral.js';
import { collationCi } from './collation-ci.js';
import { columnTypes } from './column-types.js';
import { dropTableHints } from './drop-table-hints.js';
import { iifToCase } from './iif-to-case.js';
import { insertColumns } from './insert-columns.js';
import { insertLiteralTypes } from './insert-literal-types.js';
import { integerDivision } from './integer-division.js';
import { mapSchemas } from './map-schemas.js';
import { realArithmetic } from './real-arithmetic.js';
import { relations } from './relations.js';
import { isnullToCoalesce } from './isnull-to-coalesce.js';
import { isoDateLiterals } from './iso-date-literals.js';
import { stringConcat } from './string-concat.js';
import { topToLimit } from './top-to-limit.js';
import type { Pass } from './walk.js';

export const PASSES: readonly (readonly [string, Pass])[] = [
  // First: column references get their types while names are as written (before relations and map-schemas).
  ['column-types', columnTypes],
  // Then the resolver sees table names as written, before map-schemas drops `dbo`.
  ['relations', relations],
  ['map-schemas', mapSchemas],
  ['drop-table-hints', dropTableHints],
  // Before the literal types: values are matched to columns by position.
  ['insert-columns', insertColumns],
  ['insert-literal-types', insertLiteralTypes],
  ['top-to-limit', topToLimit],
  ['apply-to-lateral', applyToLateral],
  // Type-sensitive passes run before ISNULL/IIF disappear, so inference still sees the originals' types.
  ['string-concat', stringConcat],
  ['real-arithmetic', realArithmetic],
  ['integer-division', integerDivision],
  ['iso-date-literals', isoDateLiterals],
  ['collation-ci', collationCi],
  ['isnull-to-coalesce', isnullToCoalesce],
  ['iif-to-case', iifToCase],
];

export type { Pass, PassContext, RelationName, RelationResolver } from './walk.js';
