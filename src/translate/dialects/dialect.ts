/**
 * What a target is: data (type map, function table, flags) plus a few small hooks. Every field is
 * required, so a new dialect that forgets a flag, a type or a function does not compile.
 */
import type { DiagnosticCode } from '../../diagnostics/index.js';
import type { FnName } from '../functions.js';
import type { DateUnit, Fn } from '../ir.js';
import type { SqlType, TypeName } from '../types.js';

export const TARGETS = ['duckdb', 'postgres', 'snowflake', 'bigquery', 'databricks', 'fabric', 'dbt'] as const;
export type TargetName = (typeof TARGETS)[number];

export interface DialectFlags {
  /** A QUALIFY clause exists (used to emulate TOP … WITH TIES). */
  readonly qualify: boolean;
  /** `FETCH FIRST n ROWS WITH TIES` exists. */
  readonly fetchWithTies: boolean;
  /** How a row limit is written. */
  readonly rowLimit: 'limit' | 'top';
  /** How APPLY is written: LATERAL joins or T-SQL APPLY. */
  readonly lateral: 'lateral' | 'apply';
  /** ILIKE exists. */
  readonly ilike: boolean;
  /** `int / int` truncates as in T-SQL. When false, integer division needs DIV's template. */
  readonly typedDivision: boolean;
  /** `WITH RECURSIVE` is required for a recursive CTE. */
  readonly recursiveKeyword: boolean;
  /** The null-propagating concatenation operator. */
  readonly concatOperator: '||' | '+';
  /** How a view is (re)created. */
  readonly createView: 'CREATE OR REPLACE VIEW' | 'CREATE OR ALTER VIEW' | 'CREATE VIEW';
  /** Character that opens and closes a quoted identifier. */
  readonly quote: readonly [open: string, close: string];
  /** LIKE understands T-SQL's [a-z] / [^a-z] classes (else a regular expression is used). */
  readonly likeBracketClasses: boolean;
  /** TRUE/FALSE literals exist (else 1=1 / 1=0). */
  readonly booleanLiterals: boolean;
  /** UPDATE joined to other tables: `UPDATE t AS a SET … FROM other WHERE …`, T-SQL's `UPDATE a SET … FROM t AS a, other`, or not at all. */
  readonly updateFrom: 'from' | 'tsql' | false;
  /** DELETE joined to other tables: `DELETE FROM t AS a USING other WHERE …`, T-SQL's `DELETE a FROM t AS a, other`, or not at all. */
  readonly deleteUsing: 'using' | 'tsql' | false;
  /** UPDATE/DELETE must have a WHERE clause (`WHERE TRUE` is added). */
  readonly dmlNeedsWhere: boolean;
  /** RETURNING on UPDATE and DELETE (OUTPUT inserted./deleted.). */
  readonly returning: boolean;
  /** MERGE … WHEN NOT MATCHED BY SOURCE exists. */
  readonly mergeBySource: boolean;
}

/** What a function or type template may ask of the generator. */
export interface RenderContext {
  readonly target: TargetName;
  /** The datepart of a date function's first argument. */
  unit(call: Fn): DateUnit;
  /** Records a diagnostic at the call and returns the marker comment to prefix the output with. */
  unsupported(call: Fn, code: DiagnosticCode, params: Record<string, string | number>): string;
  /** ` ORDER BY …` from WITHIN GROUP, or ''. */
  orderSuffix(call: Fn): string;
  /** The argument's inferred class is known to be this. */
  argIs(call: Fn, index: number, cls: 'integer' | 'exact' | 'approx' | 'date' | 'datetime' | 'string'): boolean;
  /** The literal text of a string literal argument, else undefined. */
  literal(call: Fn, index: number): string | undefined;
  quoteString(s: string): string;
}

/**
 * How a function prints: a template with `{0}`, `{1}` … (`{*}` = all arguments joined by ', '),
 * a function for anything conditional, or a reason it cannot be translated.
 */
export type FnRender =
  | string
  | ((args: readonly string[], ctx: RenderContext, call: Fn) => string)
  | { readonly unsupported: string };

/** How a type prints, and what the target loses (undefined when nothing). */
export interface TypeRender {
  readonly sql: string | ((t: SqlType) => string);
  readonly loss?: string;
}

export interface Dialect {
  readonly name: TargetName;
  readonly flags: DialectFlags;
  readonly types: Readonly<Record<TypeName, TypeRender>>;
  readonly functions: Readonly<Record<FnName, FnRender>>;
  /** Words that must be quoted as identifiers on this target (upper case). */
  readonly reserved: ReadonlySet<string>;
  /** T-SQL `/` between integers, for targets where `/` is always exact. */
  readonly integerDivide: (left: string, right: string) => string;
  /** A full-string regular-expression match (LIKE with [a-z] classes). */
  readonly regexMatch: (subject: string, regex: string, caseInsensitive: boolean) => string;
}
