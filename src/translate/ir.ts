/**
 * The dialect-neutral tree. Lowering (lower/) builds it from the T-SQL AST; passes (passes/)
 * rewrite it; generators (generate/ + dialects/) print it. Nodes are readonly and carry semantic
 * meaning, not T-SQL spelling: `StrPosition`, not `CHARINDEX`.
 */
import type { DiagnosticCode } from '../diagnostics/index.js';
import type { Span } from '../diagnostics/span.js';
import type { FnName } from './functions.js';
import type { SqlType } from './types.js';

export interface Ident {
  readonly name: string;
  /** The user quoted it; the generator quotes anyway when the target needs it. */
  readonly quoted: boolean;
}

/** Normalised datepart: every T-SQL abbreviation (yy, yyyy, m, mm, dw …) maps to one of these. */
export type DateUnit =
  | 'year' | 'quarter' | 'month' | 'dayofyear' | 'day' | 'week' | 'iso_week' | 'weekday'
  | 'hour' | 'minute' | 'second' | 'millisecond' | 'microsecond' | 'nanosecond' | 'tzoffset';

export type Expr =
  | Lit | Col | Star | Param | Unary | Binary | Concat | Between | InList | InQuery | Like | IsNullTest
  | Exists | Quantified | CaseExpr | CastExpr | Fn | Subquery | Paren | Unit | Marked | Raw;

interface Base { readonly span?: Span }

export interface Lit extends Base {
  readonly kind: 'Lit';
  readonly type: 'string' | 'integer' | 'decimal' | 'float' | 'null' | 'binary' | 'bool';
  readonly value: string;
}
export interface Col extends Base {
  readonly kind: 'Col';
  readonly parts: readonly Ident[];
  /** The column's declared type, set by the column-types pass when scope resolution knows it (absent: unknown). */
  readonly type?: SqlType;
}
export interface Star extends Base { readonly kind: 'Star'; readonly qualifier?: readonly Ident[] }
/**
 * `@name`: a routine variable or parameter. `local` is set inside a routine translated to a procedural
 * language: the name it is declared under there (printed as is), with its declared `type`.
 */
export interface Param extends Base { readonly kind: 'Param'; readonly name: string; readonly local?: string; readonly type?: SqlType }
export interface Unary extends Base { readonly kind: 'Unary'; readonly op: '-' | '+' | '~' | 'NOT'; readonly operand: Expr }

export type BinaryOp =
  | '+' | '-' | '*' | '/' | '%' | '&' | '|' | '^'
  | '=' | '<>' | '<' | '>' | '<=' | '>=' | 'AND' | 'OR'
  /** Integer division (T-SQL `/` when both operands are integers): truncates toward zero. */
  | 'DIV';

export interface Binary extends Base { readonly kind: 'Binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr }

/** String concatenation. `nullPropagating`: T-SQL `+` (NULL if any part is NULL); else CONCAT() (NULL as ''). */
export interface Concat extends Base { readonly kind: 'Concat'; readonly args: readonly Expr[]; readonly nullPropagating: boolean }

export interface Between extends Base { readonly kind: 'Between'; readonly expr: Expr; readonly not: boolean; readonly low: Expr; readonly high: Expr }
export interface InList extends Base { readonly kind: 'InList'; readonly expr: Expr; readonly not: boolean; readonly list: readonly Expr[] }
export interface InQuery extends Base { readonly kind: 'InQuery'; readonly expr: Expr; readonly not: boolean; readonly query: Query }
/**
 * LIKE with T-SQL pattern semantics (`[a-z]`, `[^x]` classes). `classes` is true when the pattern
 * uses brackets, so targets without them use a regular expression.
 */
export interface Like extends Base {
  readonly kind: 'Like';
  readonly expr: Expr;
  readonly not: boolean;
  readonly pattern: Expr;
  readonly escape?: Expr;
  readonly caseInsensitive: boolean;
}
export interface IsNullTest extends Base { readonly kind: 'IsNullTest'; readonly expr: Expr; readonly not: boolean }
export interface Exists extends Base { readonly kind: 'Exists'; readonly query: Query }
export interface Quantified extends Base {
  readonly kind: 'Quantified'; readonly left: Expr; readonly op: BinaryOp; readonly quantifier: 'ALL' | 'ANY'; readonly query: Query;
}
export interface CaseExpr extends Base {
  readonly kind: 'Case';
  readonly operand?: Expr;
  readonly whens: readonly { readonly when: Expr; readonly then: Expr }[];
  readonly else?: Expr;
}
/** `safe`: TRY_CAST semantics (NULL on failure). */
export interface CastExpr extends Base { readonly kind: 'Cast'; readonly expr: Expr; readonly type: SqlType; readonly safe: boolean }

export interface OrderItem { readonly expr: Expr; readonly desc: boolean }
export interface FrameBound { readonly type: 'UNBOUNDED PRECEDING' | 'UNBOUNDED FOLLOWING' | 'CURRENT ROW' | 'PRECEDING' | 'FOLLOWING'; readonly offset?: Expr }
export interface Window {
  readonly name?: string;
  readonly partitionBy: readonly Expr[];
  readonly orderBy: readonly OrderItem[];
  readonly frame?: { readonly unit: 'ROWS' | 'RANGE'; readonly start: FrameBound; readonly end?: FrameBound };
}

/**
 * A call of a semantic function (see functions.ts). Arguments are in the function's fixed order
 * whatever the T-SQL order was; `User` carries a call the translator does not know.
 */
export interface Fn extends Base {
  readonly kind: 'Fn';
  readonly fn: FnName;
  readonly args: readonly Expr[];
  /** For `User` (unknown) functions: the name, under the schema map (map-schemas) like table names. */
  readonly name?: readonly Ident[];
  /** The name as written when the schema map changed it: what a catalog lookup needs (dbt/scalar-functions.ts). */
  readonly written?: readonly Ident[];
  readonly distinct?: boolean;
  readonly withinGroup?: readonly OrderItem[];
  readonly over?: Window;
  readonly ignoreNulls?: boolean;
}
export interface Subquery extends Base { readonly kind: 'Subquery'; readonly query: Query }
export interface Paren extends Base { readonly kind: 'Paren'; readonly expr: Expr }
/** A datepart argument (DATEADD's first argument), already normalised. */
export interface Unit extends Base { readonly kind: 'Unit'; readonly unit: DateUnit }
/** An expression with a diagnostic attached: the generator prints a marker comment before it. */
export interface Marked extends Base { readonly kind: 'Marked'; readonly code: DiagnosticCode; readonly message: string; readonly expr: Expr }
/** Text printed verbatim (used for pass-through of things we cannot model). */
export interface Raw extends Base { readonly kind: 'Raw'; readonly text: string }

// ---- queries ----

export interface Query extends Base {
  readonly kind: 'Query';
  readonly with?: With;
  readonly body: QueryBody;
  readonly orderBy?: readonly OrderItem[];
  readonly limit?: Limit;
  readonly offset?: Expr;
}

/** Row limiting after TOP → LIMIT: `percent` and `withTies` need emulation on most targets. */
export interface Limit { readonly count: Expr; readonly percent: boolean; readonly withTies: boolean }

export interface With { readonly recursive: boolean; readonly ctes: readonly Cte[] }
export interface Cte { readonly name: Ident; readonly columns?: readonly Ident[]; readonly query: Query }

export type QueryBody = Select | SetOp | ParenQuery | Values;

export interface SelectItem { readonly expr: Expr; readonly alias?: Ident }

export interface Select extends Base {
  readonly kind: 'Select';
  readonly distinct: boolean;
  /** T-SQL TOP before the TOP→LIMIT pass; always undefined after it. */
  readonly top?: Limit;
  readonly columns: readonly SelectItem[];
  readonly into?: readonly Ident[];
  readonly from: readonly Source[];
  readonly where?: Expr;
  readonly groupBy?: GroupBy;
  readonly having?: Expr;
  readonly qualify?: Expr;
  readonly windows?: readonly { readonly name: string; readonly spec: Window }[];
}

export type GroupingItem = Expr | GroupingSet;
export interface GroupingSet { readonly kind: 'GroupingSet'; readonly type: 'ROLLUP' | 'CUBE' | 'GROUPING SETS' | 'LIST'; readonly items: readonly GroupingItem[] }
export interface GroupBy { readonly items: readonly GroupingItem[] }

export interface SetOp extends Base { readonly kind: 'SetOp'; readonly op: 'UNION' | 'UNION ALL' | 'EXCEPT' | 'INTERSECT'; readonly left: QueryBody; readonly right: QueryBody }
export interface ParenQuery extends Base { readonly kind: 'ParenQuery'; readonly query: Query }
export interface Values extends Base { readonly kind: 'Values'; readonly rows: readonly (readonly Expr[])[] }

export type Source = TableRef | DerivedTable | TableFn | JoinSource | ParenSource | PivotSource | UnpivotSource | RawSource;

export interface TableRef extends Base {
  readonly kind: 'TableRef';
  readonly name: readonly Ident[];
  readonly alias?: Ident;
  /** T-SQL table hints, removed (with a note) by the drop-table-hints pass. */
  readonly hints?: readonly { readonly name: string; readonly span?: Span }[];
  /** Printed verbatim instead of `name` (a dbt `{{ ref('…') }}` / `{{ source('…', '…') }}`): set by the relations pass. */
  readonly relation?: string;
}
export interface DerivedTable extends Base {
  readonly kind: 'DerivedTable'; readonly query: Query; readonly alias?: Ident; readonly columns?: readonly Ident[]; readonly lateral: boolean;
}
export interface TableFn extends Base {
  readonly kind: 'TableFn'; readonly call: Expr; readonly alias?: Ident; readonly columns?: readonly Ident[]; readonly lateral: boolean;
}
/** CROSS/OUTER APPLY exist only before the apply-to-lateral pass. */
export type JoinType = 'INNER' | 'LEFT' | 'RIGHT' | 'FULL' | 'CROSS' | 'CROSS APPLY' | 'OUTER APPLY';
export interface JoinSource extends Base { readonly kind: 'Join'; readonly type: JoinType; readonly left: Source; readonly right: Source; readonly on?: Expr }
export interface ParenSource extends Base { readonly kind: 'ParenSource'; readonly source: Source; readonly alias?: Ident }
export interface PivotSource extends Base {
  readonly kind: 'Pivot'; readonly source: Source; readonly aggregate: Fn; readonly column: Expr; readonly values: readonly Ident[]; readonly alias: Ident;
}
export interface UnpivotSource extends Base {
  readonly kind: 'Unpivot'; readonly source: Source; readonly valueColumn: Ident; readonly nameColumn: Ident; readonly columns: readonly Ident[]; readonly alias: Ident;
}
export interface RawSource extends Base { readonly kind: 'RawSource'; readonly text: string; readonly code: DiagnosticCode; readonly message: string }

// ---- statements ----

export type Stmt =
  | QueryStmt | CreateTableStmt | CreateViewStmt | InsertStmt | UpdateStmt | DeleteStmt | MergeStmt | TruncateStmt | UnsupportedStmt;

export interface QueryStmt extends Base { readonly kind: 'QueryStmt'; readonly query: Query }
export interface ColumnDef {
  readonly name: Ident; readonly type: SqlType; readonly notNull: boolean; readonly default?: Expr; readonly identity: boolean;
  /** IDENTITY(seed, increment) as integer literals (absent: SQL Server's default 1, 1). */
  readonly identitySeed?: string; readonly identityIncrement?: string;
}
export interface CreateTableStmt extends Base {
  readonly kind: 'CreateTable';
  readonly name: readonly Ident[];
  readonly columns: readonly ColumnDef[];
  readonly primaryKey?: readonly Ident[];
  /** From SELECT … INTO. */
  readonly asQuery?: Query;
}
export interface CreateViewStmt extends Base {
  readonly kind: 'CreateView'; readonly name: readonly Ident[]; readonly columns?: readonly Ident[]; readonly query: Query; readonly orReplace: boolean;
}
export interface InsertStmt extends Base {
  readonly kind: 'Insert'; readonly table: readonly Ident[]; readonly columns?: readonly Ident[]; readonly source: Query;
}
/** `column = value` in UPDATE … SET or MERGE … UPDATE SET: the column is unqualified (compound operators expanded). */
export interface SetAssign { readonly column: Ident; readonly value: Expr }
/**
 * UPDATE in its neutral shape: the target table (with its alias), the other sources as a flat list
 * (T-SQL's inner joins flattened, their ON conditions moved into `where`), and RETURNING items
 * (from OUTPUT inserted.*, already rewritten to refer to the target).
 */
export interface UpdateStmt extends Base {
  readonly kind: 'Update';
  readonly with?: With;
  readonly target: TableRef;
  readonly set: readonly SetAssign[];
  readonly from: readonly Source[];
  readonly where?: Expr;
  readonly returning?: readonly SelectItem[];
}
/** DELETE: target, other sources (USING) and conditions as for UpdateStmt. */
export interface DeleteStmt extends Base {
  readonly kind: 'Delete';
  readonly with?: With;
  readonly target: TableRef;
  readonly using: readonly Source[];
  readonly where?: Expr;
  readonly returning?: readonly SelectItem[];
}
export type MergeAction =
  | { readonly kind: 'MergeUpdate'; readonly set: readonly SetAssign[] }
  | { readonly kind: 'MergeDelete' }
  | { readonly kind: 'MergeInsert'; readonly columns?: readonly Ident[]; readonly values: readonly Expr[] };
export interface MergeWhen {
  readonly match: 'MATCHED' | 'NOT MATCHED' | 'NOT MATCHED BY SOURCE';
  readonly condition?: Expr;
  readonly action: MergeAction;
}
export interface MergeStmt extends Base {
  readonly kind: 'Merge';
  readonly with?: With;
  readonly target: TableRef;
  readonly using: Source;
  readonly on: Expr;
  readonly clauses: readonly MergeWhen[];
}
export interface TruncateStmt extends Base { readonly kind: 'Truncate'; readonly table: readonly Ident[] }
/** A statement we do not translate: kept as a comment, with its diagnostic. */
export interface UnsupportedStmt extends Base { readonly kind: 'Unsupported'; readonly text: string; readonly code: DiagnosticCode; readonly message: string }

export const ident = (name: string, quoted = false): Ident => ({ name, quoted });
export const lit = (value: string, type: Lit['type'] = 'string'): Lit => ({ kind: 'Lit', type, value });
export const fn = (name: FnName, args: readonly Expr[], extra: Partial<Fn> = {}): Fn => ({ kind: 'Fn', fn: name, args, ...extra });
